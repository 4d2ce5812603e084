# Installs the browser tests' npm packages (playwright-core, exactly as
# package-lock.json pins them) into DIR: npm ci, again only when the lock file
# changed. No browser download: the tests drive Debian's /usr/bin/chromium.
#   cmake -DSRC=<tests/web> -DDIR=<build dir> -P setup.cmake
cmake_minimum_required(VERSION 3.25)
file(MAKE_DIRECTORY "${DIR}")
file(SHA256 "${SRC}/package-lock.json" want)
set(stamp "${DIR}/node_modules/.ljplay-lock-sha256")
if(EXISTS "${stamp}")
  file(READ "${stamp}" have)
  if(have STREQUAL want AND EXISTS "${DIR}/node_modules/playwright-core/package.json")
    message(STATUS "playwright-core is installed in ${DIR}")
    return()
  endif()
endif()
file(COPY "${SRC}/package.json" "${SRC}/package-lock.json" DESTINATION "${DIR}")
find_program(NPM npm REQUIRED)
execute_process(COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error
                WORKING_DIRECTORY "${DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "npm ci in ${DIR} failed (${rc})")
endif()
file(WRITE "${stamp}" "${want}")
if(NOT EXISTS "/usr/bin/chromium")
  message(FATAL_ERROR "No /usr/bin/chromium: scripts/install-deps.sh installs Debian's chromium")
endif()
