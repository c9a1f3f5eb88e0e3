// SPDX-License-Identifier: Apache-2.0
#pragma once

// extraction.h for Boost.Test cases: the same runs with the extractor contract (extractor.h)
// checked on each, so that no test forgets it: checkedExtraction() and checkedDispatch() check that
// a part is begun before any text is appended.

#include <boost/test/unit_test.hpp>
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

inline Extraction checkedDispatch(std::string_view bytes, std::string_view name,
                                  const scanner::extract::ExtractLimits& limits = {}) {
  return checkedExtraction(&scanner::extract::extractDocument, bytes, name, limits);
}

}  // namespace jamul::testing
