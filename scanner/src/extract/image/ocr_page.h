// SPDX-License-Identifier: Apache-2.0
#pragma once

// ocrGrayPage(): OCR of one page given as 8-bit grey pixels, for extractors that render pages
// themselves (a scanned PDF has pages but no text layer). The same engine, preparation and budget
// checks as extractImage(); the text goes to `sink` as one kOcrLines part named `location`.
//
// REQUIRES: ctx.limits().ocr (the caller decides; this does not check), `pixels` holds `height`
// rows of `stride` bytes each, `stride >= width`. Returns ok, kTooLarge (time budget spent), or
// kError (language data missing, out of memory, OCR failure). Thread-safety: as extractImage().

#include <cstdint>
#include <string_view>

#include "extract/extractor.h"

namespace jamul::scanner::extract {

ExtractStatus ocrGrayPage(const std::uint8_t* pixels, int width, int height, int stride, int dpi,
                          std::string_view location, TextSink& sink, ExtractContext& ctx);

}  // namespace jamul::scanner::extract
