# SPDX-License-Identifier: Apache-2.0
# Tests of the zip extractors (included by tests/CMakeLists.txt). zlib builds the test archives
# (zip_writer.h). fuzz_zip.cpp is a libFuzzer harness, wired separately (not built here).
pkg_check_modules(JAMUL_ZIP_TEST_ZLIB REQUIRED IMPORTED_TARGET zlib)
target_link_libraries(jamul_scanner_tests PRIVATE PkgConfig::JAMUL_ZIP_TEST_ZLIB)
jamul_add_tests(scanner SOURCES
  ${CMAKE_CURRENT_LIST_DIR}/local_headers_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xml_salvage_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/zip_archive_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/zip_documents_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/zip_corpus_test.cpp
)
