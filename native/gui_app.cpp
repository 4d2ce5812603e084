#include "gui_app.h"

#include <GLFW/glfw3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "isolated_run.h"
#include "panes.h"
#include "view_model.h"

namespace ljp {
namespace {

using Clock = std::chrono::steady_clock;

// Runs the engine process on a background thread, so the window never waits
// for a program (or for an engine that asserts, crashes or loops).
class EngineRunner {
 public:
  ~EngineRunner() {
    if (thread_.joinable()) thread_.join();
  }

  bool busy() const { return busy_; }

  void Start(EngineRequest request) {
    if (busy_) return;
    if (thread_.joinable()) thread_.join();
    busy_ = true;
    thread_ = std::thread([this, request = std::move(request)] {
      Expected<Timeline> result = RunIsolated(request, DefaultEnginePath(), "");
      {
        std::lock_guard<std::mutex> lock(mutex_);
        result_.emplace(std::move(result));
      }
      busy_ = false;
      glfwPostEmptyEvent();  // wake the event loop
    });
  }

  // The finished run, once.
  std::optional<Expected<Timeline>> Take() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::optional<Expected<Timeline>> out = std::move(result_);
    result_.reset();
    return out;
  }

 private:
  std::thread thread_;
  std::atomic<bool> busy_{false};
  std::mutex mutex_;
  std::optional<Expected<Timeline>> result_;
};

// "engine stopped: ..." when the engine process died, "" otherwise.
std::string EngineStopMessage(const Timeline& timeline) {
  std::string assertion;
  for (const Event& e : timeline.events) {
    if (const auto* a = std::get_if<AssertFailure>(&e.body)) {
      assertion = "LuaJIT ASSERT " + a->file + ":" + std::to_string(a->line) + ": " + a->func +
                  ": " + a->message;
    }
    if (const auto* end = std::get_if<RunEnd>(&e.body)) {
      if (end->status == "assert" || end->status == "crash" || end->status == "killed") {
        return "engine stopped: " + (assertion.empty() ? end->message : assertion);
      }
    }
  }
  return "";
}

struct App {
  GuiOptions options;
  const RequestLoader& load;
  EngineRunner runner;
  Timeline timeline;
  bool have_timeline = false;
  ui::ViewState view;
  int stitch_mode = 0;  // index into AllStitchModes()
  std::string status;   // shown in the toolbar
  bool status_is_error = false;
  std::vector<StitchMode> modes = AllStitchModes();

  App(GuiOptions o, const RequestLoader& l) : options(std::move(o)), load(l) {}

  void Run() {
    Expected<EngineRequest> request = load(options.path);
    if (!request) {
      status = request.error();
      status_is_error = true;
      return;
    }
    EngineRequest r = std::move(request).value();
    r.options.stitch_mode = modes[stitch_mode];
    status = "running " + options.path + " (" + StitchModeName(r.options.stitch_mode) + ")...";
    status_is_error = false;
    runner.Start(std::move(r));
  }

  // Picks the stitch mode the file asks for, before the first run.
  void InitStitchMode() {
    StitchMode wanted = StitchMode::kFull;
    if (!options.stitch_mode.empty()) {
      if (Expected<StitchMode> m = ParseStitchMode(options.stitch_mode)) wanted = m.value();
    } else if (Expected<EngineRequest> r = load(options.path)) {
      wanted = r.value().options.stitch_mode;
    }
    for (size_t i = 0; i < modes.size(); ++i)
      if (modes[i] == wanted) stitch_mode = static_cast<int>(i);
  }

  // Returns true when a run finished this frame.
  bool Poll() {
    std::optional<Expected<Timeline>> done = runner.Take();
    if (!done) return false;
    if (!*done) {
      status = "engine failed: " + done->error();
      status_is_error = true;
      return true;
    }
    timeline = std::move(*done).value();
    have_timeline = true;
    view = ui::ViewState{};
    const size_t first = ui::NextRecordStep(timeline, ui::kNone);
    view.cursor = first == ui::kNone ? 0 : first;
    if (options.step_to_stitch) {
      const size_t at = ui::FirstStitch(timeline, StitchStep::Phase::kInserted);
      if (at != ui::kNone) view.cursor = at;
    }
    const std::string stopped = EngineStopMessage(timeline);
    status_is_error = !stopped.empty();
    status = stopped.empty() ? "run ended: " + ui::RunStatus(timeline) : stopped;
    status += "  (" + std::to_string(timeline.events.size()) + " events)";
    return true;
  }

  void DrawToolbar() {
    ImGui::Text("File: %s", options.path.c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("precheck-2021").x + 40);
    ImGui::BeginDisabled(runner.busy());
    if (ImGui::BeginCombo("stitch mode", StitchModeName(modes[stitch_mode]))) {
      for (size_t i = 0; i < modes.size(); ++i) {
        if (ImGui::Selectable(StitchModeName(modes[i]), static_cast<int>(i) == stitch_mode))
          stitch_mode = static_cast<int>(i);
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    if (ImGui::Button(runner.busy() ? "Running..." : "Run")) Run();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (status_is_error)
      ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1.0f), "%s", status.c_str());
    else
      ImGui::TextUnformatted(status.c_str());
    ImGui::Separator();
  }

  void DrawFrame() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("LuaJIT trace playground", nullptr, flags);
    DrawToolbar();
    if (have_timeline)
      ui::DrawPlayground(timeline, view);
    else
      ImGui::TextDisabled("Waiting for the engine...");
    ImGui::End();
  }
};

void LoadFonts() {
  ImGuiIO& io = ImGui::GetIO();
  // A monospace font keeps IR and bytecode columns aligned; ImGui's own otherwise.
  const char* mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
  std::error_code ec;
  if (std::filesystem::exists(mono, ec) && io.Fonts->AddFontFromFileTTF(mono, 15.0f)) return;
  io.Fonts->AddFontDefault();
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
  GLFWwindow* window =
      glfwCreateWindow(1280, 800, "ljplay: the LuaJIT trace playground", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui::StyleColorsDark();
  LoadFonts();
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  int exit_code = 0;
  {
    App app(options, load);
    app.InitStitchMode();
    app.Run();
    const bool test_mode = options.screenshot_after > 0;
    const Clock::time_point launched = Clock::now();
    std::optional<Clock::time_point> arrived;
    while (!glfwWindowShouldClose(window)) {
      if (test_mode || app.runner.busy())
        glfwPollEvents();
      else
        glfwWaitEventsTimeout(0.25);
      if (app.Poll() && !arrived) arrived = Clock::now();

      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      app.DrawFrame();
      ImGui::Render();
      int w = 0, h = 0;
      glfwGetFramebufferSize(window, &w, &h);
      glViewport(0, 0, w, h);
      glClearColor(0.10f, 0.10f, 0.12f, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      glfwSwapBuffers(window);

      if (!test_mode) continue;
      const double since_launch = std::chrono::duration<double>(Clock::now() - launched).count();
      if (!arrived && since_launch > 120) {
        std::fprintf(stderr, "ljplay: no timeline after %.0f s\n", since_launch);
        exit_code = 1;
        break;
      }
      if (arrived && std::chrono::duration<double>(Clock::now() - *arrived).count() >=
                         options.screenshot_after) {
        if (!app.have_timeline) {
          std::fprintf(stderr, "ljplay: %s\n", app.status.c_str());
          exit_code = 1;
        } else {
          std::fprintf(stderr, "ljplay gui: %s\n", app.status.c_str());
        }
        if (app.have_timeline && !options.dump_pane.empty()) {
          const std::string text = ui::DumpPaneText(app.timeline, app.view, options.dump_pane);
          std::fwrite(text.data(), 1, text.size(), stdout);
          std::fflush(stdout);
        }
        break;
      }
    }
    glfwHideWindow(window);
  }  // joins the engine thread

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace ljp
