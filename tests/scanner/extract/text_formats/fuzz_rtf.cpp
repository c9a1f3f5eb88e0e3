// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for extractRtf(): any bytes, small budgets; nested documents go back
// through the dispatcher. Built by the clang fuzzing job, not by CMake here.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "support/collecting_sink.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jamul::scanner::extract;
  ExtractLimits limits;
  limits.max_depth = 2;
  limits.max_entries = 16;
  limits.max_expanded_bytes = 8u << 20;
  limits.max_member_bytes = 4u << 20;
  limits.time_budget = std::chrono::milliseconds(2000);
  ExtractContext ctx(limits, [](const Document& d, TextSink& s, ExtractContext& c) {
    return extractDocument(d, s, c);
  });
  jamul::testing::CollectingSink sink;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)extractRtf({bytes, "fuzz.rtf"}, sink, ctx);
  return 0;
}
