# SPDX-License-Identifier: Apache-2.0
# Tests of the pdf extractors (included by tests/CMakeLists.txt).
jamul_add_tests(scanner SOURCES ${CMAKE_CURRENT_LIST_DIR}/pdf_extractor_test.cpp
                                ${CMAKE_CURRENT_LIST_DIR}/pdf_corpus_test.cpp)
