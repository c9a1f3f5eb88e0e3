// SPDX-License-Identifier: Apache-2.0
// Placeholder until the PDF extractor lands (issue 3).
#include "extract/extractors.h"

namespace jamul::scanner::extract {

ExtractStatus extractPdf(const Document&, TextSink&, ExtractContext&) {
  return ExtractStatus::unsupported("pdf file: no extractor for this format yet");
}

}  // namespace jamul::scanner::extract
