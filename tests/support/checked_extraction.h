// SPDX-License-Identifier: Apache-2.0
#pragma once

// extraction.h for Boost.Test cases: the same runs with the extractor contract (extractor.h)
// checked on each, so that no test forgets it:
//   - checkedExtraction(), CheckedExtractorUnderTest: a part is begun before any text is
//     appended;
//   - checkedBrokenRun(): for a run on broken input (cut short, garbled), also that it returned
//     within a second, wrote no more text than its input could hold, and kept the document's text
//     out of the status detail. A "never crash" test built on it can fail.

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <string_view>

#include "support/extraction.h"

namespace jamul::testing {

inline Extraction checkedExtraction(Extractor extractor, std::string_view bytes,
                                    std::string_view name,
                                    const scanner::extract::ExtractLimits& limits = {}) {
  Extraction out = extractWith(extractor, bytes, name, limits);
  BOOST_TEST(!out.sink.appended_before_part, name << ": text appended before any part");
  return out;
}

// ExtractorUnderTest with the check above on every run.
struct CheckedExtractorUnderTest : ExtractorUnderTest {
  using ExtractorUnderTest::ExtractorUnderTest;

  Extraction operator()(std::string_view bytes,
                        const scanner::extract::ExtractLimits& limits = {}) const {
    return checkedExtraction(extractor, bytes, name, limits);
  }
};

// Runs `extract(sink, ctx)` (a call of an extractor or stream parser on `input_size` bytes of
// broken input) with default limits and checks what holds for any input:
//   - it returns within a second (these inputs are a few KiB; the time budget is 60 s);
//   - a part comes before the text;
//   - at most 3 bytes of UTF-8 per input byte (UTF-16 and the 8-bit and CP949 code pages never
//     grow more), plus 64 per part for the labels an extractor adds ("Subject: ");
//   - the status detail does not hold `secret`, a value of the intact document.
// `what` names the input in failure messages.
template <typename Extract>
Extraction checkedBrokenRun(Extract&& extract, std::size_t input_size, std::string_view secret,
                            const std::string& what) {
  Extraction out;
  scanner::extract::ExtractContext ctx = dispatchingContext();
  const auto started = std::chrono::steady_clock::now();
  out.status = extract(out.sink, ctx);
  const auto took = std::chrono::steady_clock::now() - started;
  out.format = ctx.format();
  BOOST_TEST(took < std::chrono::seconds(1),
             what << ": took " << std::chrono::duration<double>(took).count() << " s");
  BOOST_TEST(!out.sink.appended_before_part, what << ": text appended before any part");
  const std::size_t text = out.sink.allText().size();
  BOOST_TEST(text <= 3 * input_size + 64 * out.sink.parts.size(),
             what << ": " << text << " bytes of text from " << input_size << " bytes");
  BOOST_TEST(out.status.detail.find(secret) == std::string::npos,
             what << ": document text in the detail: " << out.status.detail);
  return out;
}

}  // namespace jamul::testing
