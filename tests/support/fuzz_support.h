// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the libFuzzer harnesses (tests/scanner/**/fuzz_*.cpp, built by tests/fuzz/) share: small
// budgets, so that a bomb is found quickly and the fuzzer never runs out of memory; an
// ExtractContext whose nested documents go back through the real dispatcher (extraction.h);
// crashing on a broken promise, which is how a harness reports one (libFuzzer keeps the input),
// and the promise every extractor run keeps; the whole body of a harness for a document
// extractor and for a parser of one OLE stream.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extract/extractor.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"

namespace jamul::testing {

inline scanner::extract::ExtractLimits fuzzLimits() {
  scanner::extract::ExtractLimits limits;
  limits.max_depth = 2;
  limits.max_entries = 200;
  limits.max_expanded_bytes = 16u << 20;
  limits.max_member_bytes = 4u << 20;
  limits.time_budget = std::chrono::milliseconds(2000);
  return limits;
}

inline scanner::extract::ExtractContext fuzzContext(
    const scanner::extract::ExtractLimits& limits = fuzzLimits()) {
  return dispatchingContext(limits);
}

inline std::string_view fuzzBytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Crashes (so that libFuzzer saves the input) when `promise` is false.
inline void fuzzCheck(bool promise) {
  if (!promise) __builtin_trap();
}

// What holds for any run of an extractor or stream parser, whatever its input (extractor.h): a
// part is begun before any text is appended.
inline void fuzzCheckRun(const CollectingSink& sink) { fuzzCheck(!sink.appended_before_part); }

// The whole body of a document extractor's harness: `extract` over the input as the file `name`
// under fuzzLimits(), nested documents through the dispatcher; the run is checked.
inline int fuzzExtractor(Extractor extract, std::string_view name, const std::uint8_t* data,
                         std::size_t size) {
  scanner::extract::ExtractContext ctx = fuzzContext();
  CollectingSink sink;
  (void)extract({fuzzBytes(data, size), name}, sink, ctx);
  fuzzCheckRun(sink);
  return 0;
}

// A parser of the bytes of one OLE stream (a Workbook stream, a "PowerPoint Document" stream):
// no compound file around it, so nothing nests.
using StreamParser = scanner::extract::ExtractStatus (*)(std::string_view,
                                                         scanner::extract::TextSink&,
                                                         scanner::extract::ExtractContext&);

// The whole body of a stream parser's harness: `parse` over the input under fuzzLimits(), which
// must begin a part before it appends text.
inline int fuzzStreamParser(StreamParser parse, const std::uint8_t* data, std::size_t size) {
  scanner::extract::ExtractContext ctx(fuzzLimits(), nullptr);
  CollectingSink sink;
  (void)parse(fuzzBytes(data, size), sink, ctx);
  fuzzCheckRun(sink);
  return 0;
}

}  // namespace jamul::testing
