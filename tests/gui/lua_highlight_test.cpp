// The source pane's Lua tokenizer: which bytes of a line are keywords,
// strings, comments and numbers.
#include "lua_highlight.h"

#include <gtest/gtest.h>

#include <string>

namespace ljp::ui {
namespace {

using K = LuaTokenKind;

// A line's spans as "kind:text" pieces, e.g. "k:local t: x = n:1".
std::string Render(std::string_view line, const std::vector<LuaSpan>& spans) {
  std::string out;
  for (const LuaSpan& s : spans) {
    const char* tag = s.kind == K::kKeyword   ? "k"
                      : s.kind == K::kString  ? "s"
                      : s.kind == K::kComment ? "c"
                      : s.kind == K::kNumber  ? "n"
                                              : "t";
    if (!out.empty()) out += '|';
    out += std::string(tag) + ":" + std::string(line.substr(s.begin, s.end - s.begin));
  }
  return out;
}

std::string One(std::string_view line) {
  const auto lines = HighlightLua(line);
  return lines.empty() ? "" : Render(line, lines[0]);
}

TEST(LuaHighlight, KeywordsNumbersAndLineComment) {
  EXPECT_EQ(One("local x = 10 -- ten"), "k:local|t: x = |n:10|t: |c:-- ten");
}

TEST(LuaHighlight, KeywordInsideAnIdentifierIsNotAKeyword) {
  EXPECT_EQ(One("endx = nil"), "t:endx = |k:nil");
}

TEST(LuaHighlight, StringsWithEscapedQuotes) {
  EXPECT_EQ(One(R"(print("a\"b", 'c'))"), R"(t:print(|s:"a\"b"|t:, |s:'c'|t:))");
}

TEST(LuaHighlight, NumeralForms) {
  EXPECT_EQ(One("a=0x1p4+1e-3-3ULL+.5"), "t:a=|n:0x1p4|t:+|n:1e-3|t:-|n:3ULL|t:+|n:.5");
}

TEST(LuaHighlight, LongStringAndLongCommentSpanLines) {
  const std::string src = "s = [==[one\n]]two]==] --[[c\nd]] x\n\nend";
  const auto lines = HighlightLua(src);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(Render("s = [==[one", lines[0]), "t:s = |s:[==[one");
  EXPECT_EQ(Render("]]two]==] --[[c", lines[1]), "s:]]two]==]|t: |c:--[[c");
  EXPECT_EQ(Render("d]] x", lines[2]), "c:d]]|t: x");
  EXPECT_TRUE(lines[3].empty());
  EXPECT_EQ(Render("end", lines[4]), "k:end");
}

TEST(LuaHighlight, LinesSplitAsGetlineDoes) {
  EXPECT_EQ(HighlightLua("a\nb\n").size(), 2u);
  EXPECT_EQ(HighlightLua("").size(), 0u);
  const auto lines = HighlightLua("x\n\ny");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2], (std::vector<LuaSpan>{{K::kText, 0, 1}}));
}

}  // namespace
}  // namespace ljp::ui
