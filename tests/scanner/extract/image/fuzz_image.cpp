// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the image extractor: the header reader on every input, then
// extractImageDirect() with OCR on under small limits (pages over 1 MP are refused through the
// expansion budget, one second per input), so the fuzzer spends its time in the header walk and
// Leptonica's decoders rather than in Tesseract. Built by the fuzz preset (tests/fuzz/).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extractors.h"
#include "extract/image/image_header.h"
#include "extract/pdf_ocr/pdf_ocr_module.h"
#include "support/collecting_sink.h"
#include "support/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jamul::scanner::extract;
  const std::string_view bytes = jamul::testing::fuzzBytes(data, size);
  (void)readImageHeader(bytes);

  ExtractLimits limits;
  limits.ocr = true;
  limits.time_budget = std::chrono::milliseconds(1000);
  limits.max_expanded_bytes = 4u << 20;
  ExtractContext ctx(limits, [](const Document&, TextSink&, ExtractContext&) {
    return ExtractStatus::unsupported("no nesting in images");
  });
  jamul::testing::CollectingSink sink;
  (void)extractImageDirect({bytes, "fuzz"}, sink, ctx);
  jamul::testing::fuzzCheckRun(sink);
  return 0;
}
