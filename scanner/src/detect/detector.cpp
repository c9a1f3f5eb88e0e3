// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/detector.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "detect/attribution.h"
#include "detect/candidate_windows.h"
#include "detect/keyword_index.h"
#include "detect/normalizer.h"
#include "detect/ocr_reading.h"
#include "detect/rule_logic.h"
#include "detect/unstructured_pass.h"
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
  Impl(detect::CivilDate today, ValueHasher hasher)
      : logic_(today), logic_today_(today), hasher_(std::move(hasher)) {}

  Status compile();
  void detect(const TextWindow& window, std::vector<Match>& out);

 private:
  struct Pattern {
    RuleId rule;
    int variant;
    // The catalogue pattern with its leading "(?:^|G)" turned into "G", so that a match is one guard
    // byte followed by the candidate: RE2 then finds the candidate with its DFAs alone, without the
    // slower capture pass. Patterns without a leading guard match the candidate itself.
    std::unique_ptr<RE2> extractor;
    bool guarded;
    // No match of this pattern (guard byte included) is shorter: once fewer bytes are left in a
    // window, another search cannot succeed and is skipped.
    std::size_t min_length;
    // Its rule is reported only with a keyword or column header (DETECTION.md §3.14: "—" without
    // one): without context nearby, the pattern is not even run (RuleTraits::needs_context).
    bool needs_context;
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
    bool own;  // its rule's keyword is the value's own label (Evidence::own)
    BasisSet basis;
  };

  // The numeric rules (candidate windows, RE2::Set, context, attribution), then the unstructured
  // rules (unstructured_pass.h), which see the numeric rules' values as the records' identifiers.
  void detectNumeric(std::string_view text, const TextWindow& window, std::vector<Match>& out);
  void detectUnstructured(std::string_view text, const TextWindow& window, std::vector<Match>& out);
  // Appends one Match, its keyed digest taken of "<rule>:<canonical>".
  void emit(RuleId rule, Confidence confidence, std::size_t begin, std::size_t end,
            std::string masked, std::string_view canonical, BasisSet basis, std::vector<Match>& out);
  void collectCandidates(std::string_view text, bool structured);
  void collectKeywords(std::string_view text);
  // Attribution (issue 13): groups the candidates into values and gives each keyword to one value.
  void attribute(std::string_view text, const TextWindow& window);
  Evidence gatherEvidence(std::size_t index, std::string_view text, const TextWindow& window);
  const HeaderContext& headerContext(std::string_view header);
  void resolveOverlaps(const std::vector<Scored>& scored, std::vector<Scored>& picked) const;

  detect::RuleLogic logic_;
  detect::CivilDate logic_today_;
  ValueHasher hasher_;
  std::vector<Pattern> patterns_;
  std::unique_ptr<RE2::Set> set_;
  std::unique_ptr<detect::KeywordIndex> keywords_;
  std::unique_ptr<detect::UnstructuredPass> unstructured_;

  // OCR text (issue 13): the repairs' candidates are marked kRepaired, MRZ numbers added.
  void addOcrCandidates();
  // An offset of the text the detector reads back to the window's original text.
  std::size_t toOriginal(std::size_t offset, bool ocr) const {
    return normalizer_.toOriginal(ocr ? ocr_.toInput(offset) : offset);
  }

  // Scratch, reused across calls.
  detect::Normalizer normalizer_;
  detect::OcrReading ocr_;
  std::vector<Span> windows_;
  detect::TriggerBitmaps trigger_bits_;
  std::string guarded_window_;
  std::vector<int> set_hits_;
  std::vector<Candidate> candidates_;
  std::vector<KeywordHit> keyword_hits_;
  std::vector<KeywordHit> header_hits_;
  std::unordered_map<std::string, HeaderContext> header_cache_;
  detect::Attribution attribution_;
  std::vector<HeaderContext> header_of_;         // per candidate: its column header's context
  std::vector<detect::KeywordClasses> header_classes_;
  std::vector<bool> intrinsic_;                  // per candidate: reported without any context
  detect::KeywordClasses table_classes_ = 0;  // classes of all column headers of the window's table
  std::vector<detect::IdentifierSpan> identifiers_;  // the numeric rules' values in this text
  std::vector<detect::UnstructuredFinding> unstructured_found_;
  std::string digest_input_;
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
    if (rule.traits.unstructured) continue;  // the unstructured pass's (unstructured_pass.h)
    for (std::size_t v = 0; v < rule.patterns.size(); ++v) {
      const std::string pattern(rule.patterns[v]);
      std::string extraction = pattern;
      const bool guarded = extraction.starts_with("(?:^|") && extraction.find(")(") != std::string::npos;
      if (guarded) {
        // "(?:^|G)(X)" -> "G(X)": the guard byte is then always the match's first byte.
        const std::size_t close = extraction.find(")(");
        extraction = extraction.substr(5, close - 5) + extraction.substr(close + 1);
      }
      auto extractor = std::make_unique<RE2>(extraction, options);
      if (!extractor->ok())
        return Error(ErrorCode::kInternal, std::string(ruleName(rule.id)) +
                                               " pattern does not compile: " + extractor->error());
      std::string error;
      if (set_->Add(pattern, &error) != static_cast<int>(patterns_.size()))
        return Error(ErrorCode::kInternal, "RE2::Set rejected a pattern: " + error);
      patterns_.push_back({rule.id, static_cast<int>(v), std::move(extractor), guarded,
                           std::size_t{rule.traits.min_match_bytes} + (guarded ? 1 : 0),
                           rule.traits.needs_context});
    }
  }
  if (!set_->Compile()) return Error(ErrorCode::kInternal, "RE2::Set does not compile");
  JAMUL_ASSIGN_OR_RETURN(keywords_, detect::KeywordIndex::create());
  JAMUL_ASSIGN_OR_RETURN(unstructured_, detect::UnstructuredPass::create(logic_today_));
  return okStatus();
}

void Detector::Impl::collectCandidates(std::string_view text, bool structured) {
  candidates_.clear();
  attribution_.reset(text);
  re2::StringPiece match;
  auto hit = keyword_hits_.begin();  // keyword hits are in order, and so are the windows
  for (const Span& w : windows_) {
    set_hits_.clear();
    RE2::Set::ErrorInfo error;
    // RE2 gets the window alone as its text: given the whole buffer with start/end positions, it
    // does work proportional to the buffer (measured 4x slower). A window at the very start of the
    // text is copied behind a '\n', so that a candidate there still has a guard byte before it.
    re2::StringPiece window(text.data() + w.begin, w.end - w.begin);
    std::size_t window_origin = w.begin;  // text offset of window[0]
    if (w.begin == 0) {
      guarded_window_.assign(1, '\n');
      guarded_window_.append(text.substr(0, w.end));
      window = re2::StringPiece(guarded_window_);
      window_origin = static_cast<std::size_t>(-1);  // window[1] is text[0]
    }
    if (!set_->Match(window, &set_hits_, &error)) {
      if (error.kind == RE2::Set::kNoError) continue;  // nothing in this window
      // The DFA ran out of memory on a pathological window: try every pattern instead.
      set_hits_.clear();
      for (std::size_t i = 0; i < patterns_.size(); ++i) set_hits_.push_back(static_cast<int>(i));
    }
    // Context this window's neighbourhood offers: some rules are never reported without it.
    const std::size_t near_begin = charsBack(text, w.begin, kContextChars);
    const std::size_t near_end = charsForward(text, w.end, kContextChars);
    while (hit != keyword_hits_.end() && hit->end <= near_begin) ++hit;
    detect::KeywordClasses near = table_classes_;
    for (auto h = hit; h != keyword_hits_.end() && h->begin < near_end; ++h) near |= h->classes;
    bool looked_above = false;
    for (int id : set_hits_) {
      const Pattern& p = patterns_[static_cast<std::size_t>(id)];
      if (p.needs_context && (near & detect::positiveBit(p.rule)) == 0 && !looked_above &&
          !structured) {
        // A row of a tab-separated block (a DOCX or HWPX table) has its header far above.
        looked_above = true;
        const Span header = attribution_.tabBlockHeader(w.begin);
        if (header.end > header.begin)
          near |= headerContext(text.substr(header.begin, header.end - header.begin)).classes;
      }
      if (p.needs_context && (near & detect::positiveBit(p.rule)) == 0) continue;
      std::size_t pos = 0;  // within the window
      while (window.size() - pos >= p.min_length &&
             p.extractor->Match(window, pos, window.size(), RE2::UNANCHORED, &match, 1)) {
        const auto match_begin = static_cast<std::size_t>(match.data() - window.data());
        const std::size_t match_end = match_begin + match.size();
        pos = match_end > pos ? match_end : pos + 1;
        // Window offsets to text offsets (window_origin may be -1: unsigned wrap-around is exact).
        const std::size_t begin = window_origin + match_begin + (p.guarded ? 1 : 0);
        const std::size_t end = window_origin + match_end;
        if (auto c = logic_.inspect(p.rule, p.variant, text, begin, end))
          candidates_.push_back(std::move(*c));
      }
    }
  }
  std::sort(candidates_.begin(), candidates_.end(),
            [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
}

void Detector::Impl::collectKeywords(std::string_view text) {
  // Keywords are looked for around every window (a superset of every candidate's ±100 characters),
  // before extraction, so that rules that are never reported without context can be skipped.
  keyword_hits_.clear();
  std::size_t region_begin = 0, region_end = 0;
  bool open = false;
  for (const Span& w : windows_) {
    const std::size_t b = charsBack(text, w.begin, kContextChars);
    const std::size_t e = charsForward(text, w.end, kContextChars);
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

void Detector::Impl::attribute(std::string_view text, const TextWindow& window) {
  const std::size_t n = candidates_.size();
  header_of_.assign(n, HeaderContext{});
  header_classes_.assign(n, 0);
  intrinsic_.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    const Candidate& c = candidates_[i];
    if (window.structure != nullptr) {
      const std::string_view header = window.structure->columnHeader(toOriginal(c.begin, window.ocr));
      if (!header.empty()) header_of_[i] = headerContext(header);
      header_classes_[i] = header_of_[i].classes;
    }
    intrinsic_[i] = logic_.score(c, Evidence{}).has_value();
  }
  const TextStructure* structure = window.structure;
  attribution_.group(text, candidates_, intrinsic_, header_classes_,
                     structure != nullptr ? structure->cellDelimiter() : 0);
  // Without a known structure, rows of tab-separated cells (DOCX and HWPX tables) take their
  // column header from the block's first line, as a CSV's cells do.
  if (structure == nullptr) {
    const auto& values = attribution_.values();
    for (std::size_t v = 0; v < values.size(); ++v) {
      const std::string_view header = attribution_.implicitHeader(static_cast<int>(v));
      if (header.empty()) continue;
      const HeaderContext& h = headerContext(header);
      if (h.classes == 0 && h.bank < 0) continue;
      attribution_.addHeader(static_cast<int>(v), h.classes);
      for (std::size_t i = values[v].first; i < values[v].last; ++i) header_of_[i] = h;
    }
  }
  attribution_.assign(keyword_hits_, [&](std::size_t offset) {
    return structure != nullptr && structure->inHeaderRow(toOriginal(offset, window.ocr));
  });
}

Evidence Detector::Impl::gatherEvidence(std::size_t index, std::string_view text,
                                        const TextWindow& window) {
  using detect::Attribution;
  const Candidate& c = candidates_[index];
  Evidence ev;
  const detect::KeywordClasses positive = detect::positiveBit(c.rule);
  const detect::KeywordClasses negative = detect::negativeBit(c.rule);
  int bank_distance = 1 << 20;
  int ambient_bank = -1;
  int ambient_bank_distance = 1 << 20;

  // The column header is the strongest context in a table (DETECTION.md §2.4): distance 0.
  const HeaderContext& h = header_of_[index];
  if (h.classes & positive) {
    ev.positive = ev.positive_direct = ev.own = true;
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

  // Keywords within ±100 characters count only when they are this value's (attribution.h): its
  // own labels, those of the list it continues, and ambient ones (lines without values) where
  // the value has no label of its own and the rule fits it.
  const int value = attribution_.valueOf(index);
  const int source = attribution_.labelSource(value);
  const bool labelled = attribution_.values()[static_cast<std::size_t>(value)].labelled ||
                        source != value;
  const std::size_t lo = charsBack(text, c.begin, kContextChars);
  const std::size_t hi = charsForward(text, c.end, kContextChars);
  auto it = std::lower_bound(keyword_hits_.begin(), keyword_hits_.end(), lo,
                             [](const KeywordHit& k, std::size_t o) { return k.begin < o; });
  for (; it != keyword_hits_.end() && it->begin < hi; ++it) {
    const KeywordHit& hit = *it;
    if (hit.end > hi) break;
    if (hit.end > c.begin && hit.begin < c.end) continue;  // inside the candidate itself
    const auto k = static_cast<std::size_t>(it - keyword_hits_.begin());
    const int owner = attribution_.owner(k);
    const bool ambient = owner == Attribution::kAmbient;
    if (!ambient && owner != value && owner != source) continue;  // another value's label
    const bool before = hit.end <= c.begin;
    // In a table, an ambient word (a bank name in its own column) speaks only for its row.
    if (ambient && window.structure != nullptr &&
        !attribution_.sameSegment(before ? hit.end : c.end, before ? c.begin : hit.begin, false))
      continue;
    const int gap = before ? charCount(text, hit.end, c.begin) : charCount(text, c.end, hit.begin);
    const int distance = before ? gap : afterDistance(gap);
    const bool direct = before && distance <= kDirectLabelChars;
    if (ambient) {
      const int target = attribution_.ambientTarget(k);
      if (target != Attribution::kAmbient && target != value) continue;
      if (hit.bank >= 0 && distance < ambient_bank_distance) {
        ambient_bank = hit.bank;
        ambient_bank_distance = distance;
      }
      if ((hit.classes & positive) && attribution_.acceptsAmbient(value, c.rule)) {
        if (distance < ev.positive_distance) {
          ev.positive = true;
          ev.positive_distance = distance;
        }
        ev.positive_direct |= direct;
      }
      // An ambient negative label counts only right above the value ("주문번호\n2401…"): after
      // it, or farther away, it belongs to what follows it, which may be no candidate at all
      // ("주문번호 2026110712345678", "문서번호 제2021-02242호" on another line).
      if ((hit.classes & negative) && direct && !labelled && distance < ev.negative_distance) {
        ev.negative = true;
        ev.negative_distance = distance;
        ev.negative_direct |= direct;
      }
      continue;
    }
    const bool in_front = attribution_.place(k) != Attribution::Place::kAfter;
    if (hit.classes & positive) {
      if (distance < ev.positive_distance) {
        ev.positive = true;
        ev.positive_distance = distance;
      }
      ev.positive_direct |= direct;
      ev.own |= in_front && owner == value;
    }
    if ((hit.classes & negative) && distance < ev.negative_distance) {
      ev.negative = true;
      ev.negative_distance = distance;
    }
    if (hit.classes & negative) ev.negative_direct |= direct || !before;
    if (hit.bank >= 0 && distance < bank_distance) {
      ev.bank = hit.bank;
      bank_distance = distance;
    }
  }
  if (ev.bank < 0) ev.bank = ambient_bank;
  // A negative label only labels the value directly if no keyword of the rule is as close.
  if (ev.negative_direct && ev.positive && ev.positive_distance <= ev.negative_distance)
    ev.negative_direct = false;
  return ev;
}

void Detector::Impl::resolveOverlaps(const std::vector<Scored>& scored,
                                     std::vector<Scored>& picked) const {
  // One identifier per span. Overlapping candidates form clusters (scored is in begin order); in each
  // cluster the best is kept: the one its own label names, then higher confidence, then own keyword
  // present and nearer, then the more specific rule, then the longer match.
  const auto better = [this](const Scored& a, const Scored& b) {
    const Candidate& ca = candidates_[a.index];
    const Candidate& cb = candidates_[b.index];
    // A value's own label or column header outranks what it reads like (issue 13).
    if (a.own != b.own) return a.own;
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

void Detector::Impl::addOcrCandidates() {
  for (Candidate& c : candidates_)
    if (ocr_.repairedWithin(c.begin, c.end)) c.flags |= detect::kRepaired;
  // Passport numbers of a machine-readable zone, confirmed by their check digit: the pattern cannot
  // match them there (the check digit follows at once).
  for (const detect::OcrReading::MrzNumber& mrz : ocr_.mrzNumbers()) {
    Candidate c;
    c.rule = RuleId::kKrPassport;
    c.variant = mrz.number[4] >= '0' && mrz.number[4] <= '9' ? 1 : 0;  // old form: eight digits
    c.flags = detect::kMrz | (c.variant == 0 ? detect::kNewForm : 0u);
    c.begin = mrz.begin;
    c.end = mrz.end;
    c.canonical = mrz.number;
    if (ocr_.repairedWithin(c.begin, c.end)) c.flags |= detect::kRepaired;
    candidates_.push_back(std::move(c));
  }
  std::stable_sort(candidates_.begin(), candidates_.end(),
                   [](const Candidate& a, const Candidate& b) { return a.begin < b.begin; });
}

void Detector::Impl::detect(const TextWindow& window, std::vector<Match>& out) {
  std::string_view text = normalizer_.normalize(window.text);
  if (window.ocr) text = ocr_.read(text);
  detect::findCandidateWindows(text, windows_, trigger_bits_);
  const std::size_t first = out.size();
  identifiers_.clear();
  detectNumeric(text, window, out);
  const std::size_t numeric_end = out.size();
  detectUnstructured(text, window, out);
  // Both passes append in begin order; the contract is one order: the two runs are merged.
  std::inplace_merge(out.begin() + static_cast<std::ptrdiff_t>(first),
                     out.begin() + static_cast<std::ptrdiff_t>(numeric_end), out.end(),
                     [](const Match& a, const Match& b) { return a.begin < b.begin; });
}

void Detector::Impl::detectUnstructured(std::string_view text, const TextWindow& window,
                                        std::vector<Match>& out) {
  const bool ocr = window.ocr;
  unstructured_found_.clear();
  std::uint64_t count_only = 0;  // rules whose sample is full: not even their strings are made
  for (std::size_t i = 0; i < kRuleCount; ++i)
    if (window.sample_left[i] == 0) count_only |= std::uint64_t{1} << i;
  detect::UnstructuredPass::Input input{text, &trigger_bits_.digits, window.structure,
                                        [&](std::size_t offset) { return toOriginal(offset, ocr); },
                                        identifiers_, window.report_begin > 0, count_only};
  unstructured_->run(input, unstructured_found_);
  std::array<std::uint32_t, kRuleCount> left = window.sample_left;
  for (detect::UnstructuredFinding& f : unstructured_found_) {
    const std::size_t begin = toOriginal(f.begin, ocr);
    if (begin < window.report_begin || begin >= window.report_end) continue;
    std::uint32_t& sample = left[ruleIndex(f.rule)];
    if (sample == 0) {
      Match m;  // counted only: no masked excerpt, no digest
      m.rule = f.rule;
      m.confidence = f.confidence;
      m.begin = begin;
      m.end = toOriginal(f.end, ocr);
      m.basis = f.basis;
      m.counted_only = true;
      out.push_back(std::move(m));
      continue;
    }
    --sample;
    emit(f.rule, f.confidence, begin, toOriginal(f.end, ocr), std::move(f.masked), f.canonical,
         f.basis, out);
  }
}

void Detector::Impl::emit(RuleId rule, Confidence confidence, std::size_t begin, std::size_t end,
                          std::string masked, std::string_view canonical, BasisSet basis,
                          std::vector<Match>& out) {
  Match m;
  m.rule = rule;
  m.confidence = confidence;
  m.begin = begin;
  m.end = end;
  m.masked = std::move(masked);
  // Digests are domain-separated by rule so equal values under two rules stay distinct values.
  digest_input_.assign(ruleName(rule));
  digest_input_ += ':';
  digest_input_ += canonical;
  m.digest = hasher_(digest_input_);
  m.basis = basis;
  out.push_back(std::move(m));
}

void Detector::Impl::detectNumeric(std::string_view text, const TextWindow& window,
                                   std::vector<Match>& out) {
  const bool ocr = window.ocr;
  if (windows_.empty() && !(ocr && !ocr_.mrzNumbers().empty())) return;
  if (ocr) {
    // OCR text is short (a page) and its labels come out misspelt: every keyword of the page, and
    // those OCR got wrong by a syllable.
    keyword_hits_.clear();
    keywords_->find(text, 0, text.size(), keyword_hits_);
    keywords_->findApproximate(text, keyword_hits_);
  } else {
    collectKeywords(text);
  }
  table_classes_ = 0;
  if (window.structure != nullptr && !window.structure->allHeaders().empty())
    table_classes_ = headerContext(window.structure->allHeaders()).classes;
  collectCandidates(text, window.structure != nullptr);
  if (ocr) addOcrCandidates();
  if (candidates_.empty()) return;

  attribute(text, window);
  std::vector<Scored> scored;
  scored.reserve(candidates_.size());
  for (std::size_t i = 0; i < candidates_.size(); ++i) {
    const Candidate& c = candidates_[i];
    const Evidence ev = gatherEvidence(i, text, window);
    if (const auto confidence = logic_.score(c, ev))
      scored.push_back({i, *confidence, ev.positive, ev.positive_distance, ev.own,
                        detect::RuleLogic::basis(c, ev)});
  }
  std::vector<Scored> picked;
  resolveOverlaps(scored, picked);
  std::sort(picked.begin(), picked.end(),  // candidates_ is in begin order
            [](const Scored& a, const Scored& b) { return a.index < b.index; });

  for (const Scored& s : picked) {
    const Candidate& c = candidates_[s.index];
    identifiers_.push_back({c.begin, c.end, c.rule, s.confidence});
    const std::size_t begin = toOriginal(c.begin, ocr);
    if (begin < window.report_begin || begin >= window.report_end) continue;
    emit(c.rule, s.confidence, begin, toOriginal(c.end, ocr), detect::RuleLogic::mask(c, text),
         c.canonical, s.basis, out);
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
