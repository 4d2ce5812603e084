#include "example_catalog.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ljp::ui {
namespace {

// The stitch cases in the order the README tells them, then the chain.
constexpr std::array<std::string_view, 6> kFirst = {"maxsnap_stitch.lua",  "table_bump_stitch.lua",
                                                    "ir_grow_canon.lua",   "snap_grow_stitch.lua",
                                                    "ir_const_stitch.lua", "stitch_chain.lua"};

size_t MenuRank(std::string_view name) {
  const auto it = std::find(kFirst.begin(), kFirst.end(), name);
  return static_cast<size_t>(it - kFirst.begin());
}

}  // namespace

ExampleInfo DescribeExample(std::string_view source) {
  ExampleInfo info;
  std::istringstream in{std::string(source)};
  std::string line;
  bool paragraph_open = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("#!", 0) == 0) continue;
    if (line.rfind("--", 0) != 0) break;
    if (line.rfind("-- ljplay:", 0) == 0) continue;
    std::string text = line.substr(2);
    if (!text.empty() && text[0] == ' ') text.erase(0, 1);
    if (info.title.empty() && !text.empty()) {
      info.title = text;
      // A first line that is a whole sentence is the title only; one that runs
      // on is cut at its colon for the title and stays in the explanation.
      if (text.back() == '.') continue;
      if (const size_t colon = text.find(": "); colon != std::string::npos)
        info.title = text.substr(0, colon);
    }
    // Lines of a paragraph are joined; an empty comment line separates paragraphs,
    // and a line starting a "Broken in:" / "Fixed ..." note starts a new one.
    const bool note = text.rfind("Broken", 0) == 0 || text.rfind("Fixed", 0) == 0;
    if (text.empty()) {
      paragraph_open = false;
    } else if (paragraph_open && !note) {
      info.about += ' ' + text;
    } else {
      if (!info.about.empty()) info.about += "\n\n";
      info.about += text;
      paragraph_open = true;
    }
  }
  return info;
}

ExampleInfo ExampleFromSource(const std::string& path, std::string_view source) {
  ExampleInfo info = DescribeExample(source);
  info.path = path;
  info.name = std::filesystem::path(path).filename().string();
  return info;
}

void SortForMenu(std::vector<ExampleInfo>& examples) {
  std::sort(examples.begin(), examples.end(), [](const ExampleInfo& a, const ExampleInfo& b) {
    const size_t ra = MenuRank(a.name), rb = MenuRank(b.name);
    return ra != rb ? ra < rb : a.name < b.name;
  });
}

std::vector<ExampleInfo> ListExamples(const std::string& dir) {
  std::vector<ExampleInfo> out;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".lua") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream source;
    source << in.rdbuf();
    out.push_back(ExampleFromSource(entry.path().string(), source.str()));
  }
  SortForMenu(out);
  return out;
}

}  // namespace ljp::ui
