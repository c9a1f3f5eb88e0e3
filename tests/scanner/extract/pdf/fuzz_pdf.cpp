// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the PDF extractor itself (extractPdfDirect(), linked in, not the module):
// any bytes, small budgets; nested documents (PDF attachments) go back through the dispatcher (a
// nested PDF then meets the module loader, which finds no module beside the harness: an error).
// Built by the fuzz preset (tests/fuzz/).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "extract/pdf_ocr/pdf_ocr_module.h"
#include "support/collecting_sink.h"
#include "support/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jamul::scanner::extract;
  ExtractContext ctx = jamul::testing::fuzzContext();
  jamul::testing::CollectingSink sink;
  const std::string_view bytes = jamul::testing::fuzzBytes(data, size);
  (void)extractPdfDirect({bytes, "fuzz.pdf"}, sink, ctx);
  return 0;
}
