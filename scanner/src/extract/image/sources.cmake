# SPDX-License-Identifier: Apache-2.0
# Sources and private dependencies of the image (OCR) extractor (included by scanner/CMakeLists.txt).
target_sources(jamul_scanner PRIVATE ${CMAKE_CURRENT_LIST_DIR}/image_extractor.cpp)
