// What the page (and its browser tests, through window.ljplayTest) can ask of
// the viewer, besides delivering runs (page_engine_client.cpp). README.md lists
// these exports. Strings returned stay valid until the next call of the same
// function.
#include <emscripten.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "imgui.h"
#include "panes.h"
#include "run_end.h"
#include "script_header.h"
#include "view_model.h"
#include "viewer.h"

namespace ljp::web {
namespace {

using nlohmann::json;

std::optional<StitchMode> ModeArgument(const char* text, bool& ok) {
  ok = true;
  if (!text || !*text) return std::nullopt;
  Expected<StitchMode> mode = ParseStitchMode(text);
  ok = mode.ok();
  return ok ? std::optional<StitchMode>(mode.value()) : std::nullopt;
}

// What a run shows, for tests: how it ended, its aborts, output and assertion.
json RunJson(const ui::RunSlot& slot) {
  json j = {{"stitch_mode", slot.Mode()},
            {"busy", slot.Busy()},
            {"finished", slot.finished},
            {"status", slot.status},
            {"stopped", slot.stopped},
            {"failed", slot.failed},
            {"events", 0},
            {"cursor", slot.view.cursor},
            {"abort_reasons", json::array()},
            {"compiled", 0},
            {"output", ""}};
  if (!slot.have_timeline) return j;
  const Timeline& t = slot.timeline;
  j["events"] = t.events.size();
  std::string output;
  int compiled = 0;  // traces compiled to WebAssembly
  for (const Event& e : t.events) {
    if (const auto* c = std::get_if<TraceCompiled>(&e.body)) {
      if (c->error.empty()) ++compiled;
    } else if (const auto* abort = std::get_if<TraceAbort>(&e.body)) {
      j["abort_reasons"].push_back(abort->reason);
    } else if (const auto* out = std::get_if<Output>(&e.body)) {
      output += out->text;
    } else if (const auto* a = std::get_if<AssertFailure>(&e.body)) {
      j["assertion"] = AssertionText(*a);
    } else if (const auto* end = std::get_if<RunEnd>(&e.body)) {
      j["end_status"] = RunStatusName(end->status);
      j["end_message"] = end->message;
    }
  }
  j["output"] = output;
  j["traces"] = ui::TraceList(t).size();
  j["compiled"] = compiled;
  return j;
}

// ljp_viewer_move_cursor's body.
int MoveCursor(const char* where) {
  const ui::AppShell& shell = *web::TheViewer().shell;
  if (!shell.MainRun().have_timeline || !where) return 0;
  const Timeline& t = shell.MainRun().timeline;
  ui::ViewState& view = web::TheViewer().shell->MainView();
  const std::string w = where;
  const size_t before = view.cursor;
  if (w == "start") {
    view.cursor = 0;
  } else if (w == "end") {
    view.cursor = t.events.empty() ? 0 : t.events.size() - 1;
  } else if (w == "first-stitch") {
    const size_t at = ui::FirstStitch(t, StitchStep::Phase::kInserted);
    if (at != ui::kNone) view.cursor = at;
  } else if (w == "next-step") {
    ui::StepForward(t, view);
  } else if (w == "previous-step") {
    ui::StepBack(t, view);
  } else if (w == "over-trace") {
    ui::StepOverTrace(t, view);
  } else if (w == "next-stitch") {
    ui::RunToNextStitch(t, view);
  } else if (w == "next-abort") {
    ui::RunToNextAbort(t, view);
  }
  return view.cursor != before;
}

const char* Keep(std::string& kept, std::string text) {
  kept = std::move(text);
  return kept.c_str();
}

}  // namespace

std::string& LastError() {
  static std::string error;
  return error;
}

}  // namespace ljp::web

extern "C" {

// Opens an embedded example ("maxsnap_stitch", "maxsnap_stitch.lua") with its
// header's options, in stitch_mode ("": the header's, else full), and runs it.
// 0 for an unknown example or stitch mode.
EMSCRIPTEN_KEEPALIVE int ljp_viewer_open_example(const char* name, const char* stitch_mode) {
  using namespace ljp;
  web::RequestRedraw();
  return web::Guarded("open_example", 0, [&] {
    bool ok = false;
    const std::optional<StitchMode> mode = web::ModeArgument(stitch_mode, ok);
    const std::string path = web::ExamplePath(name ? name : "");
    if (!ok || path.empty()) return 0;
    return web::TheViewer().shell->OpenAndRun(path, mode) ? 1 : 0;
  });
}

// Opens a program the page hands in (e.g. from a share link) under chunkname
// ("shared.lua"; its '-- ljplay:' header applies) and runs it, as
// ljp_viewer_open_example does. 0 for a bad stitch mode, or when the shell
// refuses the program (its state's load_error says why: too large, a bad
// header); the program on screen stays.
EMSCRIPTEN_KEEPALIVE int ljp_viewer_open_source(const char* chunkname, const char* source,
                                                const char* stitch_mode) {
  using namespace ljp;
  web::RequestRedraw();
  return web::Guarded("open_source", 0, [&] {
    bool ok = false;
    const std::optional<StitchMode> mode = web::ModeArgument(stitch_mode, ok);
    if (!ok || !chunkname || !*chunkname || !source) return 0;
    web::AddPageProgram(chunkname, source);
    return web::TheViewer().shell->OpenAndRun(chunkname, mode) ? 1 : 0;
  });
}

// Shows a timeline file the user opened or dropped on the page (JSON Lines,
// e.g. from `ljplay run --timeline` on a desktop) as the main run. 0 when it
// is no timeline (the state's load_error says why); what is on screen stays.
EMSCRIPTEN_KEEPALIVE int ljp_viewer_open_timeline(const char* name, const char* text) {
  using namespace ljp;
  web::RequestRedraw();
  return web::Guarded("open_timeline", 0, [&] {
    if (!name || !text) return 0;
    // Read where the text is: a big timeline is hundreds of megabytes, and
    // wasm memory does not shrink after a copy.
    struct TextView : std::streambuf {
      TextView(const char* s, size_t n) {
        char* p = const_cast<char*>(s);
        setg(p, p, p + n);
      }
    } view(text, std::strlen(text));
    std::istream in(&view);
    return web::TheViewer().shell->OpenTimeline(name, in) ? 1 : 0;
  });
}

// Plays a lesson ("03-snapshot-limit" or "snapshot-limit") from `step` (1 for
// the first); 0 for an unknown lesson.
EMSCRIPTEN_KEEPALIVE int ljp_viewer_open_lesson(const char* name, int step) {
  ljp::web::RequestRedraw();
  return ljp::web::Guarded("open_lesson", 0, [&] {
    return name && ljp::web::TheViewer().shell->OpenLesson(name, step > 1 ? step - 1 : 0) ? 1 : 0;
  });
}

// Next (+1) or Back (-1) in the lesson being played.
EMSCRIPTEN_KEEPALIVE void ljp_viewer_step_lesson(int delta) {
  ljp::web::RequestRedraw();
  ljp::web::Guarded("step_lesson", 0,
                    [&] { return ljp::web::TheViewer().shell->StepLesson(delta), 0; });
}

// F5, Shift+F5, and "Compare with": the other run in stitch_mode ("": the
// mode picked in the settings panel). Compare returns 0 for a bad mode.
EMSCRIPTEN_KEEPALIVE void ljp_viewer_run(void) {
  ljp::web::RequestRedraw();
  ljp::web::Guarded("run", 0, [] { return ljp::web::TheViewer().shell->Run(), 0; });
}
EMSCRIPTEN_KEEPALIVE void ljp_viewer_stop(void) {
  ljp::web::RequestRedraw();
  ljp::web::Guarded("stop", 0, [] { return ljp::web::TheViewer().shell->Stop(), 0; });
}
EMSCRIPTEN_KEEPALIVE int ljp_viewer_compare(const char* stitch_mode) {
  ljp::web::RequestRedraw();
  return ljp::web::Guarded("compare", 0, [&] {
    bool ok = false;
    const std::optional<ljp::StitchMode> mode = ljp::web::ModeArgument(stitch_mode, ok);
    if (!ok) return 0;
    ljp::web::TheViewer().shell->Compare(mode);
    return 1;
  });
}

// Moves the main run's cursor: "start", "end", "next-step", "previous-step",
// "over-trace", "next-stitch", "next-abort", "first-stitch" (the first inserted
// continuation). 1 when it moved.
EMSCRIPTEN_KEEPALIVE int ljp_viewer_move_cursor(const char* where) {
  ljp::web::RequestRedraw();
  return ljp::web::Guarded("move_cursor", 0, [&] { return ljp::web::MoveCursor(where); });
}

// The text of the user's paste (the page's paste event, which comes right
// after the Ctrl+V key): ImGui's Ctrl+V takes it in a later frame as the
// clipboard's text. Kept even when no field has the keyboard yet: the click
// into a field may not have reached ImGui when the paste comes.
EMSCRIPTEN_KEEPALIVE int ljp_viewer_paste(const char* text) {
  ljp::web::RequestRedraw();
  if (!text) return 0;
  ljp::web::TheViewer().pasted = text;
  return 1;
}

// ---- Kept for the page, replaced on the next call ---------------------------------

// The message of the last call that failed with a C++ exception ("open_source:
// std::bad_alloc"), then "": the page asks after each call.
EMSCRIPTEN_KEEPALIVE const char* ljp_viewer_take_error(void) {
  static std::string kept;
  kept = std::move(ljp::web::LastError());
  ljp::web::LastError().clear();
  return kept.c_str();
}

// The text a pane shows at the main run's cursor, as `ljplay gui --dump-pane`
// prints it: "source", "recorder", "ir", "stack", "traces", "output", "events",
// "bytecode", "mcode", "graph". "" without a timeline or for an unknown pane.
EMSCRIPTEN_KEEPALIVE const char* ljp_viewer_dump_pane(const char* pane) {
  static std::string kept;
  return ljp::web::Guarded("dump_pane", "", [&] {
    const ljp::ui::RunSlot& run = ljp::web::TheViewer().shell->MainRun();
    if (!run.have_timeline || !pane) return ljp::web::Keep(kept, "");
    return ljp::web::Keep(kept, ljp::ui::DumpPaneText(run.timeline, run.view, pane));
  });
}

// What the page's gallery and its share-link checks need, from the same code
// as the Examples menu: {"stitch_modes": ["full", ...], "examples": [{"name",
// "title", "about": [paragraphs], "options": [header arguments]}]}, the
// examples in menu order.
EMSCRIPTEN_KEEPALIVE const char* ljp_viewer_catalog_json(void) {
  using namespace ljp;
  using nlohmann::json;
  static std::string kept;
  return web::Guarded("catalog_json", "{}", [&] {
    json j = {{"stitch_modes", json::array()}, {"examples", json::array()}};
    for (StitchMode m : AllStitchModes()) j["stitch_modes"].push_back(StitchModeName(m));
    j["lessons"] = json::array();
    for (const Lesson& l : web::TheViewer().shell->Lessons())
      j["lessons"].push_back({{"name", l.name},
                              {"title", l.title},
                              {"summary", l.summary},
                              {"steps", l.steps.size()}});
    for (const ui::ExampleInfo& e : web::ExampleCatalog()) {
      json about = json::array();
      for (size_t at = 0; at < e.about.size();) {
        const size_t end = std::min(e.about.find("\n\n", at), e.about.size());
        if (end > at) about.push_back(e.about.substr(at, end - at));
        at = end + 2;
      }
      j["examples"].push_back(
          {{"name", e.name},
           {"title", e.title},
           {"about", about},
           {"options", ScriptHeaderArgs(std::string(web::ExampleText(e.path)))}});
    }
    return web::Keep(kept, j.dump(-1, ' ', false, json::error_handler_t::replace));
  });
}

// The panes' sizes in the last frame drawn and the table headers cut
// (ui::LayoutJson), for the layout checks at each window size.
EMSCRIPTEN_KEEPALIVE const char* ljp_viewer_layout_json(void) {
  static std::string kept;
  return ljp::web::Keep(kept, ljp::ui::LayoutJson(ljp::ui::LastLayout()));
}

// A JSON summary of what the viewer shows (README.md: the fields).
EMSCRIPTEN_KEEPALIVE const char* ljp_viewer_state_json(void) {
  using namespace ljp;
  using nlohmann::json;
  static std::string kept;
  return web::Guarded("state_json", "{}", [&] {
    const web::Viewer& v = web::TheViewer();
    const ui::AppShell& shell = *v.shell;
    json j = web::RunJson(shell.MainRun());
    j["busy"] = shell.Busy();
    j["path"] = shell.Path();
    j["example"] = shell.Path().rfind(web::kExamplesDir, 0) == 0
                       ? shell.Path().substr(std::string(web::kExamplesDir).size())
                       : shell.Path();
    j["comparing"] = shell.Comparing();
    if (shell.Comparing()) j["other"] = web::RunJson(shell.OtherRun());
    j["load_error"] = shell.LoadError();
    if (const std::optional<ui::LessonPlay>& play = shell.Playing()) {
      const LessonStep& step = play->lesson.steps[play->step];
      j["lesson"] = {{"name", play->lesson.name},
                     {"step", play->step + 1},
                     {"steps", play->lesson.steps.size()},
                     {"title", step.title},
                     {"waiting", play->waiting},
                     {"panes", step.panes},
                     {"verdict", play->verdict}};
    }
    j["frame"] = v.frames;
    j["ticks"] = v.ticks;
    return web::Keep(kept, j.dump(-1, ' ', false, json::error_handler_t::replace));
  });
}

}  // extern "C"
