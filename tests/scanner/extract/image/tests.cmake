# SPDX-License-Identifier: Apache-2.0
# Tests of the image (OCR) extractor (included by tests/CMakeLists.txt). The tests draw their own
# images and encode them with Leptonica (Debian libleptonica-dev), hence the extra link.
find_package(PkgConfig REQUIRED)
pkg_check_modules(JAMUL_TEST_LEPTONICA REQUIRED IMPORTED_TARGET lept)
# The image header reader is tested directly; the extractors through the module, as the program
# uses them.
target_link_libraries(jamul_scanner_tests PRIVATE PkgConfig::JAMUL_TEST_LEPTONICA jamul_pdf_ocr_objects)
jamul_add_tests(scanner SOURCES ${CMAKE_CURRENT_LIST_DIR}/image_header_test.cpp
                                ${CMAKE_CURRENT_LIST_DIR}/image_extractor_test.cpp
                                ${CMAKE_CURRENT_LIST_DIR}/image_corpus_test.cpp)
# Generated scanned pages (ImageMagick, fonts-nanum) through FileScanner with OCR (issue 13).
jamul_add_tests(scanner SOURCES ${CMAKE_CURRENT_LIST_DIR}/ocr_accuracy_test.cpp)
