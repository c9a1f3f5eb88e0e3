// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the BIFF5/BIFF8 record parser (xlsWorkbookText) on raw bytes, i.e. the
// contents of a Workbook stream, with small limits.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extractor.h"
#include "extract/ole/xls_extractor.h"
#include "support/collecting_sink.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jamul::scanner::extract;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ExtractLimits limits;
  limits.max_member_bytes = 4 << 20;
  limits.time_budget = std::chrono::milliseconds(2000);
  ExtractContext ctx(limits, nullptr);
  jamul::testing::CollectingSink sink;
  (void)ole::xlsWorkbookText(bytes, sink, ctx);
  return 0;
}
