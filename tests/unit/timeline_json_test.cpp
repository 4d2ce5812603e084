// The JSON Lines protocol: a timeline survives writing and reading unchanged.
#include "timeline_json.h"

#include <gtest/gtest.h>

#include <sstream>

#include "explain.h"
#include "session.h"
#include "test_support.h"

namespace ljp {
namespace {

Timeline RealTimeline() {
  SessionOptions options;
  options.settings = {{JitSetting::Kind::kOptimization, "maxsnap=2"}};
  Session session(options);
  const std::string path = std::string(LJP_TEST_EXAMPLES) + "/stitch_chain.lua";
  return session.Run(test::ReadFile(path), "stitch_chain.lua");
}

std::string Serialize(const Timeline& t) {
  std::ostringstream out;
  WriteTimeline(out, t);
  return out.str();
}

TEST(TimelineJson, RoundTripKeepsEveryEvent) {
  const Timeline original = RealTimeline();
  ASSERT_GT(original.events.size(), 20u);
  const std::string text = Serialize(original);

  std::istringstream in(text);
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read.value().events.size(), original.events.size());
  EXPECT_EQ(read.value().vmdef.irnames, original.vmdef.irnames);
  EXPECT_EQ(read.value().source, original.source);
  EXPECT_EQ(Serialize(read.value()), text);
  EXPECT_EQ(Explain(read.value()), Explain(original));
}

TEST(TimelineJson, TruncatedLastLineIsIgnored) {
  const std::string text = Serialize(RealTimeline());
  const std::string cut = text.substr(0, text.size() - 10);  // a killed engine
  std::istringstream in(cut);
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_TRUE(read) << read.error();
  EXPECT_FALSE(read.value().events.empty());
}

TEST(TimelineJson, MalformedLineIsAnErrorWithItsNumber) {
  std::string text = Serialize(RealTimeline());
  const size_t second_line = text.find('\n') + 1;
  text.insert(second_line, "{not json\n");
  std::istringstream in(text);
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().find("line 2"), std::string::npos) << read.error();
}

TEST(TimelineJson, UnknownEventTypesAreSkipped) {
  std::string text = Serialize(RealTimeline());
  const size_t second_line = text.find('\n') + 1;
  text.insert(second_line, "{\"seq\":0,\"type\":\"from_the_future\",\"x\":1}\n");
  std::istringstream in(text);
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_TRUE(read) << read.error();
  EXPECT_EQ(read.value().events.size(), RealTimeline().events.size());
}

TEST(TimelineJson, NewerVersionIsRefused) {
  std::istringstream in("{\"type\":\"header\",\"protocol\":\"ljplay-timeline\",\"version\":99}\n");
  Expected<Timeline> read = ReadTimeline(in);
  ASSERT_FALSE(read);
  EXPECT_NE(read.error().find("newer"), std::string::npos);
}

TEST(TimelineJson, NotATimelineIsRefused) {
  std::istringstream in("{\"hello\":1}\n");
  EXPECT_FALSE(ReadTimeline(in));
}

}  // namespace
}  // namespace ljp
