// The example programs (examples/*.lua) as the Examples menu lists them: the
// five stitch cases first, then the rest by name, each with the title and the
// explanation its header comment gives.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ljp::ui {

struct ExampleInfo {
  std::string path;   // the file
  std::string name;   // "maxsnap_stitch.lua"
  std::string title;  // the first comment line: "Case 1: the snapshot limit is reached ..."
  std::string about;  // the header comment after the title, '-- ljplay:' lines left out;
                      // paragraphs separated by an empty line
};

// Title and explanation from a program's header comment (the comment lines
// before the first line of code).
ExampleInfo DescribeExample(std::string_view source);

// An example from its text: DescribeExample's, with its path and file name.
ExampleInfo ExampleFromSource(const std::string& path, std::string_view source);

// Sorts examples in menu order.
void SortForMenu(std::vector<ExampleInfo>& examples);

// Every *.lua in dir, in menu order; empty if dir cannot be read.
std::vector<ExampleInfo> ListExamples(const std::string& dir);

}  // namespace ljp::ui
