// The timeline as JSON Lines (docs/timeline-protocol.md): a header line with
// the run's settings and name tables, then one line per event.
#pragma once

#include <istream>
#include <ostream>
#include <string>

#include "expected.h"
#include "timeline.h"

namespace ljp {

// Header line (everything in Timeline except events).
std::string TimelineHeaderLine(const Timeline& timeline);
std::string EventLine(const Event& event);

// Writes the whole timeline, one JSON document per line.
void WriteTimeline(std::ostream& out, const Timeline& timeline);

// Reads a timeline back. A truncated last line (a killed engine) is ignored;
// any other malformed line is an error naming its line number.
Expected<Timeline> ReadTimeline(std::istream& in);

// Parses one event line (for streaming readers).
Expected<Event> ParseEventLine(const std::string& line);

}  // namespace ljp
