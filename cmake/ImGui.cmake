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

if(NOT LJP_BUILD_GUI)
  return()
elseif(EMSCRIPTEN)
  add_library(imgui_backends STATIC "${LJP_IMGUI_DIR}/backends/imgui_impl_glfw.cpp"
                                    "${LJP_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
  target_link_options(imgui_backends PUBLIC -sUSE_GLFW=3 -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2
                                            -sMAX_WEBGL_VERSION=2 -sFULL_ES3=1)
else()
  find_package(glfw3 3.3 REQUIRED)
  add_library(imgui_backends STATIC "${LJP_IMGUI_DIR}/backends/imgui_impl_glfw.cpp"
                                    "${LJP_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
  target_link_libraries(imgui_backends PUBLIC glfw ${CMAKE_DL_LIBS})
endif()
target_include_directories(imgui_backends SYSTEM PUBLIC "${LJP_IMGUI_DIR}/backends")
target_link_libraries(imgui_backends PUBLIC imgui)
