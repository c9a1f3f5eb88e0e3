// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the PDF extractor itself (extractPdfDirect(), linked in, not the module):
// any bytes, small budgets; nested documents (PDF attachments) go back through the dispatcher (a
// nested PDF then meets the module loader, which finds no module beside the harness: an error).
// Built by the fuzz preset (tests/fuzz/); tests/support/fuzz_support.h runs it and checks the run.
#include "extract/pdf_ocr/pdf_ocr_module.h"
#include "support/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using jamul::scanner::extract::extractPdfDirect;
  return jamul::testing::fuzzExtractor(extractPdfDirect, "fuzz.pdf", data, size);
}
