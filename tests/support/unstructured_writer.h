// SPDX-License-Identifier: Apache-2.0
#pragma once

// UnstructuredWriter: appends text to an UnstructuredDocument and records the truth and negative
// spans it writes with their byte offsets, so that the corpus never computes an offset by hand.
// Internal to tests/support (unstructured_corpus.cpp, unstructured_negatives.cpp).
//
// Thread-safety: none; it writes into one document.

#include <string>
#include <string_view>
#include <utility>

#include "support/unstructured_corpus.h"

namespace jamul::test::unstructured {

class UnstructuredWriter {
 public:
  explicit UnstructuredWriter(UnstructuredDocument& doc) : doc_(doc) {}

  void text(std::string_view s) { doc_.text += s; }
  void truth(scanner::RuleId rule, std::string_view s, std::string key) {
    doc_.truth.push_back({rule, doc_.text.size(), std::string(s), std::move(key)});
    doc_.text += s;
  }
  void negative(std::string_view kind, std::string_view s) {
    doc_.negatives.push_back({std::string(kind), doc_.text.size(), std::string(s)});
    doc_.text += s;
  }
  // Ends the line.
  void line() { doc_.text += '\n'; }
  // Ends the block (a record of the form and prose layouts): the next text starts after a blank
  // line.
  void block() {
    if (doc_.text.empty()) return;
    if (!doc_.text.ends_with('\n')) doc_.text += '\n';
    if (!doc_.text.ends_with("\n\n")) doc_.text += '\n';
  }
  std::size_t size() const { return doc_.text.size(); }

 private:
  UnstructuredDocument& doc_;
};

}  // namespace jamul::test::unstructured
