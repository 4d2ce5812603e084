#include "timeline_json.h"

#include <array>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>

#include "json_writer.h"
#include "run_end.h"
#include "timeline_codec.h"
#include "timeline_json_types.h"

namespace ljp {

namespace {

constexpr const char* kUnknownType = "unknown event type ";

}  // namespace

const char* EventTypeName(const EventBody& body) { return kEventNames[body.index()]; }

std::string TimelineHeaderLine(const Timeline& t) {
  std::string line;
  JsonWriter w(line);
  w.BeginObject();
  w.Key("type");
  w.String("header");
  w.Key("protocol");
  w.String("ljplay-timeline");
  w.Key("version");
  w.Int(t.version);
  w.Key("chunkname");
  w.String(t.chunkname);
  w.Key("source");
  w.String(t.source);
  w.Key("options");
  Write(w, t.options);
  w.Key("jit");
  w.Bool(t.jit);
  w.Key("faults");
  Write(w, t.faults);
  w.Key("stitch_mode");
  w.String(t.stitch_mode);
  if (!t.unfixed.empty()) {
    w.Key("unfixed");
    Write(w, t.unfixed);
  }
  w.Key("assertions");
  w.Bool(t.assertions);
  w.Key("vmdef");
  Write(w, t.vmdef);
  w.EndObject();
  return line;
}

// The type and the sequence number first: a reader can pick lines by type
// without parsing them.
void AppendEventLine(std::string& line, const Event& event) { EventWriter().Append(line, event); }

std::string EventLine(const Event& event) {
  std::string line;
  AppendEventLine(line, event);
  return line;
}

std::string VerboseEventLine(const Event& event) {
  std::string line;
  JsonWriter w(line);
  w.BeginObject();
  w.Key("type");
  w.String(EventTypeName(event.body));
  w.Key("seq");
  w.Uint(event.seq);
  std::visit([&w](const auto& body) { WriteMembers(w, body); }, event.body);
  w.EndObject();
  return line;
}

void WriteTimeline(std::ostream& out, const Timeline& timeline) {
  out << TimelineHeaderLine(timeline) << '\n';
  EventWriter writer(timeline.vmdef);
  std::string line;
  for (const Event& e : timeline.events) {
    line.clear();
    writer.Append(line, e);
    out << line << '\n';
  }
}

Expected<Event> ParseEventLine(const std::string& line) {
  Timeline header;
  return EventReader(header).Parse(line);
}

namespace {

// The type of a line AppendEventLine wrote ({"type":"NAME",...), or "" for a
// line written otherwise (then only parsing tells).
std::string_view LineType(std::string_view line) {
  constexpr std::string_view kPrefix = "{\"type\":\"";
  if (line.substr(0, kPrefix.size()) != kPrefix) return {};
  const size_t end = line.find('"', kPrefix.size());
  if (end == std::string_view::npos) return {};
  return line.substr(kPrefix.size(), end - kPrefix.size());
}

// The lines of a stream, read in large blocks (std::getline goes a character
// at a time in some C++ libraries, Emscripten's among them: a timeline can be
// hundreds of megabytes).
class LineSource {
 public:
  explicit LineSource(std::istream& in) : in_(in) {}

  // The next line without its newline; unterminated: the stream ended first.
  bool Next(std::string& line, bool& unterminated) {
    for (;;) {
      const char* start = buf_.data() + pos_;
      const char* nl = static_cast<const char*>(std::memchr(start, '\n', buf_.size() - pos_));
      if (nl) {
        line.assign(start, nl);
        pos_ = nl - buf_.data() + 1;
        unterminated = false;
        return true;
      }
      if (!Refill()) break;
    }
    if (pos_ == buf_.size()) return false;
    line.assign(buf_, pos_);
    pos_ = buf_.size();
    unterminated = true;
    return true;
  }

 private:
  bool Refill() {
    if (!in_) return false;
    buf_.erase(0, pos_);
    pos_ = 0;
    const size_t had = buf_.size();
    buf_.resize(had + kBlock);
    in_.read(buf_.data() + had, kBlock);
    buf_.resize(had + static_cast<size_t>(in_.gcount()));
    return buf_.size() > had;
  }

  static constexpr size_t kBlock = 1 << 20;
  std::istream& in_;
  std::string buf_;
  size_t pos_ = 0;
};

}  // namespace

Expected<Timeline> ReadTimeline(std::istream& in, const EventTypeFilter& keep) {
  Timeline t;
  std::string line;
  int lineno = 0;
  LineSource lines(in);
  bool unterminated = false;
  if (!lines.Next(line, unterminated)) return Error{"empty timeline"};
  ++lineno;
  try {
    const json h = json::parse(line);
    if (h.value("protocol", "") != "ljplay-timeline") {
      return Error{"line 1: not an ljplay timeline"};
    }
    t.version = h.at("version").get<int>();
    if (t.version > kProtocolVersion) {
      return Error{"line 1: timeline protocol version " + std::to_string(t.version) +
                   " is newer than this reader's " + std::to_string(kProtocolVersion)};
    }
    t.chunkname = h.value("chunkname", "");
    t.source = h.value("source", "");
    t.options = h.value("options", std::vector<std::string>{});
    t.jit = h.value("jit", true);
    t.faults = h.value("faults", std::vector<std::string>{});
    t.stitch_mode = h.value("stitch_mode", "full");
    t.unfixed = h.value("unfixed", std::vector<std::string>{});
    t.assertions = h.value("assertions", false);
    t.vmdef = h.value("vmdef", VmDef{});
  } catch (const json::exception& e) {
    return Error{"line 1: " + std::string(e.what())};
  }
  EventReader reader(t);
  // The last two lines left out, while they are the last ones: the very last
  // may be the part of a line a killed engine left.
  std::string skipped[2];
  int skipped_lineno[2] = {0, 0};
  uint64_t skipped_seq[2] = {0, 0};
  while (lines.Next(line, unterminated)) {  // the writer ends every line it finishes
    ++lineno;
    if (line.empty()) continue;
    if (keep) {
      const std::string_view type = LineType(line);
      if (!type.empty() && !keep(type)) {
        skipped[0].swap(skipped[1]);
        skipped_lineno[0] = skipped_lineno[1];
        skipped_seq[0] = skipped_seq[1];
        skipped_seq[1] = reader.Skip(line);
        skipped[1].swap(line);
        skipped_lineno[1] = lineno;
        continue;
      }
    }
    Expected<Event> event = reader.Parse(line);
    if (!event && event.error().rfind(kUnknownType, 0) == 0) continue;  // from a newer writer
    if (!event) {
      if (unterminated) break;  // a truncated last line: the engine was killed mid-write
      return Error{"line " + std::to_string(lineno) + ": " + event.error()};
    }
    if (keep && !keep(EventTypeName(event.value().body))) continue;
    t.events.push_back(std::move(event).value());
    skipped_lineno[0] = skipped_lineno[1] = 0;
  }
  for (int i = 1; i >= 0; --i) {  // the file's last complete event, if left out
    if (!skipped_lineno[i]) continue;
    Expected<Event> event = reader.Parse(skipped[i]);
    if (event) event.value().seq = skipped_seq[i];  // read out of order
    if (event) {
      t.events.push_back(std::move(event).value());
      break;
    }
    if (i == 0 || skipped_lineno[i] != lineno) {
      return Error{"line " + std::to_string(skipped_lineno[i]) + ": " + event.error()};
    }
  }
  return t;
}

}  // namespace ljp
