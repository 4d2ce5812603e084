#include "engine_io.h"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

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
