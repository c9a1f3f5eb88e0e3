# SPDX-License-Identifier: Apache-2.0
# One Boost.Test executable per module; one CTest entry per test suite (STYLE.md: `scanner.file_walker`).

find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)

# jamul_add_test_executable(module LIBS ...): creates jamul_<module>_tests (sources come from
# jamul_add_tests). Tests run with the shared folder and the source tree in their environment.
function(jamul_add_test_executable module)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  set(exe jamul_${module}_tests)
  add_executable(${exe} ${PROJECT_SOURCE_DIR}/tests/support/test_main.cpp)
  target_link_libraries(${exe} PRIVATE ${ARG_LIBS} jamul_test_support Boost::unit_test_framework
                        jamul_settings)
  target_compile_definitions(${exe} PRIVATE BOOST_TEST_DYN_LINK)
endfunction()

# jamul_add_tests(module SOURCES ... [LABELS ...]): adds test sources to jamul_<module>_tests and
# registers `<module>.<suite>` with CTest for every BOOST_AUTO_TEST_SUITE(<suite>) in them.
function(jamul_add_tests module)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LABELS" ${ARGN})
  set(exe jamul_${module}_tests)
  target_sources(${exe} PRIVATE ${ARG_SOURCES})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  foreach(src IN LISTS ARG_SOURCES)
    file(STRINGS ${src} suite_lines REGEX "^BOOST_AUTO_TEST_SUITE\\(([a-z0-9_]+)\\)")
    foreach(line IN LISTS suite_lines)
      string(REGEX REPLACE "^BOOST_AUTO_TEST_SUITE\\(([a-z0-9_]+)\\).*" "\\1" suite "${line}")
      add_test(NAME ${module}.${suite}
               COMMAND ${exe} --run_test=${suite} --log_level=test_suite --report_level=short
                       --color_output=false)
      # A case that cannot run here says so (tests/support/skip.h): the suite is then reported
      # skipped, not passed.
      set_tests_properties(${module}.${suite} PROPERTIES
        LABELS "${module};${ARG_LABELS}"
        TIMEOUT ${ARG_TIMEOUT}
        SKIP_REGULAR_EXPRESSION "JAMUL-SKIPPED"
        ENVIRONMENT "JAMUL_SHARED_DIR=${JAMUL_SHARED_DIR};JAMUL_SOURCE_DIR=${PROJECT_SOURCE_DIR};JAMUL_BINARY_DIR=${PROJECT_BINARY_DIR}")
    endforeach()
  endforeach()
endfunction()
