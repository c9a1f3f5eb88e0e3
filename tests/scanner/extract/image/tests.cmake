# SPDX-License-Identifier: Apache-2.0
# Tests of the image (OCR) extractor (included by tests/CMakeLists.txt), e.g.:
#   jamul_add_tests(scanner SOURCES ${CMAKE_CURRENT_LIST_DIR}/<unit>_test.cpp)
