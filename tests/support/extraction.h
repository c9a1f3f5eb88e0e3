// SPDX-License-Identifier: Apache-2.0
#pragma once

// Running an extractor the way the scanner does, for the extractor tests and the fuzz harnesses
// (issue 14: one helper instead of a dispatcher lambda pasted into every test file):
//   - dispatchingContext(limits): an ExtractContext whose nested documents (archive members, mail
//     attachments, embedded objects) go back through the real dispatcher, extractDocument(), as
//     in FileScanner;
//   - extractWith(extractor, bytes, name, limits): one extractor run on `bytes` with such a
//     context; the parts it wrote are collected (CollectingSink), its status and the format it
//     named (ExtractContext::format()) kept;
//   - extractWithDispatcher(bytes, name, limits): the same through extractDocument() itself;
//   - ExtractorUnderTest: an extractor and a file name, for a test's run(bytes, limits).
// Checks of the sink's contract (a part before any text) stay with the caller, which knows
// whether it runs under Boost.Test or libFuzzer.
//
// For executables that see scanner/src (the scanner tests, the fuzz harnesses). Values only; no
// state is shared between calls.

#include <string>
#include <string_view>

#include "extract/document_extractor.h"
#include "extract/extractor.h"
#include "support/collecting_sink.h"

namespace jamul::testing {

inline scanner::extract::ExtractContext dispatchingContext(
    const scanner::extract::ExtractLimits& limits = {}) {
  using namespace scanner::extract;
  return ExtractContext(limits, [](const Document& doc, TextSink& sink, ExtractContext& ctx) {
    return extractDocument(doc, sink, ctx);
  });
}

// What one extraction gave.
struct Extraction {
  scanner::extract::ExtractStatus status;
  CollectingSink sink;
  std::string format;  // the format the extractor named, or "" if it named none

  // The text of the first part, or "" when there is none.
  std::string text() const { return sink.parts.empty() ? std::string() : sink.parts[0].text; }
  // The text of the first part at `location`, or "<none>" when there is no such part.
  std::string part(std::string_view location) const {
    const CollectedPart* p = sink.part(location);
    return p == nullptr ? "<none>" : p->text;
  }
};

// An extractor of a whole document: extractDocument() or one of extract/extractors.h.
using Extractor = scanner::extract::ExtractStatus (*)(const scanner::extract::Document&,
                                                      scanner::extract::TextSink&,
                                                      scanner::extract::ExtractContext&);

inline Extraction extractWith(Extractor extractor, std::string_view bytes, std::string_view name,
                              const scanner::extract::ExtractLimits& limits = {}) {
  Extraction out;
  scanner::extract::ExtractContext ctx = dispatchingContext(limits);
  out.status = extractor({bytes, name}, out.sink, ctx);
  out.format = ctx.format();
  return out;
}

// An extractor and the file name its test gives every document, called like a function:
//   const testing::ExtractorUnderTest run{extractRtf, "t.rtf"};  ...  run(bytes, limits)
struct ExtractorUnderTest {
  ExtractorUnderTest(Extractor e, std::string_view n) : extractor(e), name(n) {}

  Extraction operator()(std::string_view bytes,
                        const scanner::extract::ExtractLimits& limits = {}) const {
    return extractWith(extractor, bytes, name, limits);
  }

  Extractor extractor;
  std::string_view name;  // a view: give it a literal
};

inline Extraction extractWithDispatcher(std::string_view bytes, std::string_view name,
                                        const scanner::extract::ExtractLimits& limits = {}) {
  return extractWith(&scanner::extract::extractDocument, bytes, name, limits);
}

}  // namespace jamul::testing
