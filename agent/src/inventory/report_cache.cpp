// SPDX-License-Identifier: Apache-2.0
#include "inventory/report_cache.h"

#include <cstdint>
#include <cstring>
#include <optional>

namespace jamul::agent {
namespace {

// 2: a basis byte after each finding's confidence. A cache of version 1 is refused whole (read as
// 2 it would shift every field), so its row is read from the findings table instead, where the
// migration to schema 7 left basis 0 ("unknown").
constexpr std::uint8_t kFormatVersion = 2;

void putVarint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void putBytes(std::string& out, std::string_view bytes) {
  putVarint(out, bytes.size());
  out.append(bytes);
}

// Reads from a cache that may be damaged: every read checks what is left.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  std::optional<std::uint64_t> varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return std::nullopt;
      const auto b = static_cast<std::uint8_t>(in_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    return std::nullopt;
  }
  std::optional<std::uint8_t> byte() {
    if (pos_ >= in_.size()) return std::nullopt;
    return static_cast<std::uint8_t>(in_[pos_++]);
  }
  std::optional<std::string_view> bytes(std::uint64_t n) {
    if (n > in_.size() - pos_) return std::nullopt;
    const std::string_view out = in_.substr(pos_, static_cast<std::size_t>(n));
    pos_ += static_cast<std::size_t>(n);
    return out;
  }
  std::optional<std::string_view> sized() {
    const auto n = varint();
    if (!n) return std::nullopt;
    return bytes(*n);
  }
  bool atEnd() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

std::optional<scanner::Confidence> confidenceAt(std::optional<std::uint8_t> index) {
  if (!index || *index >= scanner::kConfidenceCount) return std::nullopt;
  return scanner::confidenceFromIndex(*index);
}

bool decodeInto(Reader& in, bool truncated, scanner::FileReport& report) {
  const auto version = in.byte();
  if (!version || *version != kFormatVersion) return false;
  const auto findings = in.varint();
  if (!findings) return false;
  for (std::uint64_t i = 0; i < *findings; ++i) {
    const auto rule_name = in.sized();
    const auto confidence = confidenceAt(in.byte());
    const auto basis = in.byte();
    const auto count = in.varint();
    const auto offset = in.varint();
    const auto location = in.sized();
    const auto masked = in.sized();
    const auto digest = in.bytes(ValueDigest().size());
    if (!rule_name || !confidence || !basis || !count || !offset || !location || !masked ||
        !digest)
      return false;
    const auto rule = scanner::ruleFromName(*rule_name);
    if (!rule) continue;  // a rule this version does not know
    scanner::FindingSummary& f = report.findings.emplace_back();
    f.rule = *rule;
    f.confidence = *confidence;
    f.count = *count;
    f.offset = *offset;
    f.location = *location;
    f.masked = *masked;
    std::memcpy(f.digest.data(), digest->data(), f.digest.size());
    f.basis = *basis;
    if (!truncated) report.counts[scanner::ruleIndex(f.rule)][scanner::confidenceIndex(f.confidence)] += f.count;
  }
  const auto counts = in.varint();
  if (!counts) return false;
  for (std::uint64_t i = 0; i < *counts; ++i) {
    const auto rule_name = in.sized();
    const auto confidence = confidenceAt(in.byte());
    const auto n = in.varint();
    if (!rule_name || !confidence || !n) return false;
    if (const auto rule = scanner::ruleFromName(*rule_name))
      report.counts[scanner::ruleIndex(*rule)][scanner::confidenceIndex(*confidence)] = *n;
  }
  // Without its exact counts a truncated report would under-count: such a cache is unreadable.
  if (truncated && *counts == 0) return false;
  return in.atEnd();
}

}  // namespace

std::string encodeReportCache(const scanner::FileReport& report) {
  std::string out;
  out.reserve(16 + report.findings.size() * 64);
  out.push_back(static_cast<char>(kFormatVersion));
  putVarint(out, report.findings.size());
  for (const scanner::FindingSummary& f : report.findings) {
    putBytes(out, scanner::ruleName(f.rule));
    out.push_back(static_cast<char>(scanner::confidenceIndex(f.confidence)));
    out.push_back(static_cast<char>(f.basis));
    putVarint(out, f.count);
    putVarint(out, f.offset);
    putBytes(out, f.location);
    putBytes(out, f.masked);
    out.append(reinterpret_cast<const char*>(f.digest.data()), f.digest.size());
  }
  // Exact counts only where the findings do not add up to them.
  std::string counts;
  std::uint64_t n = 0;
  if (report.findings_truncated) {
    for (scanner::RuleId rule : scanner::kAllRules) {
      for (std::size_t c = 0; c < scanner::kConfidenceCount; ++c) {
        const std::uint64_t occurrences = report.counts[scanner::ruleIndex(rule)][c];
        if (occurrences == 0) continue;
        putBytes(counts, scanner::ruleName(rule));
        counts.push_back(static_cast<char>(c));
        putVarint(counts, occurrences);
        ++n;
      }
    }
  }
  putVarint(out, n);
  out += counts;
  return out;
}

bool decodeReportCache(std::string_view cache, bool truncated, scanner::FileReport& report) {
  report.findings.clear();
  report.counts = {};
  Reader in(cache);
  if (decodeInto(in, truncated, report)) return true;
  report.findings.clear();
  report.counts = {};
  return false;
}

}  // namespace jamul::agent
