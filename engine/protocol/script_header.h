// Options a Lua file carries for `ljplay run`: header comment lines of the form
//   -- ljplay: --opt maxsnap=1 --fault ir-grow=canon --stitch-mode full
// at the top of the file (before the first line that is not a comment).
#pragma once

#include <string>
#include <vector>

namespace ljp {

// The header's arguments, split at whitespace, in order.
std::vector<std::string> ScriptHeaderArgs(const std::string& source);

}  // namespace ljp
