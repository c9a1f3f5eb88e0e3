# SPDX-License-Identifier: Apache-2.0
# Sources and private dependencies of the ole extractors (included by scanner/CMakeLists.txt).
# zlib (Debian zlib1g-dev) inflates HWP 5.0 BodyText sections.
find_package(PkgConfig REQUIRED)
pkg_check_modules(JAMUL_OLE_ZLIB REQUIRED IMPORTED_TARGET zlib)
target_sources(jamul_scanner PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/compound_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/doc_extractor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hwp_carver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/hwp_extractor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/msg_extractor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ole_extractor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ole_util.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ppt_extractor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text_runs.cpp
  ${CMAKE_CURRENT_LIST_DIR}/xls_extractor.cpp
)
target_link_libraries(jamul_scanner PRIVATE PkgConfig::JAMUL_OLE_ZLIB)
