// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for extractZip(): the archive reader, the format detection and every XML
// format behind it, with small limits so a bomb is found quickly and the fuzzer does not OOM.
// Built by the fuzz preset (tests/fuzz/).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "support/collecting_sink.h"
#include "support/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jamul::scanner::extract;
  ExtractContext ctx = jamul::testing::fuzzContext();
  jamul::testing::CollectingSink sink;
  const std::string_view bytes = jamul::testing::fuzzBytes(data, size);
  (void)extractZip({bytes, "fuzz.zip"}, sink, ctx);
  return 0;
}
