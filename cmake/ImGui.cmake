# Dear ImGui from the pinned Debian source package, with the GLFW and OpenGL3
# backends (desktop: Debian's GLFW; web: Emscripten's built-in GLFW).

include(DebianSource)

set(LJP_IMGUI_SOURCE "" CACHE PATH "Local ImGui source (dir or tarball) instead of the download")

ljp_debian_source(imgui
  PACKAGE ${LJP_IMGUI_PACKAGE} VERSION ${LJP_IMGUI_DEB_VERSION}
  TARBALL ${LJP_IMGUI_TARBALL} SHA256 ${LJP_IMGUI_SHA256}
  OVERRIDE LJP_IMGUI_SOURCE OUT LJP_IMGUI_DIR)

# Only the header, for version strings in programs that do not draw.
add_library(imgui_headers INTERFACE)
target_include_directories(imgui_headers SYSTEM INTERFACE "${LJP_IMGUI_DIR}")

add_library(imgui STATIC EXCLUDE_FROM_ALL
  "${LJP_IMGUI_DIR}/imgui.cpp" "${LJP_IMGUI_DIR}/imgui_draw.cpp"
  "${LJP_IMGUI_DIR}/imgui_tables.cpp" "${LJP_IMGUI_DIR}/imgui_widgets.cpp"
  "${LJP_IMGUI_DIR}/imgui_demo.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${LJP_IMGUI_DIR}")
target_compile_definitions(imgui PUBLIC IMGUI_DISABLE_OBSOLETE_FUNCTIONS)

if(EMSCRIPTEN)
  # Emscripten's built-in GLFW (headers in its sysroot, the library from
  # -sUSE_GLFW=3: no download) over WebGL 2. The web viewer (wasm/web/) needs
  # them whatever LJP_BUILD_GUI says (that option is about the desktop app).
  add_library(imgui_backends STATIC EXCLUDE_FROM_ALL
              "${LJP_IMGUI_DIR}/backends/imgui_impl_glfw.cpp"
              "${LJP_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
  # WebGL 2 is OpenGL ES 3: GLSL "#version 300 es" (ImGui assumes ES 2 on Emscripten).
  target_compile_definitions(imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES3)
  target_link_options(imgui_backends PUBLIC -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2
                                            -sMAX_WEBGL_VERSION=2 -sFULL_ES3=1)
elseif(NOT LJP_BUILD_GUI)
  return()
else()
  find_package(glfw3 3.3 REQUIRED)
  add_library(imgui_backends STATIC "${LJP_IMGUI_DIR}/backends/imgui_impl_glfw.cpp"
                                    "${LJP_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
  target_link_libraries(imgui_backends PUBLIC glfw ${CMAKE_DL_LIBS})
endif()
target_include_directories(imgui_backends SYSTEM PUBLIC "${LJP_IMGUI_DIR}/backends")
target_link_libraries(imgui_backends PUBLIC imgui)
