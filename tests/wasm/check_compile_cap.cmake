# cmake -DFILE=<timeline.jsonl> -P check_compile_cap.cmake
# The timeline of many_traces.lua: some trace was not compiled because of the
# cap on compiled traces, and after that (jit.flush()) a trace was compiled.
file(STRINGS "${FILE}" events REGEX "\"type\":\"compiled\"")
set(capped -1)
set(index 0)
foreach(event IN LISTS events)
  if(capped LESS 0 AND event MATCHES "\"error\":\"too many compiled traces")
    set(capped ${index})
  elseif(capped GREATER_EQUAL 0 AND event MATCHES "\"error\":\"\"")
    message(STATUS "capped at compiled event ${capped}, compiled again at ${index}")
    return()
  endif()
  math(EXPR index "${index} + 1")
endforeach()
message(FATAL_ERROR "no cap reached, or nothing compiled after it (cap at ${capped} of ${index} events)")
