#include "lua_highlight.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace ljp::ui {
namespace {

constexpr std::array<std::string_view, 22> kKeywords = {
    "and",      "break",  "do",   "else", "elseif", "end",  "false", "for",
    "function", "goto",   "if",   "in",   "local",  "nil",  "not",   "or",
    "repeat",   "return", "then", "true", "until",  "while"};

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// At s[i] == '[': the level of a long bracket "[==[" (2), or -1 if none.
int LongBracketLevel(std::string_view s, size_t i) {
  size_t j = i + 1;
  while (j < s.size() && s[j] == '=') ++j;
  return j < s.size() && s[j] == '[' ? static_cast<int>(j - i - 1) : -1;
}

// The end of a long bracket of `level` opened before `from` (past its "]==]").
size_t LongBracketEnd(std::string_view s, size_t from, int level) {
  std::string close(static_cast<size_t>(level) + 2, '=');  // "]==]"
  close.front() = close.back() = ']';
  const size_t at = s.find(close, from);
  return at == std::string_view::npos ? s.size() : at + close.size();
}

// The kind of every byte of the source.
std::vector<LuaTokenKind> Classify(std::string_view s) {
  std::vector<LuaTokenKind> kind(s.size(), LuaTokenKind::kText);
  auto mark = [&](size_t from, size_t to, LuaTokenKind k) {
    std::fill(kind.begin() + from, kind.begin() + std::min(to, s.size()), k);
  };
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      size_t end;
      const int level = i + 2 < s.size() && s[i + 2] == '[' ? LongBracketLevel(s, i + 2) : -1;
      if (level >= 0) {
        end = LongBracketEnd(s, i + 2 + level + 2, level);
      } else {
        end = s.find('\n', i);
        if (end == std::string_view::npos) end = s.size();
      }
      mark(i, end, LuaTokenKind::kComment);
      i = end;
    } else if (c == '[' && LongBracketLevel(s, i) >= 0) {
      const int level = LongBracketLevel(s, i);
      const size_t end = LongBracketEnd(s, i + level + 2, level);
      mark(i, end, LuaTokenKind::kString);
      i = end;
    } else if (c == '"' || c == '\'') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != c && s[j] != '\n') j += s[j] == '\\' ? 2 : 1;
      const size_t end = std::min(j + 1, s.size());  // an unfinished string ends at its line
      mark(i, j < s.size() && s[j] == '\n' ? j : end, LuaTokenKind::kString);
      i = end;
    } else if (IsDigit(c) || (c == '.' && i + 1 < s.size() && IsDigit(s[i + 1]))) {
      // Digits, letters (hex, exponents, LL/ULL/i suffixes), dots and an
      // exponent's sign: what Lua's lexer reads as one numeral.
      const bool hex = c == '0' && i + 1 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X');
      size_t j = i + 1;
      while (j < s.size()) {
        const char d = s[j];
        const char e = s[j - 1];
        const bool exponent = hex ? (e == 'p' || e == 'P') : (e == 'e' || e == 'E');
        if (IsIdentChar(d) || d == '.' || ((d == '+' || d == '-') && exponent))
          ++j;
        else
          break;
      }
      mark(i, j, LuaTokenKind::kNumber);
      i = j;
    } else if (IsIdentStart(c)) {
      size_t j = i + 1;
      while (j < s.size() && IsIdentChar(s[j])) ++j;
      const std::string_view word = s.substr(i, j - i);
      if (std::find(kKeywords.begin(), kKeywords.end(), word) != kKeywords.end())
        mark(i, j, LuaTokenKind::kKeyword);
      i = j;
    } else {
      ++i;
    }
  }
  return kind;
}

}  // namespace

std::vector<std::vector<LuaSpan>> HighlightLua(std::string_view source) {
  const std::vector<LuaTokenKind> kind = Classify(source);
  std::vector<std::vector<LuaSpan>> lines;
  size_t start = 0;
  while (start < source.size()) {
    size_t end = source.find('\n', start);
    if (end == std::string_view::npos) end = source.size();
    std::vector<LuaSpan> spans;
    for (size_t i = start; i < end; ++i) {
      if (!spans.empty() && spans.back().kind == kind[i])
        spans.back().end = i - start + 1;
      else
        spans.push_back({kind[i], i - start, i - start + 1});
    }
    lines.push_back(std::move(spans));
    start = end + 1;
  }
  return lines;
}

}  // namespace ljp::ui
