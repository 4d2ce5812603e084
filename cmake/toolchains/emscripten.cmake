# WebAssembly with Debian's Emscripten (3.1.6): Emscripten's own toolchain file,
# plus what the playground needs around it. Programs are .js + .wasm pairs;
# tests run them with node.
#   cmake --preset wasm
#   cmake -B build/x -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/emscripten.cmake
# Debian packages: emscripten (brings clang, lld, binaryen and nodejs).
set(LJP_EMSCRIPTEN_ROOT "/usr/share/emscripten" CACHE PATH "Emscripten's installation")
if(NOT EXISTS "${LJP_EMSCRIPTEN_ROOT}/cmake/Modules/Platform/Emscripten.cmake")
  message(FATAL_ERROR "No Emscripten in ${LJP_EMSCRIPTEN_ROOT}: apt-get install emscripten, "
                      "or pass -DLJP_EMSCRIPTEN_ROOT=<its folder>")
endif()

# emcc runs acorn (a node module) when it links; Debian keeps it in
# /usr/share/nodejs, where node does not look by itself. The variable must be
# set for each link step, not only while CMake configures.
set(LJP_EMSCRIPTEN_NODE_PATH "/usr/share/nodejs" CACHE PATH "NODE_PATH for emcc's node tools")
set(CMAKE_C_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=${LJP_EMSCRIPTEN_NODE_PATH}")
set(CMAKE_CXX_LINKER_LAUNCHER "${CMAKE_C_LINKER_LAUNCHER}")
set(ENV{NODE_PATH} "${LJP_EMSCRIPTEN_NODE_PATH}")

# Tests run the .js files with node. Node modules are linked with
# -sWASM_ASYNC_COMPILATION=0 (wasm/CMakeLists.txt), so node needs no flags:
# otherwise node 18+ would load the .wasm with fetch(), which takes no file paths.
find_program(LJP_NODE NAMES node nodejs REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${LJP_NODE}")

# C++ exceptions are off by default in Emscripten, on everywhere else: CLI11
# reports parse errors (and --help) with them, nlohmann_json bad input.
set(CMAKE_CXX_FLAGS_INIT "-fexceptions")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-fexceptions")

include("${LJP_EMSCRIPTEN_ROOT}/cmake/Modules/Platform/Emscripten.cmake")

# The build machine's header-only packages (CLI11, nlohmann_json) serve wasm too,
# but their CMake configs name /usr/include, which emcc must never search: glibc's
# headers there would shadow Emscripten's libc. Configs in the build tree load the
# originals and point them at a folder that links to just those headers.
set(LJP_WASM_HOST_PACKAGES "${CMAKE_BINARY_DIR}/wasm-host-packages")
foreach(entry "CLI11|CLI" "nlohmann_json|nlohmann")
  string(REPLACE "|" ";" entry "${entry}")
  list(GET entry 0 package)
  list(GET entry 1 headers)
  set(dir "${LJP_WASM_HOST_PACKAGES}/${package}")
  if(NOT EXISTS "${dir}/${package}Config.cmake" AND EXISTS "/usr/share/cmake/${package}")
    file(MAKE_DIRECTORY "${LJP_WASM_HOST_PACKAGES}/include")
    file(CREATE_LINK "/usr/include/${headers}" "${LJP_WASM_HOST_PACKAGES}/include/${headers}"
         SYMBOLIC)
    file(WRITE "${dir}/${package}ConfigVersion.cmake"
         "include(\"/usr/share/cmake/${package}/${package}ConfigVersion.cmake\")\n")
    file(WRITE "${dir}/${package}Config.cmake"
         "include(\"/usr/share/cmake/${package}/${package}Config.cmake\")\n"
         "set_target_properties(${package}::${package} PROPERTIES\n"
         "  INTERFACE_INCLUDE_DIRECTORIES \"${LJP_WASM_HOST_PACKAGES}/include\")\n")
  endif()
  set(${package}_DIR "${dir}" CACHE PATH "${package} for wasm: header-only, from the build machine")
endforeach()
