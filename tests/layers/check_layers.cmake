# Fails when a file includes from a layer above its own, or a CMakeLists.txt
# compiles sources of a layer above its own:
#   cmake -DROOT=<source tree> -P check_layers.cmake
# The layers, each using only those listed after it (README.md, "How it is built"):
#   engine/protocol  the protocol: timeline, request, run end, renderers
#   engine           runs LuaJIT (luajit/ is a dependency, not part of this check)
#   ui               the views (protocol only: no LuaJIT, no engine)
#   cli              the `ljplay` command line, for native and node builds
#   native, wasm     the hosts;  bench, tests: anything below them
# An include is resolved by its file name in the tree (the include paths are
# per target); a name the tree does not have (LuaJIT's, ImGui's, generated
# files) is not ours and not checked.
cmake_minimum_required(VERSION 3.25)
if(NOT ROOT)
  message(FATAL_ERROR "usage: cmake -DROOT=<source tree> -P check_layers.cmake")
endif()

set(allowed_protocol protocol)
set(allowed_engine engine protocol)
set(allowed_ui ui protocol)
set(allowed_cli cli engine protocol)
set(allowed_native native cli ui engine protocol)
set(allowed_wasm wasm cli ui engine protocol)
set(allowed_bench bench cli engine protocol)
set(allowed_site site)

# The layer of a path relative to ROOT, or "" for files outside the layers.
function(layer_of path out)
  if(path MATCHES "^engine/protocol/")
    set(${out} protocol PARENT_SCOPE)
  elseif(path MATCHES "^(engine|ui|cli|native|wasm|bench|site|tests|luajit)/")
    set(${out} ${CMAKE_MATCH_1} PARENT_SCOPE)
  else()
    set(${out} "" PARENT_SCOPE)
  endif()
endfunction()

file(GLOB_RECURSE sources RELATIVE "${ROOT}"
     "${ROOT}/engine/*" "${ROOT}/ui/*" "${ROOT}/cli/*" "${ROOT}/native/*" "${ROOT}/wasm/*"
     "${ROOT}/bench/*" "${ROOT}/site/*")
list(FILTER sources INCLUDE REGEX "\\.(h|hpp|c|cc|cpp|txt)$")

# File name -> the layers that have a file of that name.
file(GLOB_RECURSE all RELATIVE "${ROOT}" "${ROOT}/engine/*.h" "${ROOT}/ui/*.h" "${ROOT}/cli/*.h"
     "${ROOT}/native/*.h" "${ROOT}/wasm/*.h" "${ROOT}/bench/*.h" "${ROOT}/tests/*.h")
foreach(f IN LISTS all)
  get_filename_component(name "${f}" NAME)
  layer_of("${f}" l)
  string(MAKE_C_IDENTIFIER "${name}" key)
  list(APPEND where_${key} ${l})
endforeach()

set(problems "")
set(checked 0)
foreach(f IN LISTS sources)
  layer_of("${f}" mine)
  if(NOT DEFINED allowed_${mine})
    continue()
  endif()
  file(STRINGS "${ROOT}/${f}" lines)
  if(f MATCHES "CMakeLists\\.txt$")
    # Sources compiled from another folder: ${PROJECT_SOURCE_DIR}/<folder>/x.cpp.
    foreach(line IN LISTS lines)
      string(REGEX MATCHALL "\\$\\{PROJECT_SOURCE_DIR\\}/[A-Za-z0-9_/.-]+\\.(cpp|cc|c|h)" refs "${line}")
      foreach(ref IN LISTS refs)
        string(REPLACE "\${PROJECT_SOURCE_DIR}/" "" path "${ref}")
        layer_of("${path}" theirs)
        math(EXPR checked "${checked} + 1")
        if(theirs AND NOT theirs IN_LIST allowed_${mine})
          string(APPEND problems "  ${f}: compiles ${path} (${mine} may use: ${allowed_${mine}})\n")
        endif()
      endforeach()
    endforeach()
    continue()
  endif()
  foreach(line IN LISTS lines)
    if(NOT line MATCHES "^[ \t]*#[ \t]*include[ \t]+\"([^\"]+)\"")
      continue()
    endif()
    get_filename_component(name "${CMAKE_MATCH_1}" NAME)
    string(MAKE_C_IDENTIFIER "${name}" key)
    if(NOT DEFINED where_${key})
      continue()  # not ours
    endif()
    math(EXPR checked "${checked} + 1")
    # Fine when any file of that name is in a layer this one may use.
    set(ok FALSE)
    foreach(l IN LISTS where_${key})
      if(l IN_LIST allowed_${mine})
        set(ok TRUE)
      endif()
    endforeach()
    if(NOT ok)
      list(JOIN where_${key} ", " found)
      string(APPEND problems "  ${f}: includes ${name} from ${found} (${mine} may use: ${allowed_${mine}})\n")
    endif()
  endforeach()
endforeach()

if(problems)
  message(FATAL_ERROR "Includes that point up a layer:\n${problems}")
endif()
message(STATUS "layers: ${checked} includes and source references, none points up a layer")
