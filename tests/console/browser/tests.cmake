# SPDX-License-Identifier: Apache-2.0
# console.dashboard (issue 17): the real jamul-console's dashboard in headless Chromium
# (playwright-core from npm, pinned by package-lock.json, driving Debian's /usr/bin/chromium).
# run_dashboard_test.cmake copies the package files into <build>/browser-test, runs `npm ci` there
# once (again only when the lock file changes: the npm registry must be reachable then), and runs
# `node dashboard.test.mjs <jamul-console> <build>/console-screenshots`. Without node, npm or
# chromium the test is reported skipped, not passed.
if(TARGET jamul-console)
  find_program(JAMUL_NODE NAMES node nodejs)
  find_program(JAMUL_NPM NAMES npm)
  find_program(JAMUL_CHROMIUM NAMES chromium chromium-browser)
  add_test(NAME console.dashboard
           COMMAND ${CMAKE_COMMAND}
                   -DNODE=${JAMUL_NODE} -DNPM=${JAMUL_NPM} -DCHROMIUM=${JAMUL_CHROMIUM}
                   -DSOURCE_DIR=${CMAKE_CURRENT_LIST_DIR}
                   -DWORK_DIR=${CMAKE_BINARY_DIR}/browser-test
                   -DCONSOLE=$<TARGET_FILE:jamul-console>
                   -DOUT_DIR=${CMAKE_BINARY_DIR}/console-screenshots
                   -P ${CMAKE_CURRENT_LIST_DIR}/run_dashboard_test.cmake)
  set_tests_properties(console.dashboard PROPERTIES
    LABELS console
    TIMEOUT 600
    SKIP_REGULAR_EXPRESSION "JAMUL-SKIPPED")
endif()
