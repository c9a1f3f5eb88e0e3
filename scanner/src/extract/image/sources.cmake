# SPDX-License-Identifier: Apache-2.0
# Sources and private dependencies of the image (OCR) extractor (included by scanner/CMakeLists.txt).
# Tesseract: Debian libtesseract-dev (+ tesseract-ocr-kor, tesseract-ocr-eng at run time);
# Leptonica: Debian libleptonica-dev.
find_package(PkgConfig REQUIRED)
pkg_check_modules(JAMUL_TESSERACT REQUIRED IMPORTED_TARGET tesseract)
pkg_check_modules(JAMUL_LEPTONICA REQUIRED IMPORTED_TARGET lept)
target_sources(jamul_scanner PRIVATE ${CMAKE_CURRENT_LIST_DIR}/image_extractor.cpp
                                     ${CMAKE_CURRENT_LIST_DIR}/image_header.cpp)
target_link_libraries(jamul_scanner PRIVATE PkgConfig::JAMUL_TESSERACT PkgConfig::JAMUL_LEPTONICA)
