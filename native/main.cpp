// ljplay, native: the command line (cli/) and, when built with the GUI, the
// desktop app as `ljplay gui [FILE]`.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <vector>

#include "ljplay_cli.h"
#ifdef LJP_HAVE_GUI
#include "gui_app.h"
#include "lesson_command.h"
#include "panes.h"
#include "view_model.h"
#endif

int main(int argc, char** argv) {
  std::vector<ljp::cli::HostCommand> host;
#ifdef LJP_HAVE_GUI
  ljp::GuiOptions gui;
  host.push_back(
      {[&gui](CLI::App& app) {
         CLI::App* sub =
             app.add_subcommand("gui", "The desktop app: step through what the recorder did");
         gui = ljp::GuiOptions{};
         sub->add_option("file", gui.path,
                         "Lua source file, or a timeline (.jsonl) to look at "
                         "(default: the last file opened, else "
                         "examples/maxsnap_stitch.lua)");
         sub->add_option("--stitch-mode", gui.stitch_mode,
                         "Initial stitch mode (default: the file's header, else full)");
         sub->add_option("--compare", gui.compare_mode,
                         "Open side by side with a second run in this stitch mode");
         sub->add_option("--lesson", gui.lesson,
                         "Play a lesson (lessons/NAME.md: 01-hot-loop, stitching, ...)");
         sub->add_option("--lesson-step", gui.lesson_step,
                         "The lesson's step to start at (from 1)");
         // Test hooks (tests/gui): render for a while at the first stitch,
         // print a pane, exit.
         sub->add_option("--screenshot-after", gui.screenshot_after,
                         "Test: exit this many seconds after the first timeline arrived")
             ->group("");
         sub->add_option("--dump-pane", gui.dump_pane,
                         "Test: print this pane's text before exiting (source, "
                         "recorder, ir, stack, traces, output, events)")
             ->group("");
         sub->add_flag("--dump-layout", gui.dump_layout,
                       "Test: print the panes' sizes and any cut table header")
             ->group("");
         sub->add_option("--window-size", gui.window_size, "Test: the window's size, WIDTHxHEIGHT")
             ->group("");
         sub->add_option("--step-bench", gui.step_bench,
                         "Bench: step forward one bytecode per frame this many frames, print "
                         "frame times and memory per event, exit")
             ->group("");
         sub->add_flag("--step-to-stitch", gui.step_to_stitch,
                       "Test: move the cursor to the first stitch 'inserted' event")
             ->group("");
         return sub;
       },
       [&gui] {
         if (!gui.window_size.empty() &&
             std::sscanf(gui.window_size.c_str(), "%dx%d", &gui.width, &gui.height) != 2)
           throw CLI::ValidationError("--window-size", "expected WIDTHxHEIGHT");
         return ljp::RunGui(
             gui, [](const std::string& path) { return ljp::cli::RequestForFile(path, true); });
       }});
#endif
#ifdef LJP_HAVE_GUI
  // `ljplay lesson` shows steps as the desktop app's panes do.
  ljp::cli::LessonViews views;
  views.summary = ljp::ui::EventSummary;
  views.pane = [](const ljp::Timeline& t, size_t at, const std::string& pane) {
    ljp::ui::ViewState view;
    view.cursor = at;
    return ljp::ui::DumpPaneText(t, view, pane);
  };
  host.push_back(ljp::cli::LessonCommand(views));
#endif
  return ljp::cli::Main(argc, argv, host);
}
