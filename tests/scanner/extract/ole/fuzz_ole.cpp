// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for extractOle() (HWP 5.0 and the other OLE2 formats) with small limits, so a
// bomb shows up as kTooLarge quickly rather than as a slow input.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "extract/ole/hwp_extractor.h"
#include "support/collecting_sink.h"
#include "support/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jamul::scanner::extract;
  const std::string_view bytes = jamul::testing::fuzzBytes(data, size);
  ExtractLimits limits = jamul::testing::fuzzLimits();
  limits.max_depth = 1;  // OLE objects nest rarely; keep each run short
  ExtractContext ctx = jamul::testing::fuzzContext(limits);
  jamul::testing::CollectingSink sink;
  (void)extractOle({bytes, "fuzz"}, sink, ctx);
  jamul::testing::fuzzCheckRun(sink);
  // The record parser on its own, for inputs that are not compound files.
  std::string text;
  (void)ole::hwpSectionText(bytes, text);
  return 0;
}
