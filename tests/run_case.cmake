# Runs one command and checks what it did. Invoked by ctest as
#   cmake -D<PARAM>=<value>... -P run_case.cmake
# Lists in COMMAND / REFERENCE are separated by '|'.
#   PRE_COMMAND      run first, must succeed (e.g. to record a file COMMAND reads)
#   COMMAND          the program under test
#   WORKDIR          where both commands run
#   EXIT_CODE        expected exit status (default 0)
#   EXPECTED_FILE    stdout must equal this file
#   REFERENCE        a reference command: stdout must equal the reference's stdout
#   SAME_STDERR      with REFERENCE: stderr must be equal too
#   STDOUT_REGEX     stdout must match
#   STDERR_REGEX     stderr must match ('\n' may be written as '\\n')
#   STDOUT_NOT_REGEX stdout must not match
#   STDERR_NOT_REGEX stderr must not match
#   MASK_REGEX       before comparing with REFERENCE, matches are replaced in both
#                    outputs (for addresses that differ from process to process)

function(run out_var err_var rc_var cmd)
  string(REPLACE "|" ";" argv "${cmd}")
  execute_process(COMMAND ${argv} WORKING_DIRECTORY "${WORKDIR}" OUTPUT_VARIABLE out
                  ERROR_VARIABLE err RESULT_VARIABLE rc TIMEOUT 280)
  set(${out_var} "${out}" PARENT_SCOPE)
  set(${err_var} "${err}" PARENT_SCOPE)
  set(${rc_var} "${rc}" PARENT_SCOPE)
endfunction()

function(fail what)
  message(FATAL_ERROR "${what}\n--- command: ${COMMAND}\n--- exit: ${rc}\n"
                      "--- stdout:\n${out}\n--- stderr:\n${err}")
endfunction()

if(NOT DEFINED EXIT_CODE)
  set(EXIT_CODE 0)
endif()
if(DEFINED PRE_COMMAND)
  run(out err rc "${PRE_COMMAND}")
  if(NOT rc STREQUAL "0")
    set(COMMAND "${PRE_COMMAND}")
    fail("the first command failed")
  endif()
endif()
run(out err rc "${COMMAND}")
if(NOT rc STREQUAL EXIT_CODE)
  fail("exit status ${rc}, expected ${EXIT_CODE}")
endif()
if(DEFINED EXPECTED_FILE)
  file(READ "${EXPECTED_FILE}" expected)
  if(NOT out STREQUAL expected)
    file(WRITE "${WORKDIR}/actual.out.tmp" "${out}")
    execute_process(COMMAND diff -u "${EXPECTED_FILE}" "${WORKDIR}/actual.out.tmp"
                    OUTPUT_VARIABLE diff)
    file(REMOVE "${WORKDIR}/actual.out.tmp")
    fail("stdout differs from ${EXPECTED_FILE}:\n${diff}")
  endif()
endif()
if(DEFINED REFERENCE)
  run(ref_out ref_err ref_rc "${REFERENCE}")
  if(DEFINED MASK_REGEX)
    foreach(var out err ref_out ref_err)
      string(REGEX REPLACE "${MASK_REGEX}" "<masked>" ${var} "${${var}}")
    endforeach()
  endif()
  if(NOT out STREQUAL ref_out)
    fail("stdout differs from the reference's:\n--- reference stdout:\n${ref_out}")
  endif()
  if(SAME_STDERR AND NOT err STREQUAL ref_err)
    fail("stderr differs from the reference's:\n--- reference stderr:\n${ref_err}")
  endif()
endif()
foreach(stream out err)
  string(TOUPPER "STD${stream}_REGEX" var)
  if(DEFINED ${var})
    string(REPLACE "\\n" "\n" regex "${${var}}")
    if(NOT "${${stream}}" MATCHES "${regex}")
      fail("std${stream} does not match: ${${var}}")
    endif()
  endif()
endforeach()
foreach(stream out err)
  string(TOUPPER "STD${stream}_NOT_REGEX" var)
  if(DEFINED ${var})
    string(REPLACE "\\n" "\n" regex "${${var}}")
    if("${${stream}}" MATCHES "${regex}")
      fail("std${stream} matches what it must not: ${${var}}")
    endif()
  endif()
endforeach()
