# SPDX-License-Identifier: Apache-2.0
# The PDF and image (OCR) extractors, built as the module libjamul-pdf-ocr.so that the scanner loads
# on first use (pdf_ocr_module.h), so that poppler's and Tesseract's fifty shared libraries are not
# loaded by every jamul process (included by scanner/CMakeLists.txt).
#   jamul_pdf_ocr_objects  the extractors (fuzz harnesses link these directly)
#   jamul_pdf_ocr          the module: those objects, the entry point, and its own copy of the few
#                          scanner and common sources they call (ExtractContext, Error, utf8)
#   jamul_scanner          gets module_loader.cpp, which finds and loads the module
# poppler-cpp: Debian libpoppler-cpp-dev; Tesseract: libtesseract-dev (+ tesseract-ocr-kor,
# tesseract-ocr-eng at run time); Leptonica: libleptonica-dev.
find_package(PkgConfig REQUIRED)
pkg_check_modules(JAMUL_POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(JAMUL_TESSERACT REQUIRED IMPORTED_TARGET tesseract)
pkg_check_modules(JAMUL_LEPTONICA REQUIRED IMPORTED_TARGET lept)
set(extract_dir ${CMAKE_CURRENT_LIST_DIR}/..)

add_library(jamul_pdf_ocr_objects OBJECT
  ${extract_dir}/pdf/pdf_extractor.cpp
  ${extract_dir}/image/image_extractor.cpp
  ${extract_dir}/image/image_header.cpp)
set_target_properties(jamul_pdf_ocr_objects PROPERTIES
  POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
target_include_directories(jamul_pdf_ocr_objects
  PUBLIC ${PROJECT_SOURCE_DIR}/scanner/src ${PROJECT_SOURCE_DIR}/scanner/include
         ${PROJECT_SOURCE_DIR}/common/include)
target_link_libraries(jamul_pdf_ocr_objects
  PUBLIC PkgConfig::JAMUL_POPPLER_CPP PkgConfig::JAMUL_TESSERACT PkgConfig::JAMUL_LEPTONICA
  PRIVATE jamul_settings)

add_library(jamul_pdf_ocr MODULE
  ${CMAKE_CURRENT_LIST_DIR}/module_entry.cpp
  ${extract_dir}/extract_context.cpp
  ${PROJECT_SOURCE_DIR}/common/src/error.cpp
  ${PROJECT_SOURCE_DIR}/common/src/utf8.cpp)
set_target_properties(jamul_pdf_ocr PROPERTIES
  OUTPUT_NAME jamul-pdf-ocr
  LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/lib/jamul
  POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
# The module's own definitions are bound to themselves. Every symbol is resolved at link time
# (nothing is taken from the program), except in sanitizer builds, whose runtime is the program's.
target_link_options(jamul_pdf_ocr PRIVATE -Wl,-Bsymbolic)
if(NOT JAMUL_SANITIZE AND NOT JAMUL_BUILD_FUZZERS)
  target_link_options(jamul_pdf_ocr PRIVATE -Wl,--no-undefined)
endif()
target_link_libraries(jamul_pdf_ocr PRIVATE jamul_pdf_ocr_objects jamul_settings)
install(TARGETS jamul_pdf_ocr LIBRARY DESTINATION lib/jamul)

target_sources(jamul_scanner PRIVATE ${CMAKE_CURRENT_LIST_DIR}/module_loader.cpp)
target_compile_definitions(jamul_scanner PRIVATE JAMUL_INSTALL_PREFIX="${CMAKE_INSTALL_PREFIX}")
target_link_libraries(jamul_scanner PRIVATE ${CMAKE_DL_LIBS})
# Whatever links the scanner may meet a PDF: build the module with it. (The fuzz harnesses link the
# extractors themselves and need no module.)
if(NOT JAMUL_BUILD_FUZZERS)
  add_dependencies(jamul_scanner jamul_pdf_ocr)
endif()
