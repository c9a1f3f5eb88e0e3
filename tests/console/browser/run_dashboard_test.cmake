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
  # npm trusts the system's certificate store too (Debian's npm uses only Node's own list): a
  # machine whose way out goes through its organisation's TLS proxy has that CA there.
  set(cafile_option "")
  if(EXISTS "/etc/ssl/certs/ca-certificates.crt")
    set(cafile_option "--cafile=/etc/ssl/certs/ca-certificates.crt")
  endif()
  execute_process(COMMAND "${NPM}" ci --prefix "${WORK_DIR}" --no-audit --no-fund --ignore-scripts
                          ${cafile_option}
                  RESULT_VARIABLE npm_rc
                  OUTPUT_VARIABLE npm_err ERROR_VARIABLE npm_err)
  if(NOT npm_rc EQUAL 0)
    # The driver comes from the npm registry: a machine that cannot reach it (no network, or a
    # TLS proxy it does not trust) cannot run this test. Said loudly as a skip, not hidden as a
    # pass, and not a failure of the product.
    string(REGEX MATCH "npm (ERR!|error) (code|request)[^\n]*" npm_why "${npm_err}")
    message("JAMUL-SKIPPED: npm ci could not fetch playwright-core (${npm_rc}: ${npm_why})")
    return()
  endif()
  file(WRITE "${stamp}" "${lock_hash}")
endif()

execute_process(COMMAND "${NODE}" "${WORK_DIR}/dashboard.test.mjs" "${CONSOLE}" "${OUT_DIR}"
                WORKING_DIRECTORY "${WORK_DIR}"
                RESULT_VARIABLE test_rc)
if(NOT test_rc EQUAL 0)
  message(FATAL_ERROR "dashboard test failed (${test_rc}); screenshots and console.log in ${OUT_DIR}")
endif()
