# Cross build for 64-bit ARM Linux with Debian's cross toolchain
# (gcc-aarch64-linux-gnu, g++-aarch64-linux-gnu, libc6-dev-arm64-cross).
# Target programs (tests, ctest) run under qemu-user (qemu-aarch64).
#   cmake --preset native-arm64
#   cmake -B build/x -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(LJP_CROSS_TRIPLE aarch64-linux-gnu)
set(LJP_CROSS_SYSROOT /usr/${LJP_CROSS_TRIPLE})
set(CMAKE_C_COMPILER ${LJP_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${LJP_CROSS_TRIPLE}-g++)
set(CMAKE_ASM_COMPILER ${LJP_CROSS_TRIPLE}-gcc)

# The cross libc and libstdc++ live in /usr/aarch64-linux-gnu; -L makes qemu load
# the target's dynamic linker and libraries from there.
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64 -L ${LJP_CROSS_SYSROOT})

# Libraries come only from the target's sysroot. Headers and CMake packages may
# also come from the build machine: the one the playground needs from there,
# CLI11, is header-only and architecture-independent.
set(CMAKE_FIND_ROOT_PATH ${LJP_CROSS_SYSROOT})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)
