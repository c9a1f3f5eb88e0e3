// SPDX-License-Identifier: Apache-2.0
#pragma once

// CollectingSink: a TextSink for extractor tests; keeps every part with its location, kind and
// text, so a test can assert what was extracted and where.

#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.h"

namespace jamul::testing {

struct CollectedPart {
  std::string location;
  scanner::extract::PartKind kind = scanner::extract::PartKind::kParagraphs;
  std::string text;
};

class CollectingSink final : public scanner::extract::TextSink {
 public:
  void beginPart(std::string_view location, scanner::extract::PartKind kind) override {
    parts.push_back({std::string(location), kind, {}});
  }
  void append(std::string_view utf8) override {
    if (parts.empty()) {
      appended_before_part = true;
      parts.push_back({});
    }
    parts.back().text.append(utf8);
  }

  // Every part's text, joined by '\n'.
  std::string allText() const {
    std::string all;
    for (const CollectedPart& p : parts) {
      all += p.text;
      all += '\n';
    }
    return all;
  }
  // The first part whose location is `location`, or nullptr.
  const CollectedPart* part(std::string_view location) const {
    for (const CollectedPart& p : parts)
      if (p.location == location) return &p;
    return nullptr;
  }

  std::vector<CollectedPart> parts;
  bool appended_before_part = false;  // a contract violation the tests check for
};

}  // namespace jamul::testing
