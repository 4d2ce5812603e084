#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/personality.h>
#endif

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include "engine_io.h"
#include "engine_runner.h"
#include "run_end.h"
#include "session.h"
#include "timeline_json.h"

namespace ljp {

std::string DefaultEnginePath() {
  // LJPLAY_ENGINE names another engine program, e.g. a script that runs it under
  // an emulator (qemu-user cannot start a program for the emulated CPU by itself).
  if (const char* engine = std::getenv("LJPLAY_ENGINE"); engine && *engine) return engine;
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "ljplay-assert";
  const std::string self(buf, n);
  const std::string sibling = self.substr(0, self.find_last_of('/') + 1) + "ljplay-assert";
  return access(sibling.c_str(), X_OK) == 0 ? sibling : self;
}

int RunEngine(const std::string& timeline_path) {
  return ServeEngineRequest(timeline_path, [](const EngineRequest& request, TimelineSink& sink) {
    Session session(request.options);
    return ExitCodeFor(session.Run(request.source, request.chunkname, &sink));
  });
}

Expected<Timeline> RunInEngine(const EngineRequest& request, const std::string& engine_path,
                               const std::string& timeline_path, const std::atomic<bool>* cancel,
                               const EventTypeFilter& keep) {
  const bool temp = StreamsToTemp(timeline_path);
  const std::string path = StreamPathFor(timeline_path);
  if (path.empty()) return Error{"cannot create a temporary timeline file"};
  // Close-on-exec: an engine another thread starts at the same moment must
  // not inherit this pipe's write end, or this engine never sees the end of
  // its request (the campaign's jobs, the desktop app's comparison).
  int to_engine[2];
  if (pipe2(to_engine, O_CLOEXEC) != 0) return Error{std::string("pipe: ") + std::strerror(errno)};

  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = fork();
  if (pid < 0) {
    close(to_engine[0]);
    close(to_engine[1]);
    return Error{std::string("cannot start the engine process: ") + std::strerror(errno)};
  }
  if (pid == 0) {  // The engine: the request arrives on stdin.
#ifdef __linux__
    // The same addresses every run: LuaJIT hashes tables by object address,
    // which decides iteration orders, exits and so which traces are made. With
    // them fixed, a program tells the same trace story each time it runs.
    personality(ADDR_NO_RANDOMIZE);
#endif
    dup2(to_engine[0], STDIN_FILENO);
    close(to_engine[0]);
    close(to_engine[1]);
    execl(engine_path.c_str(), "ljplay", "engine", "--timeline", path.c_str(),
          static_cast<char*>(nullptr));
    std::fprintf(stderr, "ljplay: cannot run the engine %s: %s\n", engine_path.c_str(),
                 std::strerror(errno));
    _exit(127);
  }
  close(to_engine[0]);
  const std::string json = EngineRequestJson(request);
  signal(SIGPIPE, SIG_IGN);  // an engine that dies early must not kill us
  for (size_t done = 0; done < json.size();) {
    const ssize_t n = write(to_engine[1], json.data() + done, json.size() - done);
    if (n <= 0) break;
    done += n;
  }
  close(to_engine[1]);

  // Wait, enforcing the wall-time budget from outside: traces do not check
  // hooks, so only a kill stops a compiled endless loop.
  using Clock = std::chrono::steady_clock;
  const double budget = request.options.budgets.wall_seconds;
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(budget + 0.5));
  int status = 0;
  bool killed = false, cancelled = false;
  const bool poll = budget > 0 || cancel;
  for (;;) {
    const pid_t done = waitpid(pid, &status, poll ? WNOHANG : 0);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) break;
    cancelled = cancel && cancel->load();
    if (cancelled || (budget > 0 && Clock::now() > deadline)) {
      kill(pid, SIGKILL);
      killed = !cancelled;
      waitpid(pid, &status, 0);
      break;
    }
    if (poll) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }

  std::ifstream in(path, std::ios::binary);
  Expected<Timeline> read = ReadTimeline(in, keep);
  in.close();
  if (!read) {
    if (temp) std::remove(path.c_str());
    std::string why = "the engine left no readable timeline (" + read.error() + ")";
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) why = "the engine could not be started";
    if (WIFSIGNALED(status))
      why += std::string(": it died with signal ") + strsignal(WTERMSIG(status));
    if (cancelled) why = "the engine process was stopped before it wrote a timeline";
    return Error{why};
  }
  Timeline timeline = std::move(read).value();
  EngineGone gone{.engine = "engine process"};
  if (killed) {
    gone.how = EngineGone::How::kWallTime;
    gone.wall_seconds = budget;
  } else if (cancelled) {
    gone.how = EngineGone::How::kByUser;
  } else if (WIFSIGNALED(status)) {
    gone.died = std::string(" with signal ") + strsignal(WTERMSIG(status));
  }
  // The events sealing adds go to the end of the file, which holds every
  // event even when this reader kept only some.
  const size_t before = timeline.events.size();
  bool written = !SealTimeline(timeline, gone) || AppendEventLines(path, timeline.events, before);
  if (temp) {
    written = written && CopyTimelineTo(path, timeline_path);
    std::remove(path.c_str());
  }
  if (!written) return Error{"cannot write " + (temp ? timeline_path : path)};
  return timeline;
}

}  // namespace ljp
