#include "engine_io.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "timeline_json.h"

namespace ljp {

FileSink::FileSink(FILE* file, bool periodic) : file_(file) {
  pending_.reserve(kFlushBytes + 4096);
#ifndef __EMSCRIPTEN__  // no threads there (and nothing kills the engine)
  if (periodic) {
    writer_ = std::thread([this] {
      std::unique_lock<std::mutex> lock(mutex_);
      while (!stop_) {
        wake_.wait_for(lock, std::chrono::milliseconds(kFlushMillis));
        WriteOutLocked();
      }
    });
  }
#else
  (void)periodic;
#endif
}

FileSink::~FileSink() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    WriteOutLocked();
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
}

void FileSink::Header(const Timeline& timeline) {
  std::lock_guard<std::mutex> lock(mutex_);
  pending_ += TimelineHeaderLine(timeline);
  pending_ += '\n';
  writer_lines_ = EventWriter(timeline.vmdef);
  WriteOutLocked();
}

void FileSink::Append(const Event& event) {
  std::lock_guard<std::mutex> lock(mutex_);
  writer_lines_.Append(pending_, event);
  pending_ += '\n';
  if (pending_.size() >= kFlushBytes) WriteOutLocked();
}

void FileSink::Flush() {
  std::lock_guard<std::mutex> lock(mutex_);
  WriteOutLocked();
}

void FileSink::WriteOutLocked() {
  if (pending_.empty()) return;
  std::fwrite(pending_.data(), 1, pending_.size(), file_);
  std::fflush(file_);
  pending_.clear();
}

void FileSink::WritePendingForCrash() const {
  const int fd = fileno(file_);
  for (size_t done = 0; done < pending_.size();) {
    const ssize_t n = write(fd, pending_.data() + done, pending_.size() - done);
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
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
  // Not followed: /dev/stdout is a link to whatever stdout is (a file that
  // also gets the program's output, a pipe), never a file to read back.
  struct stat st;
  return user_path.empty() || (lstat(user_path.c_str(), &st) == 0 && !S_ISREG(st.st_mode));
}

std::string StreamPathFor(const std::string& user_path) {
  return StreamsToTemp(user_path) ? TempTimelinePath() : user_path;
}

namespace {

// The C stream for the names of standard output and error, else null: the
// timeline goes after what the program printed there (opening the name anew
// would truncate a redirected stdout, and Emscripten's file system does not
// reach node's stdout that way).
FILE* StandardStreamFor(const std::string& path) {
  if (path == "/dev/stdout" || path == "/dev/fd/1" || path == "/proc/self/fd/1") return stdout;
  if (path == "/dev/stderr" || path == "/dev/fd/2" || path == "/proc/self/fd/2") return stderr;
  return nullptr;
}

}  // namespace

bool CopyTimelineTo(const std::string& path, const std::string& user_path) {
  if (user_path.empty()) return true;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  if (FILE* stream = StandardStreamFor(user_path)) {
    char buf[65536];
    while (in.read(buf, sizeof(buf)) || in.gcount() > 0) {
      const size_t n = static_cast<size_t>(in.gcount());
      if (std::fwrite(buf, 1, n, stream) != n) return false;
    }
    return std::fflush(stream) == 0;
  }
  std::ofstream out(user_path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out << in.rdbuf();
  return static_cast<bool>(out);
}

bool AppendEventLines(const std::string& path, const std::vector<Event>& events, size_t from) {
  FILE* file = std::fopen(path.c_str(), "r+b");
  if (!file) return false;
  // Back to just after the last newline.
  std::fseek(file, 0, SEEK_END);
  long end = std::ftell(file);
  char buf[4096];
  while (end > 0) {
    const long start = end > static_cast<long>(sizeof(buf)) ? end - sizeof(buf) : 0;
    std::fseek(file, start, SEEK_SET);
    const size_t n = std::fread(buf, 1, end - start, file);
    size_t i = n;
    while (i > 0 && buf[i - 1] != '\n') --i;
    if (i > 0) {
      end = start + static_cast<long>(i);
      break;
    }
    end = start;
  }
  std::fflush(file);
  bool ok = ftruncate(fileno(file), end) == 0 && std::fseek(file, end, SEEK_SET) == 0;
  std::string lines;
  for (size_t i = from; i < events.size(); ++i) {
    AppendEventLine(lines, events[i]);
    lines += '\n';
  }
  ok = ok && std::fwrite(lines.data(), 1, lines.size(), file) == lines.size();
  return std::fclose(file) == 0 && ok;
}

namespace {

// A crash of the engine keeps the timeline written so far: the lines FileSink
// holds go out before the signal kills the process.
constexpr int kFatalSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
FileSink* crash_sink = nullptr;

void WritePendingAndDie(int sig) {
  if (crash_sink) crash_sink->WritePendingForCrash();
  crash_sink = nullptr;
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

}  // namespace

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
  int status;
  {
    FileSink sink(file, /*periodic=*/true);
    crash_sink = &sink;
    for (const int sig : kFatalSignals) std::signal(sig, WritePendingAndDie);
    status = run(request.value(), sink);
    for (const int sig : kFatalSignals) std::signal(sig, SIG_DFL);
    crash_sink = nullptr;
  }
  std::fclose(file);
  return status;
}

}  // namespace ljp
