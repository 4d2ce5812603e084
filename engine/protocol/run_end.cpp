#include "run_end.h"

#include <variant>

namespace ljp {

int ExitCodeFor(const Timeline& timeline) {
  if (timeline.events.empty()) return 3;
  if (const auto* end = std::get_if<RunEnd>(&timeline.events.back().body)) return end->exit_code;
  return 3;
}

}  // namespace ljp
