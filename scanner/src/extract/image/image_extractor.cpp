// SPDX-License-Identifier: Apache-2.0
// Placeholder until OCR lands (issue 3): images are reported unsupported.
#include "extract/extractors.h"

namespace jamul::scanner::extract {

ExtractStatus extractImage(const Document&, TextSink&, ExtractContext& ctx) {
  return ExtractStatus::unsupported(ctx.limits().ocr ? "image: no OCR engine yet"
                                                     : "image: OCR is off");
}

}  // namespace jamul::scanner::extract
