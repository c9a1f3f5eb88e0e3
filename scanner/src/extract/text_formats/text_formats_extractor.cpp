// SPDX-License-Identifier: Apache-2.0
// Placeholders until the RTF, markup and mail extractors land (issue 3).
#include "extract/extractors.h"

namespace jamul::scanner::extract {

ExtractStatus extractRtf(const Document&, TextSink&, ExtractContext&) {
  return ExtractStatus::unsupported("rtf file: no extractor for this format yet");
}
ExtractStatus extractMarkup(const Document&, TextSink&, ExtractContext&) {
  return ExtractStatus::unsupported("markup file: no extractor for this format yet");
}
ExtractStatus extractEml(const Document&, TextSink&, ExtractContext&) {
  return ExtractStatus::unsupported("mail file: no extractor for this format yet");
}

}  // namespace jamul::scanner::extract
