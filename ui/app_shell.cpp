#include "app_shell.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "imgui.h"
#include "pane_style.h"
#include "panes.h"
#include "run_end.h"
#include "timeline_json.h"
#include "view_model.h"

namespace ljp::ui {
namespace {

namespace fs = std::filesystem;

// "engine stopped: ..." when the engine died, "" otherwise.
std::string EngineStopMessage(const Timeline& timeline) {
  std::string assertion;
  for (const Event& e : timeline.events) {
    if (const auto* a = std::get_if<AssertFailure>(&e.body)) {
      assertion = AssertionText(*a);
    }
    if (const auto* end = std::get_if<RunEnd>(&e.body)) {
      if (end->status == RunStatus::kAssert || end->status == RunStatus::kCrash ||
          end->status == RunStatus::kKilled) {
        return "engine stopped: " + (assertion.empty() ? end->message : assertion);
      }
    }
  }
  return "";
}

// "3 traces (1 aborted), 2 stitches": what the run did, for the status line.
std::string RunCounts(const Timeline& timeline) {
  const std::vector<TraceRow> traces = TraceList(timeline);
  int aborted = 0, stitches = 0;
  for (const TraceRow& r : traces) aborted += r.status == "aborted";
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
  const size_t restored = FirstStitch(timeline, StitchStep::Phase::kRestored);
  return restored != kNone ? restored : FirstStitch(timeline, StitchStep::Phase::kInserted);
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
std::string CommandLine(const std::string& path, const RunSettings& s) {
  std::string text = "ljplay run " + fs::path(path).filename().string() + " --no-header";
  for (const JitSetting& j : s.other)
    text += (j.kind == JitSetting::Kind::kCommand ? " -j" : " --opt ") + j.text;
  for (const JitSetting& j : JitSettingsOf(s)) text += " --opt " + j.text;
  SessionOptions options;
  ApplyRunSettings(s, options);
  for (const Fault& f : options.faults) text += " --fault " + FaultName(f);
  for (Finding f : options.unfixed) text += std::string(" --unfixed ") + FindingName(f);
  return text + " --stitch-mode " + StitchModeName(s.stitch_mode) + " --explain";
}

// The settings a timeline ran with ("-Omaxsnap=1", "-jdump"; faults; the
// stitch mode), as the settings panel shows them.
RunSettings RecordedSettings(const Timeline& t) {
  SessionOptions options;
  for (const std::string& o : t.options) {
    const bool command = o.rfind("-j", 0) == 0;
    const std::string text = o.rfind("-j", 0) == 0 || o.rfind("-O", 0) == 0 ? o.substr(2) : o;
    options.settings.push_back(
        {command ? JitSetting::Kind::kCommand : JitSetting::Kind::kOptimization, text});
  }
  for (const std::string& f : t.faults)
    if (Expected<Fault> fault = ParseFault(f)) options.faults.push_back(fault.value());
  if (Expected<StitchMode> mode = ParseStitchMode(t.stitch_mode))
    options.stitch_mode = mode.value();
  return RunSettingsFrom(options);
}

bool IsTimelineFile(const std::string& path) { return fs::path(path).extension() == ".jsonl"; }

// The other mode of a comparison when `with` is the mode itself.
StitchMode ApartFrom(StitchMode mode) {
  return mode == StitchMode::kFull ? StitchMode::kUnprotected : StitchMode::kFull;
}

bool SameFile(const std::string& a, const std::string& b) {
  std::error_code ec;
  return a == b || fs::equivalent(a, b, ec);
}

}  // namespace

RunSettings SavedRunSettings(const AppPrefs& p) {
  SessionOptions options;
  for (const std::string& o : p.optimizations)
    options.settings.push_back({JitSetting::Kind::kOptimization, o});
  for (const std::string& f : p.faults)
    if (Expected<Fault> fault = ParseFault(f)) options.faults.push_back(fault.value());
  if (Expected<StitchMode> mode = ParseStitchMode(p.stitch_mode))
    options.stitch_mode = mode.value();
  return RunSettingsFrom(options);
}

const char* RunSlot::Mode() const {
  return request ? StitchModeName(request->options.stitch_mode) : "";
}

AppShell::AppShell(std::unique_ptr<EngineClient> main_engine,
                   std::unique_ptr<EngineClient> other_engine, RequestLoader load,
                   std::vector<ExampleInfo> examples, HostTraits host, AppPrefs prefs)
    : load_(std::move(load)),
      examples_(std::move(examples)),
      host_(host),
      prefs_(std::move(prefs)),
      modes_(AllStitchModes()) {
  main_.engine = std::move(main_engine);
  other_.engine = std::move(other_engine);
  Colors() = prefs_.light ? kLightPaneColors : kDarkPaneColors;
}

std::string ProgramTooLarge(const std::string& file, size_t bytes) {
  char size[32];
  std::snprintf(size, sizeof(size), "%.1f MB", static_cast<double>(bytes) / (1 << 20));
  return fs::path(file).filename().string() + " is " + size +
         ": the playground takes programs of up to " + std::to_string(kMaxProgramBytes >> 20) +
         " MB";
}

// ---- Runs ---------------------------------------------------------------------

bool AppShell::Busy() const { return main_.Busy() || other_.Busy(); }

bool AppShell::AllFinished() const {
  return !Busy() && main_.finished && (!comparing_ || other_.finished);
}

bool AppShell::Open(const std::string& file, const RunSettings* saved) {
  Expected<EngineRequest> r = load_(file);
  if (r && r.value().source.size() > kMaxProgramBytes)
    r = Error{ProgramTooLarge(file, r.value().source.size())};
  if (!r) {
    load_error_ = r.error();
    return false;
  }
  load_error_.clear();
  path_ = file;
  file_request_ = std::move(r).value();
  about_ = DescribeExample(file_request_->source);
  header_settings_ = RunSettingsFrom(file_request_->options);
  settings_ = header_settings_;
  if (saved) {
    settings_ = *saved;
    settings_.other = header_settings_.other;
  }
  return true;
}

void AppShell::Launch(const LaunchOptions& options) {
  step_to_stitch_ = options.step_to_stitch;
  if (host_.open_files && IsTimelineFile(options.file)) {
    if (!OpenAndRun(options.file)) path_ = options.file;
    return;
  }
  if (!Open(options.file, options.saved ? &*options.saved : nullptr)) {
    path_ = options.file;
    return;
  }
  if (!options.stitch_mode.empty()) {
    if (Expected<StitchMode> m = ParseStitchMode(options.stitch_mode))
      settings_.stitch_mode = m.value();
    else
      load_error_ = m.error();
  }
  if (!options.compare_mode.empty()) {
    if (Expected<StitchMode> m = ParseStitchMode(options.compare_mode)) {
      compare_with_ = m.value();
      comparing_ = true;
    } else {
      load_error_ = m.error();
    }
  }
  if (options.run) Run();
}

EngineRequest AppShell::RequestFor(StitchMode mode) const {
  EngineRequest r = *file_request_;
  // The source pane's edits run under the file's chunk name (and header).
  if (main_.view.editor.edited) r.source = main_.view.editor.text;
  RunSettings s = settings_;
  s.stitch_mode = mode;
  ApplyRunSettings(s, r.options);
  return r;
}

void AppShell::Start(RunSlot& slot, EngineRequest request) {
  if (slot.Busy()) return;
  slot.status = "running " + fs::path(request.chunkname).filename().string() + " (" +
                StitchModeName(request.options.stitch_mode) + ")...";
  slot.stopped = slot.failed = slot.finished = false;
  slot.request = request;
  slot.engine->Start(request);
}

void AppShell::Run() {
  if (!file_request_ || Busy()) return;
  save_result_.clear();
  if (main_.view.editor.edited && main_.view.editor.text.size() > kMaxProgramBytes) {
    main_.status = ProgramTooLarge(path_, main_.view.editor.text.size());
    return;
  }
  Start(main_, RequestFor(settings_.stitch_mode));
  if (comparing_) Start(other_, RequestFor(compare_with_));
}

void AppShell::Compare(std::optional<StitchMode> with) {
  if (!file_request_ || Busy()) return;
  if (with) compare_with_ = *with;
  if (compare_with_ == settings_.stitch_mode) compare_with_ = ApartFrom(settings_.stitch_mode);
  comparing_ = true;
  Run();
}

void AppShell::Stop() {
  main_.engine->Stop();
  other_.engine->Stop();
}

void AppShell::Restart() {
  if (Busy()) return;
  if (main_.request) Start(main_, *main_.request);
  if (comparing_ && other_.request) Start(other_, *other_.request);
}

bool AppShell::OpenAndRun(const std::string& file, std::optional<StitchMode> mode) {
  lesson_.reset();
  if (host_.open_files && IsTimelineFile(file)) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      load_error_ = "cannot read " + file;
      return false;
    }
    return OpenTimeline(file, in);
  }
  if (!Open(file)) return false;
  main_.engine->StopAndDiscard();
  other_.engine->StopAndDiscard();
  if (mode) settings_.stitch_mode = *mode;
  for (RunSlot* s : {&main_, &other_}) {
    s->request.reset();
    s->have_timeline = s->finished = s->stopped = s->failed = false;
    s->status.clear();
    s->view.editor = SourceEditor{};
  }
  Run();
  return true;
}

AppPrefs AppShell::PrefsToRemember() const {
  AppPrefs p = prefs_;
  p.last_file = path_;
  p.stitch_mode = StitchModeName(settings_.stitch_mode);
  p.optimizations.clear();
  for (const JitSetting& j : JitSettingsOf(settings_)) p.optimizations.push_back(j.text);
  SessionOptions o;
  ApplyRunSettings(settings_, o);
  p.faults.clear();
  for (const Fault& f : o.faults) p.faults.push_back(FaultName(f));
  return p;
}

bool AppShell::Poll() {
  const bool main_arrived = PollSlot(main_, !comparing_);  // both, every frame
  const bool other_arrived = PollSlot(other_, false);
  return main_arrived || other_arrived;
}

bool AppShell::PollSlot(RunSlot& slot, bool single) {
  std::optional<Expected<Timeline>> done = slot.engine->TakeResult();
  if (!done) return false;
  slot.finished = true;
  if (!*done) {
    slot.status = "engine failed: " + done->error();
    slot.failed = slot.stopped = true;
    return true;
  }
  Show(slot, std::move(*done).value(), single);
  if (&slot == &main_ && lesson_) {
    // A run the reader made during an exercise is checked as it arrives.
    const bool reader_run = !lesson_->waiting;
    ShowLessonStep();
    if (reader_run) CheckExercise();
  }
  return true;
}

void AppShell::Show(RunSlot& slot, Timeline timeline, bool single) {
  slot.finished = true;
  slot.timeline = std::move(timeline);
  slot.have_timeline = true;
  SourceEditor editor = std::move(slot.view.editor);  // edits outlive runs
  slot.view = ViewState{};
  slot.view.editor = std::move(editor);
  const std::string stopped = EngineStopMessage(slot.timeline);
  slot.stopped = !stopped.empty();
  slot.status = stopped.empty() ? "run ended: " + RunEndText(slot.timeline) : stopped;
  if (CapIndex(slot.timeline) < slot.timeline.events.size())
    slot.status += " (timeline cut at its cap: see Output)";
  else if (!OutputCutNotice(slot.timeline).empty())
    slot.status += " (output cut at its budget: see Output)";
  slot.counts = RunCounts(slot.timeline);
  // Alone, a run opens at its first recorded bytecode, or where the engine
  // stopped; side by side, both open at the stitch. A test may ask for the
  // first inserted continuation.
  const size_t first = NextRecordStep(slot.timeline, kNone);
  size_t at = first == kNone ? 0 : first;
  size_t stitch = kNone;
  if (step_to_stitch_) stitch = FirstStitch(slot.timeline, StitchStep::Phase::kInserted);
  if (stitch == kNone && (!single || slot.stopped || step_to_stitch_))
    stitch = StitchToShow(slot.timeline, slot.stopped);
  slot.view.cursor = stitch != kNone ? stitch : at;
}

// ---- Timelines from files ------------------------------------------------------

bool AppShell::OpenTimeline(const std::string& name, std::istream& jsonl) {
  lesson_.reset();
  const std::string file = fs::path(name).filename().string();
  Expected<Timeline> read = ReadTimeline(jsonl);
  if (read && read.value().events.empty() && read.value().chunkname.empty())
    read = Error{"no timeline in it"};
  if (!read) {
    load_error_ = file + ": " + read.error();
    return false;
  }
  Timeline timeline = std::move(read).value();
  main_.engine->StopAndDiscard();
  other_.engine->StopAndDiscard();
  comparing_ = false;
  load_error_.clear();
  path_ = name;
  // Its program, with the settings it ran with, is what Run (F5) runs here.
  file_request_.reset();
  if (host_.program_request) {
    if (Expected<EngineRequest> r = host_.program_request(timeline.source, timeline.chunkname, {}))
      file_request_ = std::move(r).value();
  }
  about_ = DescribeExample(timeline.source);
  header_settings_ = file_request_ ? RunSettingsFrom(file_request_->options) : RunSettings{};
  settings_ = RecordedSettings(timeline);
  for (RunSlot* s : {&main_, &other_}) {
    s->request.reset();
    s->have_timeline = s->finished = s->stopped = s->failed = false;
    s->status.clear();
    s->view.editor = SourceEditor{};
  }
  if (file_request_) main_.request = RequestFor(settings_.stitch_mode);
  const std::string vm = timeline.vmdef.luajit_version + " on " + timeline.vmdef.arch;
  Show(main_, std::move(timeline), true);
  main_.status = file + " (recorded by " + vm + "): " + main_.status;
  return true;
}

std::string AppShell::TimelineText() const {
  if (!main_.have_timeline) return "";
  std::ostringstream out;
  WriteTimeline(out, main_.timeline);
  return out.str();
}

std::string AppShell::TimelineFileName() const {
  const std::string stem = fs::path(main_.have_timeline ? main_.timeline.chunkname : path_).stem();
  return (stem.empty() ? "timeline" : stem) + ".jsonl";
}

void AppShell::SaveTimeline() {
  if (!main_.have_timeline) return;
  if (host_.save_file) {
    host_.save_file(TimelineFileName(), TimelineText());
    return;
  }
  std::snprintf(save_input_, sizeof(save_input_), "%s", TimelineFileName().c_str());
  save_result_.clear();
  save_requested_ = true;
}

// ---- Drawing --------------------------------------------------------------------

void AppShell::HandleKeys() {
  if (ImGui::IsKeyPressed(ImGuiKey_F5, false)) {
    if (ImGui::GetIO().KeyShift)
      Stop();
    else
      Run();
  }
  const bool ctrl = ImGui::GetIO().KeyCtrl;
  if (ctrl && ImGui::IsKeyPressed(ImGuiKey_O, false)) {
    if (host_.open_files) open_requested_ = true;
    if (host_.pick_file) host_.pick_file();
  }
  if (ctrl && ImGui::IsKeyPressed(ImGuiKey_S, false)) SaveTimeline();
  if (lesson_ && ctrl && !ImGui::GetIO().WantTextInput) {
    if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) StepLesson(+1);
    if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) StepLesson(-1);
  }
  if (host_.quit && ctrl && ImGui::IsKeyPressed(ImGuiKey_Q, false)) quit_ = true;
}

void AppShell::SetTheme(bool light) {
  prefs_.light = light;
  if (light)
    ImGui::StyleColorsLight();
  else
    ImGui::StyleColorsDark();
  Colors() = light ? kLightPaneColors : kDarkPaneColors;
}

void AppShell::DrawMenuBar(float content_scale) {
  if (!ImGui::BeginMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (host_.open_files && ImGui::MenuItem("Open...", "Ctrl+O")) open_requested_ = true;
    if (host_.pick_file && ImGui::MenuItem("Open file...", "Ctrl+O")) host_.pick_file();
    ImGui::SetItemTooltip(
        "A Lua program, or a timeline (.jsonl) recorded with "
        "`ljplay run --timeline` or saved here");
    const bool reloadable = !path_.empty() && (host_.open_files || !IsTimelineFile(path_));
    if (ImGui::MenuItem("Reload", nullptr, false, reloadable)) OpenAndRun(path_);
    ImGui::SetItemTooltip("Read the file again; the settings go back to its header");
    if (ImGui::MenuItem("Save timeline...", "Ctrl+S", false, main_.have_timeline)) SaveTimeline();
    ImGui::SetItemTooltip(
        "The run as JSON Lines, as `ljplay run --timeline` writes it; "
        "File > Open shows it again, here or in the other build");
    if (host_.quit) {
      ImGui::Separator();
      if (ImGui::MenuItem("Quit", "Ctrl+Q")) quit_ = true;
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Examples")) {
    if (examples_.empty()) ImGui::TextDisabled("No examples/ directory found");
    for (size_t i = 0; i < examples_.size(); ++i) {
      const ExampleInfo& e = examples_[i];
      if (i == 5 && e.name == "stitch_chain.lua") ImGui::Separator();
      const std::string label = e.name + "  -  " + e.title;
      if (ImGui::MenuItem(label.c_str(), nullptr, SameFile(e.path, path_))) OpenAndRun(e.path);
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Run")) {
    if (ImGui::MenuItem("Run", "F5", false, !Busy() && file_request_)) Run();
    if (ImGui::MenuItem("Stop", "Shift+F5", false, Busy())) Stop();
    if (ImGui::MenuItem("Restart", nullptr, false, !Busy() && main_.request)) Restart();
    ImGui::Separator();
    if (ImGui::MenuItem("Compare two stitch modes", nullptr, comparing_, !Busy() && file_request_))
      Compare(std::nullopt);
    if (ImGui::MenuItem("Single view", nullptr, !comparing_)) comparing_ = false;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    ImGui::MenuItem("Settings panel", nullptr, &prefs_.settings_panel);
    ImGui::Separator();
    PaneToggles& p = prefs_.panes;
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
    if (ImGui::MenuItem("Reset layout")) prefs_.layout = PaneLayout{};
    ImGui::SetItemTooltip(
        "Every pane back to its default size (double-click a bar between panes "
        "for one row)");
    ImGui::Separator();
    if (ImGui::MenuItem("Dark theme", nullptr, !prefs_.light)) SetTheme(false);
    if (ImGui::MenuItem("Light theme", nullptr, prefs_.light)) SetTheme(true);
    ImGui::Separator();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::SliderFloat("Font size", &prefs_.font_scale, 0.6f, 2.5f, "%.2fx");
    ImGui::SetItemTooltip("On top of the monitor's scale (%.2f)", content_scale);
    if (ImGui::MenuItem("Reset font size")) prefs_.font_scale = 1.0f;
    ImGui::EndMenu();
  }
  ImGui::EndMenuBar();
}

void AppShell::DrawOpenPopup() {
  if (open_requested_) {
    std::snprintf(open_input_, sizeof(open_input_), "%s", path_.c_str());
    ImGui::OpenPopup("Open a Lua file");
    open_requested_ = false;
  }
  if (!ImGui::BeginPopupModal("Open a Lua file", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
    return;
  ImGui::TextUnformatted(
      "Path of a Lua program (its '-- ljplay:' header applies) or of a\n"
      "timeline (.jsonl, from `ljplay run --timeline` or Save timeline):");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 36);
  const bool enter = ImGui::InputText("##path", open_input_, sizeof(open_input_),
                                      ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::Button("Open and run") || enter) {
    OpenAndRun(open_input_);
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void AppShell::DrawSavePopup() {
  if (save_requested_) {
    ImGui::OpenPopup("Save the timeline");
    save_requested_ = false;
  }
  if (!ImGui::BeginPopupModal("Save the timeline", nullptr, ImGuiWindowFlags_AlwaysAutoResize))
    return;
  ImGui::TextUnformatted("Write the run's timeline (JSON Lines) to:");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 36);
  const bool enter = ImGui::InputText("##save_path", save_input_, sizeof(save_input_),
                                      ImGuiInputTextFlags_EnterReturnsTrue);
  if (ImGui::Button("Save") || enter) {
    std::ofstream out(save_input_, std::ios::binary | std::ios::trunc);
    out << TimelineText();
    out.close();
    save_result_ =
        out ? "saved " + std::to_string(main_.timeline.events.size()) + " events to " + save_input_
            : std::string("could not write ") + save_input_;
    if (out) ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
  if (!save_result_.empty()) ImGui::TextColored(Colors().warn, "%s", save_result_.c_str());
  ImGui::EndPopup();
}

bool AppShell::ModeCombo(const char* label, StitchMode& mode) {
  bool changed = false;
  ImGui::SetNextItemWidth(ImGui::CalcTextSize("precheck-2021").x + ImGui::GetFontSize() * 2.5f);
  if (ImGui::BeginCombo(label, StitchModeName(mode))) {
    for (StitchMode m : modes_) {
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

void AppShell::DrawSettingsPanel(bool with_about) {
  const ImVec4 title = Colors().title;
  if (with_about) {
    ImGui::SetNextItemOpen(prefs_.about_open, ImGuiCond_Once);
    prefs_.about_open = ImGui::CollapsingHeader("About this example");
  }
  if (with_about && prefs_.about_open) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(title, "%s", about_.title.empty() ? path_.c_str() : about_.title.c_str());
    if (about_.about.empty())
      ImGui::TextDisabled("(the file has no header comment)");
    else
      ImGui::TextUnformatted(about_.about.c_str());
    ImGui::PopTextWrapPos();
  }

  ImGui::SeparatorText("Run");
  ImGui::BeginDisabled(Busy());
  ModeCombo("stitch mode", settings_.stitch_mode);
  if (ImGui::Button("Run (F5)")) Run();
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(!Busy());
  if (ImGui::Button("Stop (Shift+F5)")) Stop();
  ImGui::EndDisabled();
  ImGui::BeginDisabled(Busy());
  if (ImGui::Button("Compare with")) Compare(std::nullopt);
  ImGui::SetItemTooltip("Run in both modes and show the stacks and traces side by side");
  ImGui::SameLine();
  ModeCombo("##compare_with", compare_with_);
  ImGui::EndDisabled();
  const bool edited = main_.request && RunSettingsFrom(main_.request->options) != settings_;
  if (edited) ImGui::TextColored(Colors().warn, "Settings changed: press Run (F5)");

  ImGui::SeparatorText("jit.opt");
  DrawJitOptEditor(settings_);
  ImGui::SeparatorText("Fault plan");
  DrawFaultEditor(settings_);
  ImGui::Spacing();
  ImGui::BeginDisabled(settings_ == header_settings_);
  if (ImGui::Button("Reset to the file's header")) settings_ = header_settings_;
  ImGui::EndDisabled();
  ImGui::SeparatorText("On the command line");
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored(Colors().dim, "%s", CommandLine(path_, settings_).c_str());
  ImGui::PopTextWrapPos();
}

// The status of one run; an engine that stopped gets a banner with Restart.
void AppShell::DrawStatus(RunSlot& slot, const char* id) {
  ImGui::PushID(id);
  ImGui::PushTextWrapPos(0);
  if (slot.Busy()) {
    if (ImGui::SmallButton("Stop")) slot.engine->Stop();
    ImGui::SameLine();
    ImGui::TextUnformatted(slot.status.c_str());
  } else if (slot.stopped) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.70f, 0.25f, 0.15f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const bool restart = ImGui::SmallButton("Restart");
    ImGui::PopStyleColor(2);
    ImGui::SetItemTooltip("Run the same request again");
    ImGui::SameLine();
    ImGui::TextColored(Colors().warn, "%s", slot.status.c_str());
    if (!slot.failed) {
      ImGui::TextColored(Colors().dim, "%s: the panes show the run up to there (%s).",
                         host_.engine_stopped, slot.counts.c_str());
    }
    if (restart && slot.request) Start(slot, *slot.request);
    if (!comparing_ && !slot.failed && slot.request &&
        slot.request->options.stitch_mode != StitchMode::kFull) {
      if (ImGui::SmallButton("Compare with full")) Compare(StitchMode::kFull);
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

void AppShell::DrawComparison() {
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  RunSlot* slots[2] = {&main_, &other_};
  for (int i = 0; i < 2; ++i) {
    RunSlot& s = *slots[i];
    if (i) ImGui::SameLine();
    ImGui::BeginChild(i ? "compare_b" : "compare_a", ImVec2(w, 0), ImGuiChildFlags_Borders);
    ImGui::TextColored(Colors().title, "stitch mode %s", s.Mode());
    DrawStatus(s, i ? "b" : "a");
    if (s.have_timeline)
      DrawComparedRun(s.timeline, s.view);
    else if (!s.failed)
      ImGui::TextDisabled("Waiting for the engine...");
    ImGui::EndChild();
  }
}

// The settings panel's width: the user's (in font sizes, so it follows the
// font), else a fifth of the window within what its widgets need.
float AppShell::SettingsPanelWidth() const {
  const float font = ImGui::GetFontSize();
  const float window = ImGui::GetContentRegionAvail().x;
  const float em = prefs_.layout.settings_width > 0
                       ? prefs_.layout.settings_width
                       : std::clamp(window * 0.2f / font, 20.0f, 24.0f);
  return std::clamp(em * font, font * 10, std::max(font * 10, window * 0.6f));
}

// The bar right of the settings panel: drag to resize, double-click for the default.
void AppShell::SettingsPanelBar() {
  const float font = ImGui::GetFontSize();
  const ImVec2 size(ImGui::GetStyle().ItemSpacing.x, ImGui::GetContentRegionAvail().y);
  const float width = ImGui::GetItemRectSize().x;
  ImGui::InvisibleButton("settings_bar", size);
  if (ImGui::IsItemHovered() || ImGui::IsItemActive()) {
    ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    ImGui::GetWindowDrawList()->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                                              ImGui::GetColorU32(ImGuiCol_SeparatorHovered));
  }
  if (const std::optional<float> to = DraggedTo(width)) prefs_.layout.settings_width = *to / font;
  if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))
    prefs_.layout.settings_width = 0;
}

void AppShell::Draw(float content_scale) {
  HandleKeys();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_MenuBar;
  ImGui::Begin("LuaJIT trace playground", nullptr, flags);
  DrawMenuBar(content_scale);
  DrawOpenPopup();
  DrawSavePopup();

  // The mode to compare with is never the mode itself.
  if (compare_with_ == settings_.stitch_mode) compare_with_ = ApartFrom(settings_.stitch_mode);
  if (prefs_.settings_panel) {
    ImGui::BeginChild("settings", ImVec2(SettingsPanelWidth(), 0), ImGuiChildFlags_Borders);
    if (!lesson_) {
      DrawLessonList();
      DrawSettingsPanel(/*with_about=*/true);
    } else {
      DrawLessonPanel();  // the lesson tells about the program
      if (lesson_ && ImGui::CollapsingHeader("Run settings")) DrawSettingsPanel(false);
    }
    ImGui::EndChild();
    ImGui::SameLine(0, 0);
    SettingsPanelBar();
    ImGui::SameLine(0, 0);
  }
  ImGui::BeginGroup();
  ImGui::Text("%s", path_.c_str());
  if (!comparing_) {
    ImGui::SameLine();
    ImGui::TextColored(Colors().dim, "(stitch mode %s)", main_.Mode());
  }
  if (!load_error_.empty()) ImGui::TextColored(Colors().warn, "%s", load_error_.c_str());
  if (!save_result_.empty() && !ImGui::IsPopupOpen("Save the timeline"))
    ImGui::TextColored(Colors().dim, "%s", save_result_.c_str());
  if (comparing_) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Close comparison")) comparing_ = false;
    DrawComparison();
  } else {
    DrawStatus(main_, "main");
    ImGui::Separator();
    main_.view.panes = prefs_.panes;
    main_.view.layout = prefs_.layout;
    if (main_.have_timeline) {
      DrawPlayground(main_.timeline, main_.view);
      prefs_.layout = main_.view.layout;
    } else if (!main_.failed && file_request_)
      ImGui::TextDisabled("Waiting for the engine...");
  }
  ImGui::EndGroup();
  ImGui::End();
}

}  // namespace ljp::ui
