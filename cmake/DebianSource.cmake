# Pinned source dependencies taken from Debian source packages.
#
# ljp_debian_source(<NAME>
#   PACKAGE <debian source package> VERSION <debian version>
#   TARBALL <orig tarball file name> SHA256 <hash>
#   OVERRIDE <cache variable naming a local dir or tarball>
#   [PATCHES <patch files applied in order with patch -p1>]
#   OUT <variable receiving the unpacked, patched source dir>)
#
# The tarball is downloaded once into LJP_SOURCE_CACHE (kept across build dirs),
# checked against its sha256, then unpacked into the build tree. The unpacked
# copy is refreshed whenever the tarball or a patch changes.

set(LJP_SOURCE_CACHE "${PROJECT_SOURCE_DIR}/.cache/sources"
    CACHE PATH "Folder keeping downloaded source tarballs")

function(ljp_debian_source name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PACKAGE;VERSION;TARBALL;SHA256;OVERRIDE;OUT"
                        "PATCHES")
  set(override "${${arg_OVERRIDE}}")
  set(unpacked "${CMAKE_BINARY_DIR}/_deps/${name}")

  if(override AND IS_DIRECTORY "${override}")
    set(origin "dir:${override}")
  else()
    if(override)
      set(tarball "${override}")
    else()
      set(tarball "${LJP_SOURCE_CACHE}/${arg_TARBALL}")
      if(NOT EXISTS "${tarball}")
        message(STATUS "Fetching Debian source ${arg_PACKAGE} ${arg_VERSION}")
        execute_process(
          COMMAND sh "${PROJECT_SOURCE_DIR}/cmake/fetch-debian-source.sh" "${arg_PACKAGE}"
                  "${arg_VERSION}" "${arg_TARBALL}" "${LJP_SOURCE_CACHE}"
          RESULT_VARIABLE rc)
        if(NOT rc EQUAL 0)
          message(FATAL_ERROR
            "Could not download ${arg_TARBALL} (Debian source package ${arg_PACKAGE} "
            "${arg_VERSION}). The version may have left the mirror. Download it by other means "
            "and pass -D${arg_OVERRIDE}=<path to the tarball or an unpacked source dir>.")
        endif()
      endif()
    endif()
    if(NOT EXISTS "${tarball}")
      message(FATAL_ERROR "${arg_OVERRIDE}=${tarball}: no such file or directory")
    endif()
    file(SHA256 "${tarball}" actual)
    if(NOT actual STREQUAL arg_SHA256)
      message(FATAL_ERROR
        "${tarball} has sha256 ${actual}, expected ${arg_SHA256} (${arg_PACKAGE} "
        "${arg_VERSION}). Delete it to download again, or pass -D${arg_OVERRIDE}=<path> "
        "to build from a source you trust.")
    endif()
    set(origin "tar:${actual}")
  endif()

  # Refresh the unpacked copy when its origin or the patch set changed.
  set(stamp "${origin}")
  foreach(p IN LISTS arg_PATCHES)
    file(SHA256 "${p}" h)
    string(APPEND stamp ";${h}")
  endforeach()
  set(stamp_file "${unpacked}.stamp")
  set(old_stamp "")
  if(EXISTS "${stamp_file}")
    file(READ "${stamp_file}" old_stamp)
  endif()
  if(NOT old_stamp STREQUAL stamp OR NOT EXISTS "${unpacked}")
    file(REMOVE_RECURSE "${unpacked}" "${unpacked}.tmp")
    if(origin MATCHES "^dir:")
      file(COPY "${override}/" DESTINATION "${unpacked}")
    else()
      file(ARCHIVE_EXTRACT INPUT "${tarball}" DESTINATION "${unpacked}.tmp")
      file(GLOB top LIST_DIRECTORIES true "${unpacked}.tmp/*")
      list(LENGTH top n)
      if(NOT n EQUAL 1)
        message(FATAL_ERROR "${tarball}: expected one top-level folder")
      endif()
      file(RENAME "${top}" "${unpacked}")
      file(REMOVE_RECURSE "${unpacked}.tmp")
    endif()
    foreach(p IN LISTS arg_PATCHES)
      execute_process(COMMAND patch -p1 --batch --forward -i "${p}"
                      WORKING_DIRECTORY "${unpacked}" RESULT_VARIABLE rc OUTPUT_VARIABLE out
                      ERROR_VARIABLE out)
      if(NOT rc EQUAL 0)
        file(REMOVE_RECURSE "${unpacked}")
        message(FATAL_ERROR "Patch ${p} does not apply to ${name}:\n${out}")
      endif()
    endforeach()
    file(WRITE "${stamp_file}" "${stamp}")
  endif()
  # Re-run configure when a patch changes or one is added.
  set_property(DIRECTORY "${PROJECT_SOURCE_DIR}" APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
                                                                  ${arg_PATCHES})
  set(${arg_OUT} "${unpacked}" PARENT_SCOPE)
endfunction()
