// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the PowerPoint record walker (pptDocumentText) on raw bytes, i.e. the
// contents of a "PowerPoint Document" stream (tests/support/fuzz_support.h runs it).
#include "extract/ole/ppt_extractor.h"
#include "support/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using jamul::scanner::extract::ole::pptDocumentText;
  return jamul::testing::fuzzStreamParser(pptDocumentText, data, size);
}
