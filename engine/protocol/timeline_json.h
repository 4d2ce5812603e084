// The timeline as JSON Lines (docs/timeline-protocol.md): a header line with
// the run's settings and name tables, then one line per event.
#pragma once

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "expected.h"
#include "timeline.h"
#include "timeline_codec.h"

namespace ljp {

// Header line (everything in Timeline except events).
std::string TimelineHeaderLine(const Timeline& timeline);
// One event's line, complete in itself. A file's lines are written by one
// EventWriter (timeline_codec.h), whose lines may leave out what earlier ones said.
std::string EventLine(const Event& event);
// EventLine(event) appended to line (no newline).
void AppendEventLine(std::string& line, const Event& event);
// The event in protocol 1's form: every member by name, as an object (what
// lesson queries address, KEY=VALUE with KEY a dotted member path).
std::string VerboseEventLine(const Event& event);

// Writes the whole timeline, one JSON document per line.
void WriteTimeline(std::ostream& out, const Timeline& timeline);

// Which events a reader keeps, by protocol name ("record", "end", ...).
using EventTypeFilter = std::function<bool(std::string_view type)>;

// Reads a timeline back. A truncated last line (a killed engine) is ignored;
// any other malformed line is an error naming its line number. With keep,
// only those events are parsed and kept (lines this writer made are picked by
// their type without parsing them), and the file's last event, whatever its
// type, so that the run's end and the next sequence number are known.
Expected<Timeline> ReadTimeline(std::istream& in, const EventTypeFilter& keep = {});

// Parses one event line complete in itself (a file's lines: EventReader).
Expected<Event> ParseEventLine(const std::string& line);

}  // namespace ljp
