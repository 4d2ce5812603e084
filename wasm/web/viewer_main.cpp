// ljplay-viewer: the playground's window in the browser. The same app shell
// and panes as `ljplay gui` (ui/), drawn with Dear ImGui over Emscripten's
// GLFW and WebGL 2 into the page's <canvas id="canvas">; the engine runs in the
// page's Web Worker (page_engine_client.h). No LuaJIT here.
//
// Arguments (Module.arguments), like `ljplay gui`'s:
//   [EXAMPLE] [--stitch-mode M] [--compare M] [--no-run]
// EXAMPLE is an embedded example (default maxsnap_stitch.lua); --no-run opens
// it without running it.
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <utility>

#include "embedded_files.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"  // the input queue: whether input arrived
#include "page_engine_client.h"
#include "run_command.h"
#include "viewer.h"

// clang-format off
EM_JS(int, ljp_screen_width, (), { return screen.width; });
EM_JS(int, ljp_screen_height, (), { return screen.height; });
// Copy goes to the system clipboard (Emscripten's GLFW keeps it to itself);
// the last text copied stays readable for the page (Module.copiedText).
EM_JS(void, ljp_copy_to_clipboard, (const char* text), {
  const t = UTF8ToString(text);
  Module["copiedText"] = t;
  if (navigator.clipboard) navigator.clipboard.writeText(t).catch(() => {});
});
// File > Open file... and Save timeline: the page's file picker and download
// (app.js: window.ljplayFiles).
EM_JS(void, ljp_pick_file, (), { window.ljplayFiles.pick(); });
EM_JS(void, ljp_save_file, (const char* name, const char* text), {
  window.ljplayFiles.save(UTF8ToString(name), UTF8ToString(text));
});
// The view's preferences in the browser's local storage (none where storage
// is off: then every visit starts with the defaults).
EM_JS(char*, ljp_load_prefs, (), {
  let text = "";
  try { text = localStorage.getItem("ljplay.prefs") || ""; } catch (e) {}
  const size = lengthBytesUTF8(text) + 1;
  const p = _malloc(size);
  stringToUTF8(text, p, size);
  return p;
});
EM_JS(void, ljp_save_prefs, (const char* text), {
  try { localStorage.setItem("ljplay.prefs", UTF8ToString(text)); } catch (e) {}
});
// clang-format on

namespace ljp::web {
namespace {

constexpr const char* kCanvas = "#canvas";

std::map<std::string, std::string>& PagePrograms() {
  static std::map<std::string, std::string> programs;
  return programs;
}

const EmbeddedFile* FindExample(std::string_view name) {
  if (name.rfind(kExamplesDir, 0) == 0) name.remove_prefix(std::strlen(kExamplesDir));
  for (const EmbeddedFile& f : EmbeddedExamples()) {
    const std::string_view file = f.name;
    if (file == name || (file.size() == name.size() + 4 && file.rfind(name, 0) == 0 &&
                         file.substr(name.size()) == ".lua"))
      return &f;
  }
  return nullptr;
}

// The shell's loader: a program the page handed in, else an embedded example,
// with its '-- ljplay:' header parsed as `ljplay gui` parses it.
Expected<EngineRequest> LoadProgram(const std::string& path) {
  if (const auto it = PagePrograms().find(path); it != PagePrograms().end())
    return ViewerRequestFor(it->second, path, /*use_header=*/true);
  if (const EmbeddedFile* f = FindExample(path))
    return ViewerRequestFor(std::string(f->text()), path, /*use_header=*/true);
  return Error{"no such example: " + path};
}

ui::LaunchOptions ParseArguments(int argc, char** argv) {
  ui::LaunchOptions launch;
  std::string example = "maxsnap_stitch.lua";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--stitch-mode" && i + 1 < argc) {
      launch.stitch_mode = argv[++i];
    } else if (arg == "--compare" && i + 1 < argc) {
      launch.compare_mode = argv[++i];
    } else if (arg == "--no-run") {
      launch.run = false;
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "ljplay viewer: unknown argument %s\n", arg.c_str());
    } else {
      example = arg;
    }
  }
  const std::string path = ExamplePath(example);
  launch.file = path.empty() ? example : path;  // an unknown name shows as a load error
  return launch;
}

// The window (the canvas's drawing buffer) in device pixels: the canvas's CSS
// size times devicePixelRatio, so text is sharp on HiDPI screens. The page sizes
// the canvas with CSS; Emscripten's GLFW sets only its width and height.
void FitCanvas(GLFWwindow* window, double pixel_ratio) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
  // Cap the size: a canvas without a CSS size would grow with its buffer.
  int w = std::min(8192, std::max(1, static_cast<int>(std::lround(css_w * pixel_ratio))));
  int h = std::min(8192, std::max(1, static_cast<int>(std::lround(css_h * pixel_ratio))));
  // Emscripten's GLFW turns a window of exactly the screen's size into a
  // fullscreen request (which a page may not make): one pixel less.
  if (w == ljp_screen_width() && h == ljp_screen_height()) --h;
  int cur_w = 0, cur_h = 0;
  glfwGetWindowSize(window, &cur_w, &cur_h);
  if (w != cur_w || h != cur_h) glfwSetWindowSize(window, w, h);
}

// Sizes and fonts follow the device pixel ratio (HiDPI, browser zoom); the
// user's font size (View menu) comes on top, as on the desktop.
void ApplyScale(Viewer& v, float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  style.ScaleAllSizes(scale);
  style.FontScaleDpi = scale;
  v.shell->SetTheme(v.shell->Prefs().light);
  v.scale = scale;
}

void LoadFont() {
  ImGuiIO& io = ImGui::GetIO();
  // A monospace font keeps IR and bytecode columns aligned; ImGui's own otherwise.
  const std::span<const EmbeddedFile> font = EmbeddedFont();
  if (!font.empty()) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // static data
    if (io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(font[0].data),
                                       static_cast<int>(font[0].size), 15.0f, &config))
      return;
  }
  io.Fonts->AddFontDefault();
}

// F5 (run), F10 / F11 (step), Ctrl+O (open) and Ctrl+S (save the timeline)
// belong to the viewer, not to the browser (reload, caret browsing,
// fullscreen, its own open and save). GLFW still sees them.
EM_BOOL KeepKeysFromBrowser(int, const EmscriptenKeyboardEvent* e, void*) {
  const bool ctrl_o_s =
      e->ctrlKey && (std::strcmp(e->key, "o") == 0 || std::strcmp(e->key, "s") == 0);
  return ctrl_o_s || std::strcmp(e->key, "F5") == 0 || std::strcmp(e->key, "F10") == 0 ||
         std::strcmp(e->key, "F11") == 0;
}

// How long frames go on after the last input or change: long enough for
// ImGui's hover delays (tooltips) and the last effects of a click.
constexpr double kSettleMs = 800;
// While a text field has the focus and nothing happens, the caret blinks:
// a frame this often.
constexpr double kCaretMs = 400;

// The page remembers the view (theme, font size, panes, layout), not the
// program: links and the gallery say what to open.
ui::AppPrefs ViewPrefs(ui::AppPrefs prefs) {
  prefs.last_file.clear();
  prefs.stitch_mode.clear();
  prefs.optimizations.clear();
  prefs.faults.clear();
  return prefs;
}

ui::AppPrefs LoadViewPrefs() {
  char* text = ljp_load_prefs();
  ui::AppPrefs prefs = ViewPrefs(ui::PrefsFromJson(text));
  std::free(text);
  return prefs;
}

void SaveViewPrefsIfChanged(Viewer& v) {
  std::string text = ui::PrefsToJson(ViewPrefs(v.shell->Prefs()));
  if (text == v.saved_prefs) return;
  ljp_save_prefs(text.c_str());
  v.saved_prefs = std::move(text);
}

// The browser calls Frame before each repaint (about 60 times a second). It
// draws only when something may have changed: input, a page call, an engine
// message or a run in progress, a resize; then for kSettleMs more. An idle
// page draws nothing, which a laptop's battery notices.
void Frame() {
  Viewer& v = TheViewer();
  ++v.ticks;
  const float scale = static_cast<float>(emscripten_get_device_pixel_ratio());
  int old_w = 0, old_h = 0, w = 0, h = 0;
  glfwGetWindowSize(v.window, &old_w, &old_h);
  FitCanvas(v.window, scale);
  glfwGetWindowSize(v.window, &w, &h);
  bool changed = w != old_w || h != old_h || scale != v.scale;
  if (scale != v.scale) ApplyScale(v, scale);
  PumpWorkerQueue();
  changed = v.shell->Poll() || changed;
  changed = std::exchange(v.redraw, false) || changed;
  changed = changed || v.shell->Busy() || ImGui::GetCurrentContext()->InputEventsQueue.Size > 0;
  const double now = emscripten_get_now();
  if (changed) v.draw_until_ms = now + kSettleMs;
  const bool caret = ImGui::GetIO().WantTextInput && now - v.last_draw_ms >= kCaretMs;
  if (now > v.draw_until_ms && !caret) return;
  v.last_draw_ms = now;

  ImGui::GetStyle().FontScaleMain = v.shell->Prefs().font_scale;
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  v.shell->Draw(scale);
  ImGui::Render();
  glfwGetFramebufferSize(v.window, &w, &h);
  glViewport(0, 0, w, h);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++v.frames;
  SaveViewPrefsIfChanged(v);
}

}  // namespace

Viewer& TheViewer() {
  static Viewer viewer;
  return viewer;
}

void RequestRedraw() { TheViewer().redraw = true; }

std::string ExamplePath(std::string_view name) {
  const EmbeddedFile* f = FindExample(name);
  return f ? kExamplesDir + std::string(f->name) : "";
}

std::vector<Lesson> LessonCatalog() {
  std::vector<Lesson> lessons;
  for (const EmbeddedFile& f : EmbeddedLessons()) {
    std::string name = f.name;
    name.resize(name.size() - 3);  // ".md"
    Expected<Lesson> l = ParseLesson(f.text(), name);
    if (!l) {
      std::fprintf(stderr, "ljplay viewer: %s\n", l.error().c_str());
      continue;
    }
    if (!l.value().web) continue;
    if (!l.value().program_path.empty())
      l.value().program = std::string(ExampleText(l.value().program_path));
    if (!l.value().program.empty()) lessons.push_back(std::move(l).value());
  }
  return lessons;
}

std::vector<ui::ExampleInfo> ExampleCatalog() {
  std::vector<ui::ExampleInfo> examples;
  for (const EmbeddedFile& f : EmbeddedExamples())
    examples.push_back(ui::ExampleFromSource(kExamplesDir + std::string(f.name), f.text()));
  ui::SortForMenu(examples);
  return examples;
}

std::string_view ExampleText(const std::string& path) {
  const EmbeddedFile* f = FindExample(path);
  return f ? f->text() : std::string_view();
}

void AddPageProgram(const std::string& path, std::string source) {
  PagePrograms()[path] = std::move(source);
}

}  // namespace ljp::web

int main(int argc, char** argv) {
  using namespace ljp;
  glfwSetErrorCallback([](int code, const char* text) {
    std::fprintf(stderr, "ljplay viewer: GLFW %d: %s\n", code, text);
  });
  if (!glfwInit()) {
    std::fprintf(stderr, "ljplay viewer: GLFW could not start\n");
    return 1;
  }
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  web::Viewer& v = web::TheViewer();
  v.window = glfwCreateWindow(1280, 800, "ljplay: the LuaJIT trace playground", nullptr, nullptr);
  if (!v.window) {
    std::fprintf(stderr, "ljplay viewer: no WebGL 2 context\n");
    return 1;
  }
  glfwMakeContextCurrent(v.window);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  web::LoadFont();
  ImGui_ImplGlfw_InitForOpenGL(v.window, true);
  // The backend's Emscripten callbacks fix the mouse wheel; its resize callback
  // sizes the window without the pixel ratio, so FitCanvas takes over.
  ImGui_ImplGlfw_InstallEmscriptenCallbacks(v.window, web::kCanvas);
  emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, false, nullptr);
  emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, true,
                                  web::KeepKeysFromBrowser);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  // Copy to the system clipboard; a paste's text arrives in the page's paste
  // event (ljp_viewer_paste) right after the Ctrl+V key: a page cannot read
  // the clipboard when it likes.
  ImGuiPlatformIO& platform = ImGui::GetPlatformIO();
  platform.Platform_SetClipboardTextFn = [](ImGuiContext*, const char* text) {
    ljp_copy_to_clipboard(text);
  };
  platform.Platform_GetClipboardTextFn = [](ImGuiContext*) -> const char* {
    web::Viewer& viewer = web::TheViewer();
    viewer.pasted_taken = std::exchange(viewer.pasted, "");
    return viewer.pasted_taken.c_str();
  };

  // No files to open by path in a page; the web viewer cannot quit.
  ui::HostTraits host;
  host.open_files = false;
  host.quit = false;
  host.engine_stopped = "The engine's worker stopped, this page did not";
  host.pick_file = [] { ljp_pick_file(); };
  host.save_file = [](const std::string& name, const std::string& text) {
    ljp_save_file(name.c_str(), text.c_str());
  };
  host.program_request = [](const std::string& source, const std::string& chunkname,
                            const std::vector<std::string>& extra) {
    web::AddPageProgram(chunkname, source);  // Reload finds it
    return ViewerRequestFor(source, chunkname, /*use_header=*/true, extra);
  };
  v.shell = std::make_unique<ui::AppShell>(
      std::make_unique<web::PageEngineClient>(), std::make_unique<web::PageEngineClient>(),
      web::LoadProgram, web::ExampleCatalog(), host, web::LoadViewPrefs());
  v.saved_prefs = ui::PrefsToJson(v.shell->Prefs());
  v.shell->SetLessons(web::LessonCatalog());
  v.shell->Launch(web::ParseArguments(argc, argv));
  // The browser calls Frame before each repaint; main returns, the module stays.
  emscripten_set_main_loop(web::Frame, 0, false);
  return 0;
}
