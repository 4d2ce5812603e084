// AppPrefs as JSON: the desktop's gui.json and the page's local storage.
#include <nlohmann/json.hpp>

#include "app_shell.h"

namespace ljp::ui {

// Missing keys keep their defaults, so older files still load.
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PaneToggles, source, recorder, ir, stack, traces,
                                                output, events, bytecode, mcode, graph)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(PaneLayout, settings_width, top, source, ir, stack,
                                                right, traces, maximized)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(AppPrefs, light, font_scale, settings_panel,
                                                about_open, panes, layout, last_file, stitch_mode,
                                                optimizations, faults)

std::string PrefsToJson(const AppPrefs& prefs) { return nlohmann::json(prefs).dump(2) + "\n"; }

AppPrefs PrefsFromJson(std::string_view text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return AppPrefs{};
  try {
    return j.get<AppPrefs>();
  } catch (const nlohmann::json::exception&) {
    return AppPrefs{};  // damaged: start afresh
  }
}

}  // namespace ljp::ui
