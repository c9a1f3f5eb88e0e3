# SPDX-License-Identifier: Apache-2.0
# Driver of CTest console.dashboard (tests.cmake): cmake -DNODE= -DNPM= -DCHROMIUM= -DSOURCE_DIR=
# -DWORK_DIR= -DCONSOLE= -DOUT_DIR= -P run_dashboard_test.cmake
foreach(tool IN ITEMS NODE NPM CHROMIUM)
  if(NOT ${tool} OR NOT EXISTS "${${tool}}")
    # CI installs them (scripts/install-deps.sh): there, a missing tool fails the test instead
    # (the same rule as tests/support/skip.h).
    if("$ENV{JAMUL_REQUIRE_TEST_DATA}" STREQUAL "1")
      message(FATAL_ERROR "${tool} not found (the dashboard test needs node >= 18, npm and chromium)")
    endif()
    message("JAMUL-SKIPPED: ${tool} not found (the dashboard test needs node >= 18, npm and chromium)")
    return()
  endif()
endforeach()

# The package files and the test sit together in the build tree: Node resolves `playwright-core`
# from the test script's own folder.
file(MAKE_DIRECTORY "${WORK_DIR}")
foreach(name IN ITEMS package.json package-lock.json dashboard.test.mjs)
  file(COPY_FILE "${SOURCE_DIR}/${name}" "${WORK_DIR}/${name}" ONLY_IF_DIFFERENT)
endforeach()

# npm ci once per lock file.
file(SHA256 "${WORK_DIR}/package-lock.json" lock_hash)
set(stamp "${WORK_DIR}/npm-ci.stamp")
set(installed "")
if(EXISTS "${stamp}")
  file(READ "${stamp}" installed)
endif()
if(NOT installed STREQUAL lock_hash OR NOT EXISTS "${WORK_DIR}/node_modules/playwright-core/package.json")
  message(STATUS "npm ci --prefix ${WORK_DIR}")
  execute_process(COMMAND "${NPM}" ci --prefix "${WORK_DIR}" --no-audit --no-fund --ignore-scripts
                  RESULT_VARIABLE npm_rc)
  if(NOT npm_rc EQUAL 0)
    message(FATAL_ERROR "npm ci failed (${npm_rc}): the npm registry must be reachable once")
  endif()
  file(WRITE "${stamp}" "${lock_hash}")
endif()

execute_process(COMMAND "${NODE}" "${WORK_DIR}/dashboard.test.mjs" "${CONSOLE}" "${OUT_DIR}"
                WORKING_DIRECTORY "${WORK_DIR}"
                RESULT_VARIABLE test_rc)
if(NOT test_rc EQUAL 0)
  message(FATAL_ERROR "dashboard test failed (${test_rc}); screenshots and console.log in ${OUT_DIR}")
endif()
