# SPDX-License-Identifier: Apache-2.0
# Sources and private dependencies of the pdf extractors (included by scanner/CMakeLists.txt).
target_sources(jamul_scanner PRIVATE ${CMAKE_CURRENT_LIST_DIR}/pdf_extractor.cpp)
