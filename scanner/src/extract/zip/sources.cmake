# SPDX-License-Identifier: Apache-2.0
# Sources and private dependencies of the zip extractors (included by scanner/CMakeLists.txt):
# libarchive reads the archives, expat parses the XML members (Debian libarchive-dev, libexpat1-dev).
pkg_check_modules(JAMUL_ZIP_LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
pkg_check_modules(JAMUL_ZIP_EXPAT REQUIRED IMPORTED_TARGET expat)
target_sources(jamul_scanner PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/hwpx.cpp
  ${CMAKE_CURRENT_LIST_DIR}/local_headers.cpp
  ${CMAKE_CURRENT_LIST_DIR}/odf.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ooxml_docx.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ooxml_pptx.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ooxml_xlsx.cpp
  ${CMAKE_CURRENT_LIST_DIR}/table_text_builder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xml_salvage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xml_stream.cpp
  ${CMAKE_CURRENT_LIST_DIR}/zip_archive.cpp
  ${CMAKE_CURRENT_LIST_DIR}/zip_extractor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/zip_formats.cpp
)
target_link_libraries(jamul_scanner PRIVATE PkgConfig::JAMUL_ZIP_LIBARCHIVE PkgConfig::JAMUL_ZIP_EXPAT)
