# 32-bit x86 Linux build with the build machine's own gcc (-m32): the object
# layout of the portable target equals wasm32's, and stock LuaJIT's x86 VM can
# run beside it for differential tests. Programs and tests run natively where
# the kernel can, else under qemu-i386 (a 64-bit kernel may lack 32-bit support).
#   cmake --preset portable
#   cmake -B build/x -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/i686-portable.cmake
# Debian packages (no gcc-multilib: it conflicts with the aarch64 cross compilers):
#   libc6-dev-i386 lib32gcc-12-dev lib32stdc++-12-dev qemu-user
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR i686)

set(CMAKE_C_COMPILER gcc)
set(CMAKE_CXX_COMPILER g++)
set(CMAKE_ASM_COMPILER gcc)

# Without gcc-multilib, -m32 finds no <asm/errno.h> (Debian keeps it in the
# multiarch dir /usr/include/x86_64-linux-gnu). Those x86 headers serve both
# word sizes, so a folder in the build tree links to them: asm -> .../asm.
set(LJP_M32_INCLUDE_DIR "${CMAKE_BINARY_DIR}/m32-include")
if(NOT EXISTS "${LJP_M32_INCLUDE_DIR}/asm")
  file(MAKE_DIRECTORY "${LJP_M32_INCLUDE_DIR}")
  file(CREATE_LINK /usr/include/x86_64-linux-gnu/asm "${LJP_M32_INCLUDE_DIR}/asm" SYMBOLIC)
endif()

# SSE2 arithmetic, no x87 excess precision and no fused multiply-add: doubles
# round as on x64 and in wasm, so outputs and recorded constants can be diffed.
set(LJP_M32_FLAGS "-m32 -msse2 -mfpmath=sse -ffp-contract=off -isystem ${LJP_M32_INCLUDE_DIR}")
set(CMAKE_C_FLAGS_INIT "${LJP_M32_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${LJP_M32_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${LJP_M32_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-m32")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-m32")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "-m32")

# libc6-i386 installs the i386 dynamic linker (/lib/ld-linux.so.2) and libc in
# their usual places, so qemu needs no -L sysroot. Where the kernel runs 32-bit
# x86 programs itself (checked once: a tiny -m32 program is built and run),
# `env` takes the emulator's place: the same command lines, native speed.
if(NOT DEFINED CACHE{LJP_M32_RUNS_NATIVELY})
  set(probe "${CMAKE_BINARY_DIR}/m32-probe")
  execute_process(
    COMMAND sh -c "printf 'int main(void){return 0;}\\n' | gcc -m32 -x c - -o '${probe}' && '${probe}'"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
  file(REMOVE "${probe}")
  if(rc EQUAL 0)
    set(runs ON)
  else()
    set(runs OFF)
  endif()
  set(LJP_M32_RUNS_NATIVELY ${runs} CACHE BOOL "This machine runs 32-bit x86 programs without qemu-i386")
endif()
if(LJP_M32_RUNS_NATIVELY)
  set(ljp_m32_runner env)
else()
  set(ljp_m32_runner qemu-i386)
endif()
set(CMAKE_CROSSCOMPILING_EMULATOR ${ljp_m32_runner})

# LuaJIT's buildvm for x86 (stock LuaJIT, the references) must be a 32-bit
# program: it is built with the build machine's gcc and these flags, and runs
# under the emulator too (see luajit/CMakeLists.txt).
set(LJP_HOST_C_FLAGS_32 "-m32 -isystem ${LJP_M32_INCLUDE_DIR}" CACHE STRING
    "Flags for a 32-bit buildvm built on a 64-bit build machine")
set(LJP_HOST_EMULATOR ${ljp_m32_runner} CACHE STRING
    "Runs 32-bit build-time tools the build machine cannot run itself")

# No sysroot: gcc -m32 finds the 32-bit libc, libstdc++ and libm itself
# (/usr/lib32, /usr/lib/gcc/x86_64-linux-gnu/12/32). The build machine's CMake
# packages serve only where they are header-only (CLI11, nlohmann_json);
# GoogleTest is built from source for the target (tests/CMakeLists.txt), and
# the GUI (GLFW, OpenGL, Capstone: 64-bit libraries here) stays off.
