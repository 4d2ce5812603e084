#include "gui_app.h"

#include <GLFW/glfw3.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "example_catalog.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "isolated_run.h"
#include "pane_style.h"
#include "panes.h"
#include "run_settings.h"
#include "view_model.h"

namespace ljp {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

// Runs the engine process on a background thread, so the window never waits
// for a program (or for an engine that asserts, crashes or loops). Stop()
// kills the engine process.
class EngineRunner {
 public:
  ~EngineRunner() {
    Stop();
    if (thread_.joinable()) thread_.join();
  }

  bool busy() const { return busy_; }

  void Start(EngineRequest request) {
    if (busy_) return;
    if (thread_.joinable()) thread_.join();
    busy_ = true;
    cancel_ = false;
    thread_ = std::thread([this, request = std::move(request)] {
      Expected<Timeline> result = RunIsolated(request, DefaultEnginePath(), "", &cancel_);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        result_.emplace(std::move(result));
      }
      busy_ = false;
      glfwPostEmptyEvent();  // wake the event loop
    });
  }

  void Stop() { cancel_ = true; }

  // Stops the engine process and drops its result (a few milliseconds).
  void StopAndDiscard() {
    Stop();
    if (thread_.joinable()) thread_.join();
    Take();
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
  std::atomic<bool> cancel_{false};
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

// "3 traces (1 aborted), 2 stitches": what the run did, for the status line.
std::string RunCounts(const Timeline& timeline) {
  const std::vector<ui::TraceRow> traces = ui::TraceList(timeline);
  int aborted = 0, stitches = 0;
  for (const ui::TraceRow& r : traces) aborted += r.status == "aborted";
  for (const Event& e : timeline.events) {
    if (const auto* s = std::get_if<StitchStep>(&e.body))
      stitches += s->phase == StitchStep::Phase::kInserted;
  }
  return std::to_string(traces.size()) + " traces (" + std::to_string(aborted) + " aborted), " +
         std::to_string(stitches) + " stitches, " + std::to_string(timeline.events.size()) +
         " events";
}

// Where a run is most telling at the stitch: where the engine stopped (the last
// stitch step), else the first stitch's restored stack, else its inserted one.
size_t StitchToShow(const Timeline& timeline, bool stopped) {
  if (stopped) {
    for (size_t i = timeline.events.size(); i-- > 0;)
      if (std::holds_alternative<StitchStep>(timeline.events[i].body)) return i;
  }
  const size_t restored = ui::FirstStitch(timeline, StitchStep::Phase::kRestored);
  return restored != ui::kNone ? restored : ui::FirstStitch(timeline, StitchStep::Phase::kInserted);
}

const char* StitchModeHelp(StitchMode mode) {
  switch (mode) {
    case StitchMode::kFull:
      return "Our fix: the stitch's IR constants, then the stack; all cases recover";
    case StitchMode::kUnprotected:
      return "The original bug: record-stop unprotected; every case breaks";
    case StitchMode::kPrecheck2021:
      return "2021: snapshot limit checked before the stack is touched";
    case StitchMode::kCpcall2024:
      return "2024: record-stop under lj_vm_cpcall, the stack is restored";
    case StitchMode::kRecerr2024:
      return "The pinned source: memory errors reported as RECERR";
  }
  return "";
}

// The same run on the command line, for the settings panel.
std::string CommandLine(const std::string& path, const ui::RunSettings& s) {
  std::string text = "ljplay run " + fs::path(path).filename().string() + " --no-header";
  for (const JitSetting& j : s.other)
    text += (j.kind == JitSetting::Kind::kCommand ? " -j" : " --opt ") + j.text;
  for (const JitSetting& j : ui::JitSettingsOf(s)) text += " --opt " + j.text;
  SessionOptions options;
  ui::ApplyRunSettings(s, options);
  for (const Fault& f : options.faults) text += " --fault " + FaultName(f);
  return text + " --stitch-mode " + StitchModeName(s.stitch_mode) + " --explain";
}

// ---- Remembered settings ($XDG_CONFIG_HOME/ljplay/gui.json) -----------------

struct Prefs {
  bool light = false;
  float font_scale = 1.0f;  // the user's, on top of the monitor's content scale
  bool settings_panel = true;
  bool about_open = true;
  ui::PaneToggles panes;
  std::string last_file;
  std::string stitch_mode;
  std::vector<std::string> optimizations, faults;
};

std::string PrefsPath() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  const char* home = std::getenv("HOME");
  if (xdg && *xdg) return std::string(xdg) + "/ljplay/gui.json";
  if (home && *home) return std::string(home) + "/.config/ljplay/gui.json";
  return "";
}

Prefs LoadPrefs() {
  Prefs p;
  const std::string path = PrefsPath();
  std::ifstream in(path);
  if (path.empty() || !in) return p;
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return p;
  try {
    p.light = j.value("light", p.light);
    p.font_scale = j.value("font_scale", p.font_scale);
    p.settings_panel = j.value("settings_panel", p.settings_panel);
    p.about_open = j.value("about_open", p.about_open);
    p.last_file = j.value("last_file", p.last_file);
    p.stitch_mode = j.value("stitch_mode", p.stitch_mode);
    p.optimizations = j.value("opt", p.optimizations);
    p.faults = j.value("faults", p.faults);
    const nlohmann::json panes = j.value("panes", nlohmann::json::object());
    ui::PaneToggles& t = p.panes;
    t.source = panes.value("source", t.source);
    t.recorder = panes.value("recorder", t.recorder);
    t.ir = panes.value("ir", t.ir);
    t.stack = panes.value("stack", t.stack);
    t.traces = panes.value("traces", t.traces);
    t.output = panes.value("output", t.output);
    t.events = panes.value("events", t.events);
    t.bytecode = panes.value("bytecode", t.bytecode);
    t.mcode = panes.value("mcode", t.mcode);
    t.graph = panes.value("graph", t.graph);
  } catch (const nlohmann::json::exception&) {
    return Prefs{};  // a damaged file: start afresh
  }
  return p;
}

void SavePrefs(const Prefs& p) {
  const std::string path = PrefsPath();
  if (path.empty()) return;
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  const ui::PaneToggles& t = p.panes;
  const nlohmann::json j = {{"light", p.light},
                            {"font_scale", p.font_scale},
                            {"settings_panel", p.settings_panel},
                            {"about_open", p.about_open},
                            {"last_file", p.last_file},
                            {"stitch_mode", p.stitch_mode},
                            {"opt", p.optimizations},
                            {"faults", p.faults},
                            {"panes",
                             {{"source", t.source},
                              {"recorder", t.recorder},
                              {"ir", t.ir},
                              {"stack", t.stack},
                              {"traces", t.traces},
                              {"output", t.output},
                              {"events", t.events},
                              {"bytecode", t.bytecode},
                              {"mcode", t.mcode},
                              {"graph", t.graph}}}};
  std::ofstream out(path, std::ios::trunc);
  out << j.dump(2) << '\n';
}

// The remembered editor settings, as they were saved.
ui::RunSettings SavedSettings(const Prefs& p) {
  SessionOptions options;
  for (const std::string& o : p.optimizations)
    options.settings.push_back({JitSetting::Kind::kOptimization, o});
  for (const std::string& f : p.faults)
    if (Expected<Fault> fault = ParseFault(f)) options.faults.push_back(fault.value());
  if (Expected<StitchMode> mode = ParseStitchMode(p.stitch_mode))
    options.stitch_mode = mode.value();
  return ui::RunSettingsFrom(options);
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

// ---- The app ------------------------------------------------------------------

// One engine run and what the viewer shows of it.
struct RunSlot {
  EngineRunner runner;
  std::optional<EngineRequest> request;  // what ran last (Restart runs it again)
  Timeline timeline;
  bool have_timeline = false;
  bool finished = false;  // a result (timeline or error) arrived for the request
  ui::ViewState view;
  std::string status;
  std::string counts;    // traces, aborts, stitches
  bool stopped = false;  // the engine process stopped (assertion, crash, Stop)
  bool failed = false;   // no timeline at all

  const char* mode() const { return request ? StitchModeName(request->options.stitch_mode) : ""; }
};

struct App {
  GuiOptions options;
  const RequestLoader& load;
  Prefs prefs;
  bool test_mode = false;
  std::vector<StitchMode> modes = AllStitchModes();
  std::vector<ui::ExampleInfo> examples;

  // The open file: its request with the header applied, and the editor.
  std::string path;
  ui::ExampleInfo about;
  std::optional<EngineRequest> file_request;
  ui::RunSettings header_settings, settings;
  std::string load_error;

  RunSlot main, other;  // other: the second run of a comparison
  bool comparing = false;
  StitchMode compare_with = StitchMode::kUnprotected;
  bool step_to_stitch = false;

  char open_input[1024] = {};
  bool open_requested = false;
  bool quit = false;

  App(GuiOptions o, const RequestLoader& l) : options(std::move(o)), load(l) {}

  bool busy() const { return main.runner.busy() || other.runner.busy(); }

  // Reads a file and sets the editor to its header (or to `saved`).
  bool Open(const std::string& file, const ui::RunSettings* saved = nullptr) {
    Expected<EngineRequest> r = load(file);
    if (!r) {
      load_error = r.error();
      return false;
    }
    load_error.clear();
    path = file;
    file_request = std::move(r).value();
    about = ui::DescribeExample(file_request->source);
    header_settings = ui::RunSettingsFrom(file_request->options);
    settings = header_settings;
    if (saved) {
      settings = *saved;
      settings.other = header_settings.other;
    }
    return true;
  }

  EngineRequest RequestFor(StitchMode mode) const {
    EngineRequest r = *file_request;
    // The source pane's edits run under the file's chunk name (and header).
    if (main.view.editor.edited) r.source = main.view.editor.text;
    ui::RunSettings s = settings;
    s.stitch_mode = mode;
    ui::ApplyRunSettings(s, r.options);
    return r;
  }

  void Start(RunSlot& slot, EngineRequest request) {
    if (slot.runner.busy()) return;
    slot.status = "running " + fs::path(request.chunkname).filename().string() + " (" +
                  StitchModeName(request.options.stitch_mode) + ")...";
    slot.stopped = slot.failed = slot.finished = false;
    slot.request = request;
    slot.runner.Start(std::move(request));
  }

  void Run() {
    if (!file_request || busy()) return;
    Start(main, RequestFor(settings.stitch_mode));
    if (comparing) Start(other, RequestFor(compare_with));
  }

  void Compare() {
    if (!file_request || busy()) return;
    if (compare_with == settings.stitch_mode)
      compare_with =
          settings.stitch_mode == StitchMode::kFull ? StitchMode::kUnprotected : StitchMode::kFull;
    comparing = true;
    Run();
  }

  void Stop() {
    main.runner.Stop();
    other.runner.Stop();
  }

  void Restart() {
    if (busy()) return;
    if (main.request) Start(main, *main.request);
    if (comparing && other.request) Start(other, *other.request);
  }

  void OpenAndRun(const std::string& file) {
    main.runner.StopAndDiscard();
    other.runner.StopAndDiscard();
    if (!Open(file)) return;
    for (RunSlot* s : {&main, &other}) {
      s->request.reset();
      s->have_timeline = s->finished = s->stopped = s->failed = false;
      s->status.clear();
      s->view.editor = ui::SourceEditor{};
    }
    Run();
  }

  // Picks the file and settings of the first run.
  void Init() {
    test_mode = options.screenshot_after > 0;
    if (!test_mode) prefs = LoadPrefs();
    ui::Colors() = prefs.light ? ui::kLightPaneColors : ui::kDarkPaneColors;
    step_to_stitch = options.step_to_stitch;
    std::string file = options.path;
    std::optional<ui::RunSettings> saved;
    std::error_code ec;
    if (file.empty() && !prefs.last_file.empty() && fs::exists(prefs.last_file, ec)) {
      file = prefs.last_file;
      saved = SavedSettings(prefs);
    }
    if (file.empty()) {
      const std::string dir = FindExamplesDir("");
      file = (dir.empty() ? std::string("examples") : dir) + "/maxsnap_stitch.lua";
    }
    examples = ui::ListExamples(FindExamplesDir(file));
    if (!Open(file, saved ? &*saved : nullptr)) {
      path = file;
      return;
    }
    if (!options.stitch_mode.empty()) {
      if (Expected<StitchMode> m = ParseStitchMode(options.stitch_mode))
        settings.stitch_mode = m.value();
      else
        load_error = m.error();
    }
    if (!options.compare_mode.empty()) {
      if (Expected<StitchMode> m = ParseStitchMode(options.compare_mode)) {
        compare_with = m.value();
        comparing = true;
      } else {
        load_error = m.error();
      }
    }
    Run();
  }

  void Remember() {
    if (test_mode) return;
    std::error_code ec;
    const fs::path abs = fs::absolute(path, ec);
    prefs.last_file = ec ? path : abs.string();
    prefs.stitch_mode = StitchModeName(settings.stitch_mode);
    prefs.optimizations.clear();
    for (const JitSetting& j : ui::JitSettingsOf(settings)) prefs.optimizations.push_back(j.text);
    SessionOptions o;
    ui::ApplyRunSettings(settings, o);
    prefs.faults.clear();
    for (const Fault& f : o.faults) prefs.faults.push_back(FaultName(f));
    SavePrefs(prefs);
  }

  // Takes finished runs; returns true when one arrived this frame.
  bool Poll() { return PollSlot(main, !comparing) | PollSlot(other, false); }

  bool PollSlot(RunSlot& slot, bool single) {
    std::optional<Expected<Timeline>> done = slot.runner.Take();
    if (!done) return false;
    slot.finished = true;
    if (!*done) {
      slot.status = "engine failed: " + done->error();
      slot.failed = slot.stopped = true;
      return true;
    }
    slot.timeline = std::move(*done).value();
    slot.have_timeline = true;
    ui::SourceEditor editor = std::move(slot.view.editor);  // edits outlive runs
    slot.view = ui::ViewState{};
    slot.view.editor = std::move(editor);
    const std::string stopped = EngineStopMessage(slot.timeline);
    slot.stopped = !stopped.empty();
    slot.status = stopped.empty() ? "run ended: " + ui::RunStatus(slot.timeline) : stopped;
    slot.counts = RunCounts(slot.timeline);
    // Alone, a run opens at its first recorded bytecode, or where the engine
    // stopped; side by side, both open at the stitch. A test may ask for the
    // first inserted continuation.
    const size_t first = ui::NextRecordStep(slot.timeline, ui::kNone);
    size_t at = first == ui::kNone ? 0 : first;
    size_t stitch = ui::kNone;
    if (step_to_stitch) stitch = ui::FirstStitch(slot.timeline, StitchStep::Phase::kInserted);
    if (stitch == ui::kNone && (!single || slot.stopped || step_to_stitch))
      stitch = StitchToShow(slot.timeline, slot.stopped);
    slot.view.cursor = stitch != ui::kNone ? stitch : at;
    return true;
  }

  bool AllFinished() const { return !busy() && main.finished && (!comparing || other.finished); }

  // ---- Drawing ----

  void HandleKeys() {
    if (ImGui::IsKeyPressed(ImGuiKey_F5, false)) {
      if (ImGui::GetIO().KeyShift)
        Stop();
      else
        Run();
    }
  }

  void DrawMenuBar(float content_scale) {
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
      if (ImGui::MenuItem("Open...", "Ctrl+O")) open_requested = true;
      if (ImGui::MenuItem("Reload", nullptr, false, !path.empty())) OpenAndRun(path);
      ImGui::SetItemTooltip("Read the file again; the settings go back to its header");
      ImGui::Separator();
      if (ImGui::MenuItem("Quit", "Ctrl+Q")) quit = true;
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Examples")) {
      if (examples.empty()) ImGui::TextDisabled("No examples/ directory found");
      for (size_t i = 0; i < examples.size(); ++i) {
        const ui::ExampleInfo& e = examples[i];
        if (i == 5 && e.name == "stitch_chain.lua") ImGui::Separator();
        const std::string label = e.name + "  -  " + e.title;
        std::error_code ec;
        if (ImGui::MenuItem(label.c_str(), nullptr, fs::equivalent(e.path, path, ec)))
          OpenAndRun(e.path);
      }
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Run")) {
      if (ImGui::MenuItem("Run", "F5", false, !busy() && file_request)) Run();
      if (ImGui::MenuItem("Stop", "Shift+F5", false, busy())) Stop();
      if (ImGui::MenuItem("Restart", nullptr, false, !busy() && main.request)) Restart();
      ImGui::Separator();
      if (ImGui::MenuItem("Compare two stitch modes", nullptr, comparing, !busy() && file_request))
        Compare();
      if (ImGui::MenuItem("Single view", nullptr, !comparing)) comparing = false;
      ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
      ImGui::MenuItem("Settings panel", nullptr, &prefs.settings_panel);
      ImGui::Separator();
      ui::PaneToggles& p = prefs.panes;
      ImGui::MenuItem("Source", nullptr, &p.source);
      ImGui::MenuItem("Recorder step", nullptr, &p.recorder);
      ImGui::MenuItem("Bytecode", nullptr, &p.bytecode);
      ImGui::MenuItem("Trace IR", nullptr, &p.ir);
      ImGui::MenuItem("Machine code", nullptr, &p.mcode);
      ImGui::MenuItem("Lua stack at the stitch", nullptr, &p.stack);
      ImGui::MenuItem("Trace list", nullptr, &p.traces);
      ImGui::MenuItem("Trace graph", nullptr, &p.graph);
      ImGui::MenuItem("Event log", nullptr, &p.events);
      ImGui::MenuItem("Output", nullptr, &p.output);
      ImGui::Separator();
      if (ImGui::MenuItem("Dark theme", nullptr, !prefs.light)) SetTheme(false);
      if (ImGui::MenuItem("Light theme", nullptr, prefs.light)) SetTheme(true);
      ImGui::Separator();
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
      ImGui::SliderFloat("Font size", &prefs.font_scale, 0.6f, 2.5f, "%.2fx");
      ImGui::SetItemTooltip("On top of the monitor's scale (%.2f)", content_scale);
      if (ImGui::MenuItem("Reset font size")) prefs.font_scale = 1.0f;
      ImGui::EndMenu();
    }
    ImGui::EndMenuBar();
  }

  void SetTheme(bool light) {
    prefs.light = light;
    if (light)
      ImGui::StyleColorsLight();
    else
      ImGui::StyleColorsDark();
    ui::Colors() = light ? ui::kLightPaneColors : ui::kDarkPaneColors;
  }

  void DrawOpenPopup() {
    if (open_requested) {
      std::snprintf(open_input, sizeof(open_input), "%s", path.c_str());
      ImGui::OpenPopup("Open a Lua file");
      open_requested = false;
    }
    if (!ImGui::BeginPopupModal("Open a Lua file", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
      return;
    ImGui::TextUnformatted("Path of a Lua program (its '-- ljplay:' header applies):");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 36);
    const bool enter = ImGui::InputText("##path", open_input, sizeof(open_input),
                                        ImGuiInputTextFlags_EnterReturnsTrue);
    if (ImGui::Button("Open and run") || enter) {
      OpenAndRun(open_input);
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }

  bool ModeCombo(const char* label, StitchMode& mode) {
    bool changed = false;
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("precheck-2021").x + ImGui::GetFontSize() * 2.5f);
    if (ImGui::BeginCombo(label, StitchModeName(mode))) {
      for (StitchMode m : modes) {
        if (ImGui::Selectable(StitchModeName(m), m == mode)) {
          mode = m;
          changed = true;
        }
        ImGui::SetItemTooltip("%s", StitchModeHelp(m));
      }
      ImGui::EndCombo();
    }
    ImGui::SetItemTooltip("%s", StitchModeHelp(mode));
    return changed;
  }

  void DrawSettingsPanel() {
    const ImVec4 title = ui::Colors().title;
    ImGui::SetNextItemOpen(prefs.about_open, ImGuiCond_Once);
    prefs.about_open = ImGui::CollapsingHeader("About this example");
    if (prefs.about_open) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(title, "%s", about.title.empty() ? path.c_str() : about.title.c_str());
      if (about.about.empty())
        ImGui::TextDisabled("(the file has no header comment)");
      else
        ImGui::TextUnformatted(about.about.c_str());
      ImGui::PopTextWrapPos();
    }

    ImGui::SeparatorText("Run");
    ImGui::BeginDisabled(busy());
    ModeCombo("stitch mode", settings.stitch_mode);
    if (ImGui::Button("Run (F5)")) Run();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!busy());
    if (ImGui::Button("Stop (Shift+F5)")) Stop();
    ImGui::EndDisabled();
    ImGui::BeginDisabled(busy());
    if (ImGui::Button("Compare with")) Compare();
    ImGui::SetItemTooltip("Run in both modes and show the stacks and traces side by side");
    ImGui::SameLine();
    ModeCombo("##compare_with", compare_with);
    ImGui::EndDisabled();
    const bool edited = main.request && ui::RunSettingsFrom(main.request->options) != settings;
    if (edited) ImGui::TextColored(ui::Colors().warn, "Settings changed: press Run (F5)");

    ImGui::SeparatorText("jit.opt");
    ui::DrawJitOptEditor(settings);
    ImGui::SeparatorText("Fault plan");
    ui::DrawFaultEditor(settings);
    ImGui::Spacing();
    ImGui::BeginDisabled(settings == header_settings);
    if (ImGui::Button("Reset to the file's header")) settings = header_settings;
    ImGui::EndDisabled();
    ImGui::SeparatorText("On the command line");
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ui::Colors().dim, "%s", CommandLine(path, settings).c_str());
    ImGui::PopTextWrapPos();
  }

  // The status of one run; an engine that stopped gets a banner with Restart.
  void DrawStatus(RunSlot& slot, const char* id) {
    ImGui::PushID(id);
    ImGui::PushTextWrapPos(0);
    if (slot.runner.busy()) {
      if (ImGui::SmallButton("Stop")) slot.runner.Stop();
      ImGui::SameLine();
      ImGui::TextUnformatted(slot.status.c_str());
    } else if (slot.stopped) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.70f, 0.25f, 0.15f, 1.0f));
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
      const bool restart = ImGui::SmallButton("Restart");
      ImGui::PopStyleColor(2);
      ImGui::SetItemTooltip("Run the same request again");
      ImGui::SameLine();
      ImGui::TextColored(ui::Colors().warn, "%s", slot.status.c_str());
      if (!slot.failed) {
        ImGui::TextColored(ui::Colors().dim,
                           "The engine process stopped, this window did not: the panes show "
                           "the run up to there (%s).",
                           slot.counts.c_str());
      }
      if (restart && slot.request) Start(slot, *slot.request);
      if (!comparing && !slot.failed && slot.request &&
          slot.request->options.stitch_mode != StitchMode::kFull) {
        if (ImGui::SmallButton("Compare with full")) {
          compare_with = StitchMode::kFull;
          Compare();
        }
        ImGui::SetItemTooltip("Run again in the full mode and show both side by side");
      }
    } else {
      const std::string text =
          slot.counts.empty() ? slot.status : slot.status + "  (" + slot.counts + ")";
      ImGui::TextUnformatted(text.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }

  void DrawComparison() {
    const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    RunSlot* slots[2] = {&main, &other};
    for (int i = 0; i < 2; ++i) {
      RunSlot& s = *slots[i];
      if (i) ImGui::SameLine();
      ImGui::BeginChild(i ? "compare_b" : "compare_a", ImVec2(w, 0), ImGuiChildFlags_Borders);
      ImGui::TextColored(ui::Colors().title, "stitch mode %s", s.mode());
      DrawStatus(s, i ? "b" : "a");
      if (s.have_timeline)
        ui::DrawComparedRun(s.timeline, s.view);
      else if (!s.failed)
        ImGui::TextDisabled("Waiting for the engine...");
      ImGui::EndChild();
    }
  }

  void DrawFrame(float content_scale) {
    HandleKeys();
    if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_O, false)) open_requested = true;
    if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_Q, false)) quit = true;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
        ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_MenuBar;
    ImGui::Begin("LuaJIT trace playground", nullptr, flags);
    DrawMenuBar(content_scale);
    DrawOpenPopup();

    // The mode to compare with is never the mode itself.
    if (compare_with == settings.stitch_mode)
      compare_with =
          settings.stitch_mode == StitchMode::kFull ? StitchMode::kUnprotected : StitchMode::kFull;
    if (prefs.settings_panel) {
      ImGui::BeginChild("settings", ImVec2(ImGui::GetFontSize() * 20, 0), ImGuiChildFlags_Borders);
      DrawSettingsPanel();
      ImGui::EndChild();
      ImGui::SameLine();
    }
    ImGui::BeginGroup();
    ImGui::Text("%s", path.c_str());
    if (!comparing) {
      ImGui::SameLine();
      ImGui::TextColored(ui::Colors().dim, "(stitch mode %s)", main.mode());
    }
    if (!load_error.empty()) ImGui::TextColored(ui::Colors().warn, "%s", load_error.c_str());
    if (comparing) {
      ImGui::SameLine();
      if (ImGui::SmallButton("Close comparison")) comparing = false;
      DrawComparison();
    } else {
      DrawStatus(main, "main");
      ImGui::Separator();
      main.view.panes = prefs.panes;
      if (main.have_timeline)
        ui::DrawPlayground(main.timeline, main.view);
      else if (!main.failed && file_request)
        ImGui::TextDisabled("Waiting for the engine...");
    }
    ImGui::EndGroup();
    ImGui::End();
  }
};

void LoadFonts() {
  ImGuiIO& io = ImGui::GetIO();
  // A monospace font keeps IR and bytecode columns aligned; ImGui's own otherwise.
  const char* mono = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";
  std::error_code ec;
  if (fs::exists(mono, ec) && io.Fonts->AddFontFromFileTTF(mono, 15.0f)) return;
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
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);  // HiDPI: a window of the same apparent size
  GLFWwindow* window =
      glfwCreateWindow(1280, 800, "ljplay: the LuaJIT trace playground", nullptr, nullptr);
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
    App app(options, load);
    app.Init();
    app.SetTheme(app.prefs.light);
    const bool test_mode = app.test_mode;
    const Clock::time_point launched = Clock::now();
    std::optional<Clock::time_point> arrived;
    while (!glfwWindowShouldClose(window) && !app.quit) {
      if (test_mode || app.busy())
        glfwPollEvents();
      else
        glfwWaitEventsTimeout(0.25);
      app.Poll();
      if (!arrived && app.AllFinished()) arrived = Clock::now();

      ImGui::GetStyle().FontScaleMain = app.prefs.font_scale;
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::NewFrame();
      app.DrawFrame(content_scale);
      ImGui::Render();
      int w = 0, h = 0;
      glfwGetFramebufferSize(window, &w, &h);
      glViewport(0, 0, w, h);
      const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
      glClearColor(bg.x, bg.y, bg.z, 1.0f);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      glfwSwapBuffers(window);

      if (!test_mode) continue;
      const double since_launch = std::chrono::duration<double>(Clock::now() - launched).count();
      if (!arrived && (since_launch > 120 || (!app.busy() && !app.main.request))) {
        std::fprintf(stderr, "ljplay: no timeline after %.0f s%s%s\n", since_launch,
                     app.load_error.empty() ? "" : ": ", app.load_error.c_str());
        exit_code = 1;
        break;
      }
      if (arrived && std::chrono::duration<double>(Clock::now() - *arrived).count() >=
                         options.screenshot_after) {
        RunSlot* slots[2] = {&app.main, &app.other};
        for (RunSlot* s : slots) {
          if (s == &app.other && !app.comparing) continue;
          if (!s->have_timeline) {
            std::fprintf(stderr, "ljplay: %s\n", s->status.c_str());
            exit_code = 1;
          } else {
            std::fprintf(stderr, "ljplay gui [%s]: %s (%s)\n", s->mode(), s->status.c_str(),
                         s->counts.c_str());
          }
        }
        if (app.main.have_timeline && !options.dump_pane.empty()) {
          const std::string text =
              ui::DumpPaneText(app.main.timeline, app.main.view, options.dump_pane);
          std::fwrite(text.data(), 1, text.size(), stdout);
          std::fflush(stdout);
        }
        break;
      }
    }
    glfwHideWindow(window);
    app.Remember();
    app.Stop();
  }  // joins the engine threads

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace ljp
