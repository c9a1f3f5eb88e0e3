// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the BIFF5/BIFF8 record parser (xlsWorkbookText) on raw bytes, i.e. the
// contents of a Workbook stream (tests/support/fuzz_support.h runs it).
#include "extract/ole/xls_extractor.h"
#include "support/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using jamul::scanner::extract::ole::xlsWorkbookText;
  return jamul::testing::fuzzStreamParser(xlsWorkbookText, data, size);
}
