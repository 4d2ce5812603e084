// Builds one ImGui frame without a window and checks that it produced geometry.
// Linking this program proves ImGui core and the GLFW + OpenGL3 backends build.
#include <cstdio>

#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"

int main() {
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(640, 480);
  io.IniFilename = nullptr;
  // Pretend to be a renderer that uploads ImGui's textures itself (1.92 API).
  io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;

  // A new window is measured in its first frame and drawn from the second on.
  for (int frame = 0; frame < 2; ++frame) {
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    ImGui::Begin("smoke");
    ImGui::Text("LuaJIT trace playground");
    ImGui::End();
    ImGui::Render();
  }

  const ImDrawData* draw = ImGui::GetDrawData();
  const int vertices = draw ? draw->TotalVtxCount : 0;
  ImGui::DestroyContext();

  // Referenced so the linker must resolve the backends.
  const bool backends_linked =
      &ImGui_ImplGlfw_InitForOpenGL != nullptr && &ImGui_ImplOpenGL3_Init != nullptr;
  std::printf("imgui %s: %d vertices, backends %s\n", IMGUI_VERSION, vertices,
              backends_linked ? "linked" : "missing");
  return vertices > 0 && backends_linked ? 0 : 1;
}
