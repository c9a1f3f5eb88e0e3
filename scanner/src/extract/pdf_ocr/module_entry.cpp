// SPDX-License-Identifier: Apache-2.0
// The one symbol libjamul-pdf-ocr.so exports (pdf_ocr_module.h); everything else in the module is
// hidden (-fvisibility=hidden).
#include "extract/pdf_ocr/pdf_ocr_module.h"

namespace {

constexpr jamul::scanner::extract::PdfOcrEntryPoints kEntryPoints = {
    jamul::scanner::extract::kPdfOcrAbi,
    jamul::scanner::extract::pdfOcrLayout(),
    &jamul::scanner::extract::extractPdfDirect,
    &jamul::scanner::extract::extractImageDirect,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const jamul::scanner::extract::PdfOcrEntryPoints*
jamul_pdf_ocr_entry_points() {
  return &kEntryPoints;
}
