// The desktop app (`ljplay gui`): a GLFW + OpenGL3 window with the playground's
// panes over the timeline of a program run in an engine process.
#pragma once

#include <functional>
#include <string>

#include "engine_request.h"
#include "expected.h"

namespace ljp {

struct GuiOptions {
  std::string path;          // the Lua program ("": the last one, else maxsnap_stitch.lua)
  std::string stitch_mode;   // "" : the file's header or the default
  std::string compare_mode;  // not "": open comparing stitch_mode with this mode
  std::string lesson;        // not "": play this lesson (lessons/NAME.md) from lesson_step
  int lesson_step = 1;
  // Test hooks: once the first timeline(s) arrived, move the cursor to the first
  // stitch `inserted` event (step_to_stitch), draw for screenshot_after
  // seconds, print the status and the text of dump_pane and exit. Test runs
  // neither read nor write the remembered settings.
  double screenshot_after = 0;
  std::string dump_pane;
  bool dump_layout = false;  // also print LayoutJson(LastLayout())
  bool step_to_stitch = false;
  // Bench hook (bench/viewer.sh): once the timeline is there, step forward one
  // recorded bytecode per frame for this many frames, print frame times and
  // memory per event, exit.
  int step_bench = 0;
  std::string window_size;         // "WIDTHxHEIGHT", parsed into width and height
  int width = 1280, height = 800;  // the window, in screen coordinates
};

// Reads a program and builds the engine request for it (header options applied).
using RequestLoader = std::function<Expected<EngineRequest>(const std::string& path)>;

// Runs the window until it is closed; returns the exit status.
int RunGui(const GuiOptions& options, const RequestLoader& load);

}  // namespace ljp
