// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for extractRtf(): any bytes, small budgets; nested documents go back through
// the dispatcher. Built by the fuzz preset (tests/fuzz/); tests/support/fuzz_support.h runs it and
// checks the run.
#include "extract/extractors.h"
#include "support/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using jamul::scanner::extract::extractRtf;
  return jamul::testing::fuzzExtractor(extractRtf, "fuzz.rtf", data, size);
}
