# SPDX-License-Identifier: Apache-2.0
# The console's suites (issue 17): the store, the agent API and the admin API over real HTTPS on
# 127.0.0.1, and the command line. Each store/server suite also runs on PostgreSQL
# (console.<suite>_postgres) with the CTest fixture `postgres` (tests/integration/console_tests.cmake):
# every test then works in a schema of its own in that cluster's database.
if(TARGET jamul_console_lib)
  jamul_add_test_executable(console LIBS jamul_console_lib)
  jamul_add_tests(console
    SOURCES
      console/store_test.cpp
      console/server_test.cpp
      console/admin_api_test.cpp
      console/cli_test.cpp
    LABELS console
    TIMEOUT 300)
  target_compile_definitions(jamul_console_tests PRIVATE
                             JAMUL_CONSOLE_BINARY="$<TARGET_FILE:jamul-console>")
  add_dependencies(jamul_console_tests jamul-console)
  foreach(suite IN ITEMS store server admin_api)
    add_test(NAME console.${suite}_postgres
             COMMAND jamul_console_tests --run_test=${suite} --log_level=test_suite
                     --report_level=short --color_output=false)
    set_tests_properties(console.${suite}_postgres PROPERTIES
      LABELS "console;postgres"
      TIMEOUT 300
      FIXTURES_REQUIRED postgres
      SKIP_REGULAR_EXPRESSION "JAMUL-SKIPPED"
      ENVIRONMENT "JAMUL_TEST_POSTGRES_URL_FILE=${CMAKE_BINARY_DIR}/pg/url;JAMUL_SOURCE_DIR=${PROJECT_SOURCE_DIR};JAMUL_BINARY_DIR=${PROJECT_BINARY_DIR}")
  endforeach()
endif()
