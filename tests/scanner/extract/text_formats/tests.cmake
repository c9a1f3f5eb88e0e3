# SPDX-License-Identifier: Apache-2.0
# Tests of the text_formats extractors (included by tests/CMakeLists.txt).
jamul_add_tests(scanner SOURCES ${CMAKE_CURRENT_LIST_DIR}/rtf_extractor_test.cpp
                                ${CMAKE_CURRENT_LIST_DIR}/markup_extractor_test.cpp
                                ${CMAKE_CURRENT_LIST_DIR}/eml_extractor_test.cpp
                                ${CMAKE_CURRENT_LIST_DIR}/text_formats_corpus_test.cpp)
