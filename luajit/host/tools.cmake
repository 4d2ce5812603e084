# LuaJIT's build-time tools: minilua and buildvm, plus the two headers they need
# (DynASM's buildvm_arch.h and luajit.h). They run on the machine that builds,
# so they are built with its compiler: in the playground's own build when it
# builds for itself, in the host project next to this file when cross-compiling.
#
# ljp_luajit_host_tools(<prefix> <luajit root>
#   DASC <vm_*.dasc> DASM_FLAGS <flag>... DEFINES <define>... [BUILDVM_OPTIONS <flag>...])
# Defines the executables <prefix>_minilua and <prefix>_buildvm. DEFINES describe
# the target to buildvm (LUAJIT_TARGET, LJ_ARCH_HASFPU, LJ_ABI_SOFTFP, features).
# An empty DASC means a target without machine code (portable): no DynASM.
# BUILDVM_OPTIONS are compile and link flags for buildvm only (-m32).
function(ljp_luajit_host_tools prefix root)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "DASC" "DASM_FLAGS;DEFINES;BUILDVM_OPTIONS")
  set(src "${root}/src")

  add_executable(${prefix}_minilua "${src}/host/minilua.c")
  target_link_libraries(${prefix}_minilua PRIVATE m)

  set(arch_h)
  if(arg_DASC)
    set(arch_h "${src}/host/buildvm_arch.h")
    add_custom_command(
      OUTPUT "${arch_h}"
      COMMAND ${prefix}_minilua "${root}/dynasm/dynasm.lua" ${arg_DASM_FLAGS}
              -o "${arch_h}" "${arg_DASC}"
      DEPENDS ${prefix}_minilua "${arg_DASC}" "${src}/lj_arch.h"
      COMMENT "DynASM ${prefix} ${arg_DASC}" VERBATIM)
  endif()
  add_custom_command(
    OUTPUT "${src}/luajit.h"
    COMMAND ${prefix}_minilua host/genversion.lua
    DEPENDS ${prefix}_minilua "${src}/luajit_rolling.h"
    WORKING_DIRECTORY "${src}" VERBATIM)

  add_executable(${prefix}_buildvm
    "${src}/host/buildvm.c" "${src}/host/buildvm_asm.c" "${src}/host/buildvm_peobj.c"
    "${src}/host/buildvm_lib.c" "${src}/host/buildvm_fold.c" ${arch_h} "${src}/luajit.h")
  target_include_directories(${prefix}_buildvm PRIVATE "${src}" "${root}/dynasm")
  target_compile_definitions(${prefix}_buildvm PRIVATE ${arg_DEFINES})
  target_compile_options(${prefix}_buildvm PRIVATE ${arg_BUILDVM_OPTIONS})
  target_link_options(${prefix}_buildvm PRIVATE ${arg_BUILDVM_OPTIONS})
  # Build-time tools: never sanitized (DynASM's encoder does pointer tricks UBSan flags).
  foreach(tool ${prefix}_minilua ${prefix}_buildvm)
    target_compile_options(${tool} PRIVATE -fno-sanitize=all)
    target_link_options(${tool} PRIVATE -fno-sanitize=all)
  endforeach()
endfunction()
