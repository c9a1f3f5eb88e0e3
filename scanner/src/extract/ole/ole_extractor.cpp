// SPDX-License-Identifier: Apache-2.0
// Placeholder until the OLE2 extractors land (issue 3): compound files are reported unsupported.
#include "extract/extractors.h"

namespace jamul::scanner::extract {

ExtractStatus extractOle(const Document&, TextSink&, ExtractContext&) {
  return ExtractStatus::unsupported("ole2 file: no extractor for this format yet");
}

}  // namespace jamul::scanner::extract
