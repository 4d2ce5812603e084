// Protocol 2's event lines (docs/timeline-protocol.md, "Compact forms"): the
// frequent events are written short, and a line may leave out what the lines
// before it already said (a function's location, the bytecode text a listing
// gives, the unchanged part of a slot map or stack, the IR a trace's record
// events carried). An EventWriter and an EventReader keep the same account of
// what was said, so one writer writes one file in order, and one reader reads
// it in the same order. A line written without that state (a fresh writer)
// is complete in itself.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "expected.h"
#include "timeline.h"

namespace ljp {

struct CodecState;

class EventWriter {
 public:
  // vmdef: the header's, whose IR operand modes let lines leave them out.
  explicit EventWriter(const VmDef& vmdef);
  EventWriter();
  ~EventWriter();
  EventWriter(EventWriter&&) noexcept;
  EventWriter& operator=(EventWriter&&) noexcept;

  // Appends the event's line (no newline) and remembers what it said.
  void Append(std::string& line, const Event& event);

 private:
  std::unique_ptr<CodecState> state_;
};

class EventReader {
 public:
  // header: the timeline's header as read (its version and name tables).
  explicit EventReader(const Timeline& header);
  ~EventReader();
  EventReader(EventReader&&) noexcept;
  EventReader& operator=(EventReader&&) noexcept;

  // Parses the next line. Where a line refers to lines this reader has not
  // seen (a filtered read), the parts it cannot know stay empty.
  Expected<Event> Parse(const std::string& line);
  // Accounts for a line left unparsed (a filtered read); returns its seq.
  uint64_t Skip(std::string_view line);

 private:
  std::unique_ptr<CodecState> state_;
  int version_;
};

}  // namespace ljp
