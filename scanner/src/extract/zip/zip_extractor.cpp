// SPDX-License-Identifier: Apache-2.0
// Placeholder until the ZIP extractors land (issue 3): archives are reported unsupported.
#include "extract/extractors.h"

namespace jamul::scanner::extract {

ExtractStatus extractZip(const Document&, TextSink&, ExtractContext&) {
  return ExtractStatus::unsupported("zip file: no extractor for this format yet");
}

}  // namespace jamul::scanner::extract
