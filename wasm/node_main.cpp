// ljplay-node: the `ljplay` command line (cli/) as a node program, with
// `ljplay lesson` showing steps as the page's viewer does (ui/).
#include "lesson_command.h"
#include "ljplay_cli.h"
#include "panes.h"
#include "view_model.h"

int main(int argc, char** argv) {
  ljp::cli::LessonViews views;
  views.summary = ljp::ui::EventSummary;
  views.pane = [](const ljp::Timeline& t, size_t at, const std::string& pane) {
    ljp::ui::ViewState view;
    view.cursor = at;
    return ljp::ui::DumpPaneText(t, view, pane);
  };
  return ljp::cli::Main(argc, argv, {ljp::cli::LessonCommand(views)});
}
