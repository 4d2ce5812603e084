#include "gui_app.h"

#include <GLFW/glfw3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <thread>
#include <utility>

#include "app_shell.h"
#include "engine_client.h"
#include "engine_runner.h"
#include "example_catalog.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"  // the input queue: whether input arrived
#include "lesson_command.h"
#include "panes.h"
#include "run_command.h"

namespace ljp {
namespace {

// The window system asked for the window to be drawn again (it was uncovered).
bool window_damaged = false;

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

// Runs the engine process on a background thread, so the window never waits
// for a program (or for an engine that asserts, crashes or loops). Stop()
// kills the engine process.
class ChildProcessEngine : public ui::EngineClient {
 public:
  ~ChildProcessEngine() override {
    cancel_ = true;  // kills the engine process
    if (thread_.joinable()) thread_.join();
  }

  bool Busy() const override { return busy_; }

  void Start(const EngineRequest& request) override {
    if (busy_) return;
    if (thread_.joinable()) thread_.join();
    busy_ = true;
    cancel_ = false;
    thread_ = std::thread([this, request] {
      Expected<Timeline> result = RunInEngine(request, DefaultEnginePath(), "", &cancel_);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        result_.emplace(std::move(result));
      }
      busy_ = false;
      glfwPostEmptyEvent();  // wake the event loop
    });
  }

  void Stop() override { cancel_ = true; }

  // Stops the engine process and drops its result (a few milliseconds).
  void StopAndDiscard() override {
    Stop();
    if (thread_.joinable()) thread_.join();
    TakeResult();
  }

  std::optional<Expected<Timeline>> TakeResult() override {
    std::lock_guard<std::mutex> lock(mutex_);
    std::optional<Expected<Timeline>> out = std::move(result_);
    result_.reset();
    return out;
  }

 private:
  std::thread thread_;
  std::atomic<bool> busy_{false};
  std::atomic<bool> cancel_{false};
  std::mutex mutex_;
  std::optional<Expected<Timeline>> result_;
};

// ---- Remembered settings ($XDG_CONFIG_HOME/ljplay/gui.json) -----------------

std::string PrefsPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  if (xdg && *xdg) return std::string(xdg) + "/ljplay/gui.json";
  if (home && *home) return std::string(home) + "/.config/ljplay/gui.json";
  return "";
}

ui::AppPrefs LoadPrefs() {
  const std::string path = PrefsPath();
  std::ifstream in(path);
  if (path.empty() || !in) return ui::AppPrefs{};
  std::stringstream text;
  text << in.rdbuf();
  return ui::PrefsFromJson(text.str());
}

void SavePrefs(const ui::AppPrefs& p) {
  const std::string path = PrefsPath();
  if (path.empty()) return;
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  std::ofstream out(path, std::ios::trunc);
  out << ui::PrefsToJson(p);
}

// Saves the preferences with the file's path made absolute (`ljplay gui` may
// start from another directory next time).
void Remember(ui::AppPrefs prefs) {
  std::error_code ec;
  const fs::path abs = fs::absolute(prefs.last_file, ec);
  if (!ec) prefs.last_file = abs.string();
  SavePrefs(prefs);
}

// examples/ beside the opened file, in the working directory, or above the
// executable (a build tree inside the source tree).
std::string FindExamplesDir(const std::string& file) {
  std::error_code ec;
  const auto has_cases = [&](const fs::path& dir) {
    return fs::exists(dir / "maxsnap_stitch.lua", ec);
  };
  if (!file.empty() &&
      has_cases(fs::path(file).parent_path().empty() ? fs::path(".")
                                                     : fs::path(file).parent_path()))
    return fs::path(file).parent_path().empty() ? "." : fs::path(file).parent_path().string();
  if (has_cases("examples")) return "examples";
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "";
  fs::path dir = fs::path(std::string(buf, n)).parent_path();
  for (int up = 0; up < 5 && !dir.empty(); ++up, dir = dir.parent_path()) {
    if (has_cases(dir / "examples")) return (dir / "examples").string();
    if (dir == dir.parent_path()) break;
  }
  return "";
}

// The first program: the command line's, else the last one (with its
// remembered settings), else the snapshot-limit stitch case.
ui::LaunchOptions FirstProgram(const GuiOptions& options, const ui::AppPrefs& prefs) {
  ui::LaunchOptions first;
  first.file = options.path;
  first.stitch_mode = options.stitch_mode;
  first.compare_mode = options.compare_mode;
  first.step_to_stitch = options.step_to_stitch;
  std::error_code ec;
  if (first.file.empty() && !prefs.last_file.empty() && fs::exists(prefs.last_file, ec)) {
    first.file = prefs.last_file;
    first.saved = ui::SavedRunSettings(prefs);
  }
  if (first.file.empty()) {
    const std::string dir = FindExamplesDir("");
    first.file = (dir.empty() ? std::string("examples") : dir) + "/maxsnap_stitch.lua";
  }
  return first;
}

void LoadFonts() {
  ImGuiIO& io = ImGui::GetIO();
  // A monospace font keeps IR and bytecode columns aligned; ImGui's own otherwise.
  const char* mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
  std::error_code ec;
  if (fs::exists(mono, ec) && io.Fonts->AddFontFromFileTTF(mono, 15.0f)) return;
  io.Fonts->AddFontDefault();
}

// Test hooks (--screenshot-after): once every run has a result and the window
// showed it for screenshot_after seconds, prints each run's status (and the
// text of --dump-pane) and says the window is done. Sets exit_code on failure.
bool TestRunDone(const ui::AppShell& shell, const GuiOptions& options, Clock::time_point launched,
                 const std::optional<Clock::time_point>& arrived, int& exit_code) {
  const double since_launch = std::chrono::duration<double>(Clock::now() - launched).count();
  if (!arrived && (since_launch > 120 || (!shell.Busy() && !shell.MainRun().request))) {
    std::fprintf(stderr, "ljplay: no timeline after %.0f s%s%s\n", since_launch,
                 shell.LoadError().empty() ? "" : ": ", shell.LoadError().c_str());
    exit_code = 1;
    return true;
  }
  if (!arrived ||
      std::chrono::duration<double>(Clock::now() - *arrived).count() < options.screenshot_after)
    return false;
  const ui::RunSlot* slots[2] = {&shell.MainRun(), &shell.OtherRun()};
  for (const ui::RunSlot* s : slots) {
    if (s == &shell.OtherRun() && !shell.Comparing()) continue;
    if (!s->have_timeline) {
      std::fprintf(stderr, "ljplay: %s\n", s->status.c_str());
      exit_code = 1;
    } else {
      std::fprintf(stderr, "ljplay gui [%s]: %s (%s)\n", s->Mode(), s->status.c_str(),
                   s->counts.c_str());
    }
  }
  const ui::RunSlot& main = shell.MainRun();
  if (main.have_timeline && !options.dump_pane.empty()) {
    const std::string text = ui::DumpPaneText(main.timeline, main.view, options.dump_pane);
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  if (options.dump_layout) std::printf("%s\n", ui::LayoutJson(ui::LastLayout()).c_str());
  std::fflush(stdout);
  return true;
}

// The process's resident memory in bytes (Linux), or 0.
size_t ResidentBytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long size = 0, resident = 0;
  const int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  return n == 2 ? resident * static_cast<size_t>(sysconf(_SC_PAGESIZE)) : 0;
}

// --step-bench: frame times while stepping through the timeline, one
// recorded bytecode per frame, as holding the step key does.
class StepBench {
 public:
  explicit StepBench(int frames) : frames_(frames) { base_rss_ = ResidentBytes(); }
  bool Active() const { return frames_ > 0; }

  // Before a frame: steps the cursor once the timeline is there.
  void BeforeFrame(ui::AppShell& shell) {
    if (!shell.AllFinished() || !shell.MainRun().have_timeline) return;
    if (!started_) {
      started_ = true;
      loaded_rss_ = ResidentBytes();
      return;  // the first frame shows the run as it arrived
    }
    ui::StepForward(shell.MainRun().timeline, shell.MainView());
    frame_start_ = Clock::now();
  }
  // After the frame was drawn; true when done (the results are printed).
  bool AfterFrame(const ui::AppShell& shell) {
    if (!started_ || frame_start_ == Clock::time_point{}) return false;
    times_.push_back(
        std::chrono::duration<double, std::milli>(Clock::now() - frame_start_).count());
    if (static_cast<int>(times_.size()) < frames_) return false;
    std::vector<double> sorted = times_;
    std::sort(sorted.begin(), sorted.end());
    double total = 0;
    for (double t : times_) total += t;
    const size_t events = shell.MainRun().timeline.events.size();
    std::printf(
        "step bench: %zu events, %d frames stepping: median %.2f ms, p95 %.2f ms, max %.2f ms, "
        "%.1f frames/s; memory %.0f MB after loading, %.0f bytes per event\n",
        events, frames_, sorted[sorted.size() / 2], sorted[sorted.size() * 95 / 100], sorted.back(),
        1000.0 * times_.size() / total, loaded_rss_ / 1e6,
        events ? static_cast<double>(loaded_rss_ - std::min(loaded_rss_, base_rss_)) / events
               : 0.0);
    std::fflush(stdout);
    return true;
  }

 private:
  int frames_;
  bool started_ = false;
  size_t base_rss_ = 0, loaded_rss_ = 0;
  Clock::time_point frame_start_{};
  std::vector<double> times_;
};

ui::HostTraits Host() {
  ui::HostTraits host;
  host.program_request = [](const std::string& source, const std::string& chunkname,
                            const std::vector<std::string>& extra) {
    return ViewerRequestFor(source, chunkname, /*use_header=*/true, extra);
  };
  return host;
}

}  // namespace

int RunGui(const GuiOptions& options, const RequestLoader& load) {
  glfwSetErrorCallback([](int code, const char* text) {
    std::fprintf(stderr, "ljplay: GLFW %d: %s\n", code, text);
  });
  if (!glfwInit()) {
    std::fprintf(stderr, "ljplay: cannot open a window (no display?)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // HiDPI: a window of the same apparent size
  GLFWwindow* window = glfwCreateWindow(options.width, options.height,
                                        "ljplay: the LuaJIT trace playground", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  float content_scale = 1.0f, yscale = 1.0f;
  glfwGetWindowContentScale(window, &content_scale, &yscale);
  if (content_scale < 0.5f || content_scale > 4.0f) content_scale = 1.0f;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  LoadFonts();
  // HiDPI: sizes and fonts follow the monitor's scale; the user's font size
  // (View menu) comes on top (style.FontScaleMain, set each frame).
  ImGui::GetStyle().ScaleAllSizes(content_scale);
  ImGui::GetStyle().FontScaleDpi = content_scale;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  int exit_code = 0;
  {
    // Test runs neither read nor write the remembered settings.
    StepBench bench(options.step_bench);
    const bool test_mode = options.screenshot_after > 0 || bench.Active();
    if (bench.Active()) glfwSwapInterval(0);  // frames as fast as they are made
    const ui::AppPrefs prefs = test_mode ? ui::AppPrefs{} : LoadPrefs();
    const ui::LaunchOptions first = FirstProgram(options, prefs);
    ui::AppShell shell(std::make_unique<ChildProcessEngine>(),
                       std::make_unique<ChildProcessEngine>(), load,
                       ui::ListExamples(FindExamplesDir(first.file)), Host(), prefs);
    // lessons/ beside examples/ (the source tree).
    const std::string examples = FindExamplesDir(first.file);
    shell.SetLessons(cli::LoadLessons(
        (fs::path(examples.empty() ? "examples" : examples).parent_path() / "lessons").string()));
    if (options.lesson.empty())
      shell.Launch(first);
    else if (!shell.OpenLesson(options.lesson, std::max(1, options.lesson_step) - 1))
      std::fprintf(stderr, "ljplay: %s\n", shell.LoadError().c_str());
    shell.SetTheme(shell.Prefs().light);
    const Clock::time_point launched = Clock::now();
    std::optional<Clock::time_point> arrived;
    // Frames are drawn only while something may change on screen: input, a
    // finished run or one in progress, the window system asking; then for
    // kSettleSeconds more (ImGui's hover delays). An idle window draws nothing.
    constexpr double kSettleSeconds = 0.8;
    constexpr double kCaretSeconds = 0.4;  // the blinking caret of a focused field
    double draw_until = 0, last_draw = 0;
    glfwSetWindowRefreshCallback(window, [](GLFWwindow*) { window_damaged = true; });
    while (!glfwWindowShouldClose(window) && !shell.QuitRequested()) {
      if (test_mode || shell.Busy() || glfwGetTime() < draw_until)
        glfwPollEvents();
      else
        glfwWaitEventsTimeout(0.25);
      bool changed = shell.Poll();
      if (!arrived && shell.AllFinished()) arrived = Clock::now();
      changed = std::exchange(window_damaged, false) || changed;
      changed = changed || test_mode || shell.Busy() ||
                ImGui::GetCurrentContext()->InputEventsQueue.Size > 0;
      const double now = glfwGetTime();
      if (changed) draw_until = now + kSettleSeconds;
      const bool caret = ImGui::GetIO().WantTextInput && now - last_draw >= kCaretSeconds;
      if (now > draw_until && !caret) continue;
      last_draw = now;

      if (bench.Active()) bench.BeforeFrame(shell);
      ImGui::GetStyle().FontScaleMain = shell.Prefs().font_scale;
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      shell.Draw(content_scale);
      ImGui::Render();
      int w = 0, h = 0;
      glfwGetFramebufferSize(window, &w, &h);
      glViewport(0, 0, w, h);
      const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
      glClearColor(bg.x, bg.y, bg.z, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      glfwSwapBuffers(window);

      if (bench.Active()) {
        glFinish();  // the frame is drawn, not only queued
        if (bench.AfterFrame(shell)) break;
        if (arrived || std::chrono::duration<double>(Clock::now() - launched).count() < 600)
          continue;
        std::fprintf(stderr, "ljplay: step bench: no timeline after 600 s\n");
        exit_code = 1;
        break;
      }
      if (test_mode && TestRunDone(shell, options, launched, arrived, exit_code)) break;
    }
    glfwHideWindow(window);
    if (!test_mode) Remember(shell.PrefsToRemember());
    shell.Stop();
  }  // joins the engine threads

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace ljp
