// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the Word FIB / piece-table parser (docText): the input is split in two
// at its first 2 bytes' offset into a WordDocument stream and a table stream, with small limits.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extractor.h"
#include "extract/ole/doc_extractor.h"
#include "support/collecting_sink.h"
#include "support/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jamul::scanner::extract;
  if (size < 2) return 0;
  const std::string_view bytes = jamul::testing::fuzzBytes(data + 2, size - 2);
  const std::size_t split =
      std::min<std::size_t>(bytes.size(), std::size_t{data[0]} << 8 | data[1]);
  ExtractContext ctx(jamul::testing::fuzzLimits(), nullptr);
  jamul::testing::CollectingSink sink;
  (void)ole::docText(bytes.substr(0, split), bytes.substr(split), sink, ctx);
  jamul::testing::fuzzCheckRun(sink);
  return 0;
}
