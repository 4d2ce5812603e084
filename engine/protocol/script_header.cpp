#include "script_header.h"

#include <sstream>

namespace ljp {

std::vector<std::string> ScriptHeaderArgs(const std::string& source) {
  static const std::string kMarker = "-- ljplay:";
  std::vector<std::string> args;
  std::istringstream in(source);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("#!", 0) == 0) continue;  // a shebang may come first
    if (line.rfind("--", 0) != 0) break;     // the header ends at the first code line
    if (line.rfind(kMarker, 0) != 0) continue;
    std::istringstream words(line.substr(kMarker.size()));
    for (std::string word; words >> word;) args.push_back(word);
  }
  return args;
}

}  // namespace ljp
