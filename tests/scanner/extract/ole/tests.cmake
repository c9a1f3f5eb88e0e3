# SPDX-License-Identifier: Apache-2.0
# Tests of the ole extractors (included by tests/CMakeLists.txt). fuzz_*.cpp are libFuzzer
# harnesses, built by the fuzzing setup, not here.
jamul_add_tests(scanner SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/compound_file_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/doc_extractor_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hwp_carver_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hwp_extractor_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/msg_extractor_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ole_corpus_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ppt_extractor_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_runs_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xls_extractor_test.cpp
)
