// ljplay-node: the `ljplay` command line (cli/) as a node program.
#include "ljplay_cli.h"

int main(int argc, char** argv) { return ljp::cli::Main(argc, argv); }
