// The web viewer's state, shared by its entry (viewer_main.cpp) and the calls
// the page makes (viewer_api.cpp).
#pragma once

#include <GLFW/glfw3.h>

#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app_shell.h"
#include "example_catalog.h"
#include "lesson.h"

namespace ljp::web {

// Where the embedded examples live, as the shell names them ("examples/NAME.lua",
// as `ljplay run examples/NAME.lua` from the source tree would).
inline constexpr const char* kExamplesDir = "examples/";

struct Viewer {
  GLFWwindow* window = nullptr;
  std::unique_ptr<ui::AppShell> shell;
  float scale = 0;      // the device pixel ratio the style is scaled for
  uint64_t frames = 0;  // frames drawn
  uint64_t ticks = 0;   // frames the browser offered (Frame calls)
  // Frames are drawn only while something may change on screen: until
  // this time (emscripten_get_now() ms) after the last input or change.
  double draw_until_ms = 0;
  double last_draw_ms = 0;
  bool redraw = false;      // a page call changed something
  std::string saved_prefs;  // what local storage holds (PrefsToJson)
  // The user's last paste, until ImGui asks for the clipboard's text; then
  // what it got (valid until it asks again).
  std::string pasted, pasted_taken;
};

// A page call changed what the viewer shows: draw the next frames.
void RequestRedraw();

Viewer& TheViewer();

// The shell's path of an embedded example ("maxsnap_stitch", "maxsnap_stitch.lua"
// or "examples/maxsnap_stitch.lua"); "" when there is none of that name.
std::string ExamplePath(std::string_view name);

// The embedded examples in menu order (the stitch cases first), as the
// Examples menu and the page's gallery list them.
std::vector<ui::ExampleInfo> ExampleCatalog();
// An embedded example's text by its path in the catalog ("" if none).
std::string_view ExampleText(const std::string& path);

// The embedded lessons that apply to the page, their programs loaded, by name.
std::vector<Lesson> LessonCatalog();

// Keeps a program the page handed in, so the shell can load (and reload) it
// under `path` like a file.
void AddPageProgram(const std::string& path, std::string source);

// The page's calls run their bodies through Guarded(): a C++ exception (a
// program too large for memory, a bug) becomes a message the page takes with
// ljp_viewer_take_error(), and the call returns `failed`. Escaping into
// JavaScript it would be a bare number, with the viewer half-way through.
std::string& LastError();

template <typename R, typename Body>
R Guarded(const char* call, R failed, Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    LastError() = std::string(call) + ": " + e.what();
  } catch (...) {
    LastError() = std::string(call) + ": an unknown C++ exception";
  }
  return failed;
}

}  // namespace ljp::web
