// A small Lua tokenizer for the source pane's colours: keywords, strings,
// comments and numbers. Only as much of the lexer as colouring needs.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace ljp::ui {

enum class LuaTokenKind { kText, kKeyword, kString, kComment, kNumber };

// A run of one kind in a line: [begin, end) byte offsets into that line.
struct LuaSpan {
  LuaTokenKind kind = LuaTokenKind::kText;
  size_t begin = 0, end = 0;
  bool operator==(const LuaSpan&) const = default;
};

// The spans of each line of `source` (lines split as std::getline splits
// them), covering each line end to end. Long strings and comments carry
// over line ends.
std::vector<std::vector<LuaSpan>> HighlightLua(std::string_view source);

}  // namespace ljp::ui
