// The playground's window, the same on the desktop (native/gui_app.cpp) and in
// the browser (wasm/web/viewer_main.cpp): the menus, the settings panel, run /
// stop / restart, the comparison of two stitch modes, the examples, the
// keyboard shortcuts and the state of the runs. The host owns the window, the
// fonts, the engines (EngineClient), the example files and where preferences
// are kept; each frame it calls Poll() before ImGui::NewFrame() and Draw()
// after it.
#pragma once

#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine_client.h"
#include "engine_request.h"
#include "example_catalog.h"
#include "expected.h"
#include "lesson.h"
#include "run_settings.h"
#include "timeline.h"
#include "view_state.h"

namespace ljp::ui {

// What the app remembers between sessions (the desktop keeps it in
// $XDG_CONFIG_HOME/ljplay/gui.json, the page in the browser's local storage).
struct AppPrefs {
  bool light = false;
  float font_scale = 1.0f;  // the user's, on top of the monitor's content scale
  bool settings_panel = true;
  bool about_open = true;
  PaneToggles panes;
  PaneLayout layout;
  std::string last_file;
  std::string stitch_mode;
  std::vector<std::string> optimizations, faults;
};

// AppPrefs as JSON and back (app_prefs.cpp); a damaged or foreign text gives
// the defaults, a missing key its default.
std::string PrefsToJson(const AppPrefs& prefs);
AppPrefs PrefsFromJson(std::string_view text);

// The largest program the playground opens or runs (files, share links, the
// editor): past it, parsing, the source pane and the engine's copy cost more
// than a viewer should hang on.
inline constexpr size_t kMaxProgramBytes = 4u << 20;

// "big.lua is 412.3 MB: the playground takes programs of up to 4 MB".
std::string ProgramTooLarge(const std::string& file, size_t bytes);

// The editor settings as AppPrefs remembered them.
RunSettings SavedRunSettings(const AppPrefs& prefs);

// Reads a program and builds the engine request for it (header options applied).
using RequestLoader = std::function<Expected<EngineRequest>(const std::string& path)>;

// Builds the engine request for a program's text under a chunk name, its
// '-- ljplay:' header applied and then `extra` options (`ljplay run`'s), as
// cli/run_command.h's ViewerRequestFor does.
using ProgramRequest =
    std::function<Expected<EngineRequest>(const std::string& source, const std::string& chunkname,
                                          const std::vector<std::string>& extra)>;

// What the host is and offers besides running programs.
struct HostTraits {
  // File > Open... (Ctrl+O) takes a path: a Lua program the loader reads, or a
  // timeline (.jsonl) the shell reads; File > Save timeline... writes one.
  bool open_files = true;
  bool quit = true;  // File > Quit (Ctrl+Q) ends the program
  // Hosts without paths (the page): File > Open file... asks the host, which
  // hands the file to OpenTimeline or as a program; Save timeline hands the
  // host the file's name and text (the page downloads it).
  std::function<void()> pick_file;
  std::function<void(const std::string& name, const std::string& text)> save_file;
  // For a timeline opened from a file: its program, so Run (F5) can run it here.
  ProgramRequest program_request;
  // Said under "engine stopped: ...": what stopped and what did not.
  const char* engine_stopped = "The engine process stopped, this window did not";
};

// The lesson being played (docs/lessons.md): which step, and what the last
// check of an exercise said.
struct LessonPlay {
  Lesson lesson;  // its program's text in lesson.program
  size_t step = 0;
  // RunOptionsText of the options the main run had ("": the program as it
  // is; nullopt: no run yet).
  std::optional<std::string> run_key;
  bool waiting = false;  // the step's run is on its way
  std::string verdict;   // the last check: "passed", or what failed
  int failed_checks = 0;
};

// One engine run and what the viewer shows of it.
struct RunSlot {
  std::unique_ptr<EngineClient> engine;
  std::optional<EngineRequest> request;  // what ran last (Restart runs it again)
  Timeline timeline;
  bool have_timeline = false;
  bool finished = false;  // a result (timeline or error) arrived for the request
  ViewState view;
  std::string status;
  std::string counts;    // traces, aborts, stitches
  bool stopped = false;  // the engine stopped (assertion, crash, Stop)
  bool failed = false;   // no timeline at all

  bool Busy() const { return engine->Busy(); }
  // The stitch mode of the last request ("" before the first).
  const char* Mode() const;
};

// The first program the window shows.
struct LaunchOptions {
  std::string file;
  std::optional<RunSettings> saved;  // remembered editor settings (else the file header's)
  std::string stitch_mode;           // "": the header's
  std::string compare_mode;          // not "": open comparing with this stitch mode
  bool step_to_stitch = false;       // test: the cursor at the first inserted continuation
  bool run = true;                   // false: open it only
};

class AppShell {
 public:
  // main_engine runs the program; other_engine the second run of a comparison.
  AppShell(std::unique_ptr<EngineClient> main_engine, std::unique_ptr<EngineClient> other_engine,
           RequestLoader load, std::vector<ExampleInfo> examples, HostTraits host, AppPrefs prefs);

  // The first program: opens the file, applies the options and runs it.
  void Launch(const LaunchOptions& options);

  // Stops what runs, reads the file (settings from its header) and runs it,
  // in `mode` if given.
  // Opens `file` and runs it; false (LoadError() says why) leaves the program
  // on screen as it was.
  bool OpenAndRun(const std::string& file, std::optional<StitchMode> mode = std::nullopt);
  // Shows a timeline recorded elsewhere (`ljplay run --timeline`, a page's
  // download; `name` says where it came from) as the main run: what runs stops
  // and the comparison closes. Its program becomes the open one, with the
  // settings it ran with, so Run (F5) runs it here. False (LoadError() says
  // why) for a text that is no timeline; what is on screen stays.
  bool OpenTimeline(const std::string& name, std::istream& jsonl);
  // The main run's timeline as JSON Lines, as `ljplay run --timeline` writes it.
  std::string TimelineText() const;
  // "maxsnap_stitch.jsonl": the name a saved timeline gets.
  std::string TimelineFileName() const;
  // The lessons the window offers ("Start here"), their programs loaded.
  void SetLessons(std::vector<ljp::Lesson> lessons) { lessons_ = std::move(lessons); }
  const std::vector<ljp::Lesson>& Lessons() const { return lessons_; }
  // Plays a lesson from `step` (0-based): its program becomes the open one and
  // runs as the step needs; the cursor goes to the step's event. False for an
  // unknown lesson (LoadError() says so).
  bool OpenLesson(const std::string& name, size_t step = 0);
  void StepLesson(int delta);  // Next (+1) / Back (-1); Ctrl+Right / Ctrl+Left
  void CheckExercise();        // the exercise's checks on the main run
  void CloseLesson() { lesson_.reset(); }
  const std::optional<LessonPlay>& Playing() const { return lesson_; }
  void Run();                                    // F5: the program with the editor's settings
  void Compare(std::optional<StitchMode> with);  // both modes side by side
  void Stop();                                   // Shift+F5: both runs
  void Restart();                                // the last requests again

  // Takes finished runs; true when one arrived this frame.
  bool Poll();
  // The whole window (menus, settings panel, panes) into the main viewport.
  // content_scale: the monitor's (device pixel ratio), shown in the View menu.
  void Draw(float content_scale);
  void SetTheme(bool light);

  bool Busy() const;
  bool AllFinished() const;  // every requested run has a result
  bool QuitRequested() const { return quit_; }
  bool Comparing() const { return comparing_; }
  const std::string& Path() const { return path_; }
  const std::string& LoadError() const { return load_error_; }
  const RunSlot& MainRun() const { return main_; }
  const RunSlot& OtherRun() const { return other_; }
  ViewState& MainView() { return main_.view; }
  AppPrefs& Prefs() { return prefs_; }
  // The preferences to keep: the view, this file and its editor settings.
  AppPrefs PrefsToRemember() const;

 private:
  bool Open(const std::string& file, const RunSettings* saved = nullptr);
  EngineRequest RequestFor(StitchMode mode) const;
  void Start(RunSlot& slot, EngineRequest request);
  bool PollSlot(RunSlot& slot, bool single);
  // A finished run's timeline into the slot: status, counts, the cursor.
  void Show(RunSlot& slot, Timeline timeline, bool single);

  void HandleKeys();
  void DrawMenuBar(float content_scale);
  void DrawOpenPopup();
  void DrawSavePopup();
  void SaveTimeline();
  bool ModeCombo(const char* label, StitchMode& mode);
  void DrawSettingsPanel(bool with_about);
  float SettingsPanelWidth() const;
  void SettingsPanelBar();
  void DrawStatus(RunSlot& slot, const char* id);
  void DrawComparison();
  void GoToLessonStep(size_t step);
  void ShowLessonStep();  // the cursor and the panes, once the step's run is there
  void DrawLessonPanel();
  void DrawLessonList();

  RequestLoader load_;
  std::vector<ExampleInfo> examples_;
  HostTraits host_;
  AppPrefs prefs_;
  std::vector<StitchMode> modes_;

  // The open file: its request with the header applied, and the editor.
  std::string path_;
  ExampleInfo about_;
  std::optional<EngineRequest> file_request_;
  RunSettings header_settings_, settings_;
  std::string load_error_;

  std::vector<ljp::Lesson> lessons_;
  std::optional<LessonPlay> lesson_;

  RunSlot main_, other_;  // other_: the second run of a comparison
  bool comparing_ = false;
  StitchMode compare_with_ = StitchMode::kUnprotected;
  bool step_to_stitch_ = false;

  char open_input_[1024] = {};
  bool open_requested_ = false;
  char save_input_[1024] = {};
  bool save_requested_ = false;
  std::string save_result_;  // "saved N events to PATH" or why not
  bool quit_ = false;
};

}  // namespace ljp::ui
