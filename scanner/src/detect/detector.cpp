// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/detector.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "detect/candidate_windows.h"
#include "detect/keyword_index.h"
#include "detect/normalizer.h"
#include "detect/rule_logic.h"
#include "jamul/common/utf8.h"
#include "jamul/scanner/rule_catalog.h"

namespace jamul::scanner {

using detect::Candidate;
using detect::Evidence;
using detect::KeywordHit;
using detect::Span;

namespace {

// Context window for keywords: ±100 characters (DETECTION.md §2.4; Korean is dense, so Purview's 300
// would reach into unrelated fields).
constexpr int kContextChars = 100;
// A keyword this close before a value labels it ("주민번호: 900101-…").
constexpr int kDirectLabelChars = 12;
// A label right after a value, on the same line ("2401151234567 (주문번호)"), may name it; farther
// on, a negative label belongs to the next value.
constexpr int kTrailingLabelChars = 3;
// Keywords after a value are weaker evidence than labels before it: their distance counts double.
constexpr int afterDistance(int chars) { return chars * 2 + 4; }

std::size_t charsBack(std::string_view text, std::size_t from, int chars) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = from;
  while (i > 0 && chars > 0) {
    --i;
    if (!utf8::isContinuation(p[i])) --chars;
  }
  return i;
}

std::size_t charsForward(std::string_view text, std::size_t from, int chars) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t i = from;
  while (i < text.size() && chars > 0) {
    ++i;
    while (i < text.size() && utf8::isContinuation(p[i])) ++i;
    --chars;
  }
  return i;
}

int charCount(std::string_view text, std::size_t begin, std::size_t end) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  int n = 0;
  for (std::size_t i = begin; i < end; ++i) n += utf8::isContinuation(p[i]) ? 0 : 1;
  return n;
}

detect::CivilDate today(const DetectorOptions& options) {
  const auto now = std::chrono::year_month_day{
      std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  return {options.today_year.value_or(static_cast<int>(now.year())),
          options.today_month.value_or(static_cast<int>(static_cast<unsigned>(now.month()))),
          options.today_day.value_or(static_cast<int>(static_cast<unsigned>(now.day())))};
}

}  // namespace

class Detector::Impl {
 public:
  Impl(detect::CivilDate today, ValueHasher hasher) : logic_(today), hasher_(std::move(hasher)) {}

  Status compile();
  void detect(const TextWindow& window, std::vector<Match>& out);

 private:
  struct Pattern {
    RuleId rule;
    int variant;
    std::unique_ptr<RE2> regex;
  };
  struct HeaderContext {
    detect::KeywordClasses classes = 0;
    int bank = -1;
  };
  struct Scored {
    std::size_t index;  // into candidates_
    Confidence confidence;
    bool positive;
    int distance;
  };

  void collectCandidates(std::string_view text);
  void collectKeywords(std::string_view text);
  Evidence gatherEvidence(const Candidate& c, std::string_view text, const TextWindow& window);
  const HeaderContext& headerContext(std::string_view header);
  void resolveOverlaps(const std::vector<Scored>& scored, std::vector<Scored>& picked) const;

  detect::RuleLogic logic_;
  ValueHasher hasher_;
  std::vector<Pattern> patterns_;
  std::unique_ptr<RE2::Set> set_;
  std::unique_ptr<detect::KeywordIndex> keywords_;

  // Scratch, reused across calls.
  detect::Normalizer normalizer_;
  std::vector<Span> windows_;
  std::vector<int> set_hits_;
  std::vector<Candidate> candidates_;
  std::vector<KeywordHit> keyword_hits_;
  std::vector<KeywordHit> header_hits_;
  std::unordered_map<std::string, HeaderContext> header_cache_;
};

Status Detector::Impl::compile() {
  RE2::Options options;
  // Byte semantics over UTF-8 (see rule_catalog.h): ASCII classes stay ASCII, Hangul literals match
  // their bytes, and a window edge inside a character cannot make RE2 skip a match.
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_log_errors(false);
  options.set_max_mem(32 << 20);
  set_ = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
  for (const RuleInfo& rule : ruleCatalog()) {
    for (std::size_t v = 0; v < rule.patterns.size(); ++v) {
      const std::string pattern(rule.patterns[v]);
      auto regex = std::make_unique<RE2>(pattern, options);
      if (!regex->ok())
        return Error(ErrorCode::kInternal, std::string(ruleName(rule.id)) +
                                               " pattern does not compile: " + regex->error());
      std::string error;
      if (set_->Add(pattern, &error) != static_cast<int>(patterns_.size()))
        return Error(ErrorCode::kInternal, "RE2::Set rejected a pattern: " + error);
      patterns_.push_back({rule.id, static_cast<int>(v), std::move(regex)});
    }
  }
  if (!set_->Compile()) return Error(ErrorCode::kInternal, "RE2::Set does not compile");
  JAMUL_ASSIGN_OR_RETURN(keywords_, detect::KeywordIndex::create());
  return okStatus();
}

void Detector::Impl::collectCandidates(std::string_view text) {
  candidates_.clear();
  detect::findCandidateWindows(text, windows_);
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece groups[2];
  for (const Span& w : windows_) {
    set_hits_.clear();
    RE2::Set::ErrorInfo error;
    const re2::StringPiece window(text.data() + w.begin, w.end - w.begin);
    if (!set_->Match(window, &set_hits_, &error)) {
      if (error.kind == RE2::Set::kNoError) continue;  // nothing in this window
      // The DFA ran out of memory on a pathological window: try every pattern instead.
      set_hits_.clear();
      for (std::size_t i = 0; i < patterns_.size(); ++i) set_hits_.push_back(static_cast<int>(i));
    }
    for (int id : set_hits_) {
      const Pattern& p = patterns_[static_cast<std::size_t>(id)];
      std::size_t pos = w.begin;
      while (pos < w.end &&
             p.regex->Match(input, pos, w.end, RE2::UNANCHORED, groups, 2)) {
        const auto whole_end = static_cast<std::size_t>(groups[0].data() - text.data()) +
                               groups[0].size();
        const auto begin = static_cast<std::size_t>(groups[1].data() - text.data());
        const std::size_t end = begin + groups[1].size();
        pos = whole_end > pos ? whole_end : pos + 1;
        if (auto c = logic_.inspect(p.rule, p.variant, text, begin, end))
          candidates_.push_back(std::move(*c));
      }
    }
  }
  std::sort(candidates_.begin(), candidates_.end(),
            [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
}

void Detector::Impl::collectKeywords(std::string_view text) {
  keyword_hits_.clear();
  std::size_t region_begin = 0, region_end = 0;
  bool open = false;
  for (const Candidate& c : candidates_) {
    const std::size_t b = charsBack(text, c.begin, kContextChars);
    const std::size_t e = charsForward(text, c.end, kContextChars);
    if (open && b <= region_end) {
      region_end = std::max(region_end, e);
      continue;
    }
    if (open) keywords_->find(text, region_begin, region_end, keyword_hits_);
    region_begin = b;
    region_end = e;
    open = true;
  }
  if (open) keywords_->find(text, region_begin, region_end, keyword_hits_);
}

const Detector::Impl::HeaderContext& Detector::Impl::headerContext(std::string_view header) {
  auto it = header_cache_.find(std::string(header));
  if (it != header_cache_.end()) return it->second;
  if (header_cache_.size() > 4096) header_cache_.clear();  // bounded: headers repeat per table
  HeaderContext context;
  header_hits_.clear();
  keywords_->find(header, 0, header.size(), header_hits_);
  for (const KeywordHit& hit : header_hits_) {
    context.classes |= hit.classes;
    if (hit.bank >= 0 && context.bank < 0) context.bank = hit.bank;
  }
  return header_cache_.emplace(std::string(header), context).first->second;
}

Evidence Detector::Impl::gatherEvidence(const Candidate& c, std::string_view text,
                                        const TextWindow& window) {
  Evidence ev;
  const detect::KeywordClasses positive = detect::positiveBit(c.rule);
  const detect::KeywordClasses negative = detect::negativeBit(c.rule);
  int bank_distance = 1 << 20;

  // The column header is the strongest context in a table (DETECTION.md §2.4): distance 0.
  if (window.structure != nullptr) {
    const std::string_view header = window.structure->columnHeader(normalizer_.toOriginal(c.begin));
    if (!header.empty()) {
      const HeaderContext& h = headerContext(header);
      if (h.classes & positive) {
        ev.positive = ev.positive_direct = true;
        ev.positive_distance = 0;
      }
      if (h.classes & negative) {
        ev.negative = ev.negative_direct = true;
        ev.negative_distance = 0;
      }
      if (h.bank >= 0) {
        ev.bank = h.bank;
        bank_distance = 0;
      }
    }
  }

  const std::size_t lo = charsBack(text, c.begin, kContextChars);
  const std::size_t hi = charsForward(text, c.end, kContextChars);
  auto it = std::lower_bound(keyword_hits_.begin(), keyword_hits_.end(), lo,
                             [](const KeywordHit& h, std::size_t o) { return h.begin < o; });
  for (; it != keyword_hits_.end() && it->begin < hi; ++it) {
    const KeywordHit& hit = *it;
    if (hit.end > hi) break;
    if (hit.end > c.begin && hit.begin < c.end) continue;  // inside the candidate itself
    const bool before = hit.end <= c.begin;
    const int gap = before ? charCount(text, hit.end, c.begin) : charCount(text, c.end, hit.begin);
    const int distance = before ? gap : afterDistance(gap);
    const bool direct = before && distance <= kDirectLabelChars;
    if ((hit.classes & positive) && distance < ev.positive_distance) {
      ev.positive = true;
      ev.positive_distance = distance;
    }
    if (hit.classes & positive) ev.positive_direct |= direct;
    // A negative label after a value labels it only when it follows at once ("… (주문번호)");
    // otherwise it belongs to the next value (a form's next line, a table's next column).
    const bool labels_this =
        before || (gap <= kTrailingLabelChars &&
                   text.substr(c.end, hit.begin - c.end).find('\n') == std::string_view::npos);
    if ((hit.classes & negative) && labels_this && distance < ev.negative_distance) {
      ev.negative = true;
      ev.negative_distance = distance;
    }
    if ((hit.classes & negative) && labels_this) ev.negative_direct |= direct;
    if (hit.bank >= 0 && distance < bank_distance) {
      ev.bank = hit.bank;
      bank_distance = distance;
    }
  }
  // A negative label only labels the value directly if no keyword of the rule is as close.
  if (ev.negative_direct && ev.positive && ev.positive_distance <= ev.negative_distance)
    ev.negative_direct = false;
  return ev;
}

void Detector::Impl::resolveOverlaps(const std::vector<Scored>& scored,
                                     std::vector<Scored>& picked) const {
  // One identifier per span. Overlapping candidates form clusters (scored is in begin order); in each
  // cluster the best is kept: higher confidence, then own keyword present and nearer, then the more
  // specific rule, then the longer match.
  const auto better = [this](const Scored& a, const Scored& b) {
    const Candidate& ca = candidates_[a.index];
    const Candidate& cb = candidates_[b.index];
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    if (a.positive != b.positive) return a.positive;
    if (a.distance != b.distance) return a.distance < b.distance;
    const int pa = detect::RuleLogic::priority(ca.rule), pb = detect::RuleLogic::priority(cb.rule);
    if (pa != pb) return pa < pb;
    if (ca.end - ca.begin != cb.end - cb.begin) return ca.end - ca.begin > cb.end - cb.begin;
    return ca.begin < cb.begin;
  };
  std::size_t i = 0;
  std::vector<Scored> cluster;
  std::vector<Span> kept;
  while (i < scored.size()) {
    cluster.clear();
    std::size_t cluster_end = candidates_[scored[i].index].end;
    while (i < scored.size() && candidates_[scored[i].index].begin < cluster_end) {
      cluster_end = std::max(cluster_end, candidates_[scored[i].index].end);
      cluster.push_back(scored[i++]);
    }
    if (cluster.size() == 1) {
      picked.push_back(cluster.front());
      continue;
    }
    std::sort(cluster.begin(), cluster.end(), better);
    kept.clear();
    for (const Scored& s : cluster) {
      const Candidate& c = candidates_[s.index];
      const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const Span& k) {
        return c.begin < k.end && k.begin < c.end;
      });
      if (overlaps) continue;
      kept.push_back({c.begin, c.end});
      picked.push_back(s);
    }
  }
}

void Detector::Impl::detect(const TextWindow& window, std::vector<Match>& out) {
  const std::string_view text = normalizer_.normalize(window.text);
  collectCandidates(text);
  if (candidates_.empty()) return;
  collectKeywords(text);

  std::vector<Scored> scored;
  scored.reserve(candidates_.size());
  for (std::size_t i = 0; i < candidates_.size(); ++i) {
    const Candidate& c = candidates_[i];
    const Evidence ev = gatherEvidence(c, text, window);
    if (const auto confidence = logic_.score(c, ev))
      scored.push_back({i, *confidence, ev.positive, ev.positive_distance});
  }
  std::vector<Scored> picked;
  resolveOverlaps(scored, picked);
  std::sort(picked.begin(), picked.end(),  // candidates_ is in begin order
            [](const Scored& a, const Scored& b) { return a.index < b.index; });

  for (const Scored& s : picked) {
    const Candidate& c = candidates_[s.index];
    const std::size_t begin = normalizer_.toOriginal(c.begin);
    if (begin < window.report_begin || begin >= window.report_end) continue;
    Match m;
    m.rule = c.rule;
    m.confidence = s.confidence;
    m.begin = begin;
    m.end = normalizer_.toOriginal(c.end);
    m.masked = detect::RuleLogic::mask(c, text);
    // Digests are domain-separated by rule so equal digits under two rules stay distinct values.
    std::string canonical(ruleName(c.rule));
    canonical += ':';
    canonical += c.canonical;
    m.digest = hasher_(canonical);
    out.push_back(std::move(m));
  }
}

Detector::Detector(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Detector::Detector(Detector&&) noexcept = default;
Detector& Detector::operator=(Detector&&) noexcept = default;
Detector::~Detector() = default;

Result<Detector> Detector::create(const DetectorOptions& options, ValueHasher hasher) {
  JAMUL_CHECK(hasher != nullptr);
  auto impl = std::make_unique<Impl>(today(options), std::move(hasher));
  JAMUL_RETURN_IF_ERROR(impl->compile());
  return Detector(std::move(impl));
}

void Detector::detect(const TextWindow& window, std::vector<Match>& out) {
  impl_->detect(window, out);
}

}  // namespace jamul::scanner
