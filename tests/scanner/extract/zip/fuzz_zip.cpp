// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for extractZip(): the archive reader, the format detection and every XML format
// behind it, with small limits so a bomb is found quickly and the fuzzer does not OOM. Built by the
// fuzz preset (tests/fuzz/); tests/support/fuzz_support.h runs it and checks the run.
#include "extract/extractors.h"
#include "support/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using jamul::scanner::extract::extractZip;
  return jamul::testing::fuzzExtractor(extractZip, "fuzz.zip", data, size);
}
