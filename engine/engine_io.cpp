#include "engine_io.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "timeline_json.h"

namespace ljp {

void FileSink::Header(const Timeline& timeline) { Write(TimelineHeaderLine(timeline)); }
void FileSink::Append(const Event& event) { Write(EventLine(event)); }

void FileSink::Write(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fputc('\n', file_);
  std::fflush(file_);
}

std::string TempTimelinePath() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/ljplay-timeline-XXXXXX";
  const int fd = mkstemp(path.data());
  if (fd < 0) return "";
  close(fd);
  return path;
}

bool StreamsToTemp(const std::string& user_path) {
  struct stat st;
  return user_path.empty() || (stat(user_path.c_str(), &st) == 0 && !S_ISREG(st.st_mode));
}

std::string StreamPathFor(const std::string& user_path) {
  return StreamsToTemp(user_path) ? TempTimelinePath() : user_path;
}

bool WriteTimelineTo(const std::string& user_path, const Timeline& timeline) {
  if (user_path.empty()) return true;
  std::ofstream out(user_path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  WriteTimeline(out, timeline);
  return static_cast<bool>(out);
}

int ServeEngineRequest(const std::string& timeline_path, const RunWithSink& run) {
  std::string text;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), stdin)) > 0) text.append(buf, n);
  Expected<EngineRequest> request = ParseEngineRequest(text);
  if (!request) {
    std::fprintf(stderr, "ljplay engine: %s\n", request.error().c_str());
    return 3;
  }
  FILE* file = std::fopen(timeline_path.c_str(), "wb");
  if (!file) {
    std::fprintf(stderr, "ljplay engine: cannot write %s: %s\n", timeline_path.c_str(),
                 std::strerror(errno));
    return 3;
  }
  FileSink sink(file);
  const int status = run(request.value(), sink);
  std::fclose(file);
  return status;
}

}  // namespace ljp
