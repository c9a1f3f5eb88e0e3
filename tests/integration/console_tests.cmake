# SPDX-License-Identifier: Apache-2.0
# The fleet end to end (issue 17): jamul-console with real jamul-agent processes.
#
# A throwaway PostgreSQL 15 cluster on 127.0.0.1 (tests/support/postgres_cluster.sh) is the CTest
# fixture `postgres`: `postgres.start` brings it up in <build>/pg (and writes <build>/pg/url),
# `postgres.stop` removes it; a test that needs it names FIXTURES_REQUIRED postgres, so that
# `ctest -R console_fleet_postgres` starts and stops the cluster by itself.
set(JAMUL_PG_DIR ${CMAKE_BINARY_DIR}/pg)
add_test(NAME postgres.start
         COMMAND ${PROJECT_SOURCE_DIR}/tests/support/postgres_cluster.sh start ${JAMUL_PG_DIR})
add_test(NAME postgres.stop
         COMMAND ${PROJECT_SOURCE_DIR}/tests/support/postgres_cluster.sh stop ${JAMUL_PG_DIR})
set_tests_properties(postgres.start PROPERTIES FIXTURES_SETUP postgres LABELS console TIMEOUT 120)
set_tests_properties(postgres.stop PROPERTIES FIXTURES_CLEANUP postgres LABELS console TIMEOUT 60)

# One executable; the same suite registered twice, on SQLite and on the PostgreSQL fixture. It
# drives the binaries (jamul, jamul-agent, jamul-console) and speaks HTTPS to the admin API.
jamul_add_test_executable(console_fleet LIBS jamul::agent jamul::protocol jamul::common
                          Poco::NetSSL Poco::Net Poco::Crypto Poco::Foundation)
target_sources(jamul_console_fleet_tests PRIVATE integration/console_fleet_test.cpp)
add_dependencies(jamul_console_fleet_tests jamul jamul-agent)
set(JAMUL_CONSOLE_FLEET_ENV
    "JAMUL_SHARED_DIR=${JAMUL_SHARED_DIR};JAMUL_SOURCE_DIR=${PROJECT_SOURCE_DIR};JAMUL_BINARY_DIR=${PROJECT_BINARY_DIR}")
if(TARGET jamul-console)
  add_dependencies(jamul_console_fleet_tests jamul-console)
  list(APPEND JAMUL_CONSOLE_FLEET_ENV "JAMUL_CONSOLE_BINARY=$<TARGET_FILE:jamul-console>")
endif()
foreach(db IN ITEMS sqlite postgres)
  if(db STREQUAL "sqlite")
    set(name integration.console_fleet)
  else()
    set(name integration.console_fleet_postgres)
  endif()
  add_test(NAME ${name}
           COMMAND jamul_console_fleet_tests --run_test=console_fleet --log_level=test_suite
                   --report_level=short --color_output=false)
  set(env ${JAMUL_CONSOLE_FLEET_ENV})
  if(db STREQUAL "postgres")
    list(APPEND env "JAMUL_TEST_POSTGRES_URL_FILE=${JAMUL_PG_DIR}/url")
  endif()
  set_tests_properties(${name} PROPERTIES
    LABELS "integration;console"
    TIMEOUT 300
    SKIP_REGULAR_EXPRESSION "JAMUL-SKIPPED"
    ENVIRONMENT "${env}")
  if(db STREQUAL "postgres")
    set_tests_properties(${name} PROPERTIES FIXTURES_REQUIRED postgres)
  endif()
endforeach()
