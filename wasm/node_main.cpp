// ljplay-node: the `ljplay` command line (cli/) as a node program, with
// `ljplay lesson` (the panes' text comes from ui/).
#include "lesson_command.h"
#include "ljplay_cli.h"

int main(int argc, char** argv) { return ljp::cli::Main(argc, argv, {ljp::cli::LessonCommand()}); }
