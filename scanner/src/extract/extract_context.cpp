// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <string>

#include "extract/extractor.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::extract {
namespace {

int severity(FileStatus s) {
  switch (s) {
    case FileStatus::kOk:
    case FileStatus::kUnsupported:
    case FileStatus::kEncrypted:  // an age member: encrypted already, nothing to say of it
    case FileStatus::kSkipped:
      return 0;
    case FileStatus::kProtected:
      return 1;
    case FileStatus::kTooLarge:
      return 2;
    case FileStatus::kCorrupt:
      return 3;
    case FileStatus::kError:
      return 4;
  }
  return 4;
}

// Prefixes every part's location with the member's path, so that a finding in a nested document
// reads "a.zip!/b/c.xlsx!Sheet1!C7".
class PrefixSink final : public TextSink {
 public:
  PrefixSink(std::string_view prefix, TextSink& inner) : prefix_(prefix), inner_(inner) {}
  void beginPart(std::string_view location, PartKind kind) override {
    location_.assign(prefix_);
    if (!location.empty()) {
      location_ += '!';
      location_ += location;
    }
    inner_.beginPart(location_, kind);
  }
  void append(std::string_view utf8) override { inner_.append(utf8); }

 private:
  std::string_view prefix_;
  TextSink& inner_;
  std::string location_;
};

}  // namespace

ExtractContext::ExtractContext(ExtractLimits limits, Dispatch dispatch)
    : limits_(limits),
      dispatch_(std::move(dispatch)),
      deadline_(std::chrono::steady_clock::now() + limits.time_budget) {}

bool ExtractContext::expired() const {
  return std::chrono::steady_clock::now() >= deadline_ ||
         (limits_.stop != nullptr && limits_.stop->load(std::memory_order_relaxed));
}

bool ExtractContext::chargeExpanded(std::uint64_t bytes) {
  expanded_ += bytes;
  return expanded_ <= limits_.max_expanded_bytes;
}

bool ExtractContext::chargeEntry() { return ++entries_ <= limits_.max_entries; }

void ExtractContext::setFormat(std::string_view format) {
  if (depth_ == 0 && format_.empty()) format_ = std::string(format);
}

ExtractStatus ExtractContext::nested(std::string_view location, const Document& member,
                                     TextSink& sink) {
  if (depth_ >= limits_.max_depth)
    return ExtractStatus::tooLarge("nested deeper than " + std::to_string(limits_.max_depth) +
                                   " levels");
  if (expired()) return ExtractStatus::tooLarge("time budget spent");
  PrefixSink prefixed(location, sink);
  ++depth_;
  ExtractStatus status = dispatch_(member, prefixed, *this);
  --depth_;
  return status;
}

void foldStatus(ExtractStatus& into, const ExtractStatus& from) {
  if (severity(from.status) > severity(into.status)) into = from;
}

ExtractStatus partStatus(std::string_view part, ExtractStatus status) {
  if (!status.isOk() && status.status != FileStatus::kUnsupported)
    status.detail = std::string(part) + ": " + status.detail;
  return status;
}

std::string detailName(std::string_view name) {
  std::size_t cut = std::min<std::size_t>(name.size(), 80);
  while (cut > 0 && cut < name.size() &&
         utf8::isContinuation(static_cast<unsigned char>(name[cut])))
    --cut;
  std::string out = utf8::toValidLossy(name.substr(0, cut));
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  return out;
}

}  // namespace jamul::scanner::extract
