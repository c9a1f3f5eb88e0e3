# SPDX-License-Identifier: Apache-2.0
# Sources and private dependencies of the pdf extractors (included by scanner/CMakeLists.txt).
# poppler-cpp: Debian libpoppler-cpp-dev.
find_package(PkgConfig REQUIRED)
pkg_check_modules(JAMUL_POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
target_sources(jamul_scanner PRIVATE ${CMAKE_CURRENT_LIST_DIR}/pdf_extractor.cpp)
target_link_libraries(jamul_scanner PRIVATE PkgConfig::JAMUL_POPPLER_CPP)
