# SPDX-License-Identifier: Apache-2.0
# Sources and private dependencies of the text_formats extractors (included by scanner/CMakeLists.txt).
# No third-party library: charsets go through decode/ (ICU stays there).
target_sources(jamul_scanner PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/charset.cpp
  ${CMAKE_CURRENT_LIST_DIR}/eml_extractor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/markup_extractor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/rtf_extractor.cpp
)
