# cmake -DTARBALL=<pinned LuaJIT source tarball> -DPATCHES=<a;b;...> -DWORK=<dir> -P upstream_patches_apply.cmake
# The upstream-form fixes (luajit/upstream/*.patch) apply to the pinned source:
# each on its own, and all of them in order.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
file(ARCHIVE_EXTRACT INPUT "${TARBALL}" DESTINATION "${WORK}")
file(GLOB top LIST_DIRECTORIES true "${WORK}/*")
foreach(p IN LISTS PATCHES)
  execute_process(COMMAND patch -p1 --dry-run --batch --forward -i "${p}"
                  WORKING_DIRECTORY "${top}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${p} does not apply on its own:\n${out}")
  endif()
endforeach()
foreach(p IN LISTS PATCHES)
  execute_process(COMMAND patch -p1 --batch --forward -i "${p}"
                  WORKING_DIRECTORY "${top}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${p} does not apply after the ones before it:\n${out}")
  endif()
  message(STATUS "applied ${p}")
endforeach()
file(REMOVE_RECURSE "${WORK}")
