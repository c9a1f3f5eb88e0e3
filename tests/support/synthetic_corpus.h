// SPDX-License-Identifier: Apache-2.0
#pragma once

// SyntheticCorpus: labelled synthetic documents for detection-quality tests and the benchmark.
//
// Each document is UTF-8 text of one kind (Korean or English prose, a form, a CSV/TSV table, a log,
// a config file) with planted personal-data values and hard negatives ("traps"), both recorded with
// their exact byte offsets. Everything is synthetic: names are random syllable combinations,
// numbers are random with the right shape and check digits.
//
// Ground truth. A planted value is one the detector must REPORT at its default threshold (medium):
// it is written only where DETECTION.md §3.14 and the scoring text of rule_catalog.cpp put it at
// medium or high (e.g. a landline only behind 전화/Tel, an account only behind 계좌/a bank name, an
// unhyphenated RRN only with a valid check digit or a label). A trap must not be reported at medium
// or above by any rule. Because confidence depends on keywords within ±100 characters, the
// generator keeps a model of that context: it finds the catalogue's keywords (rule_catalog.h) in
// what it writes and re-draws a line when a keyword would change a nearby value's outcome (a
// 주문번호 label beside an unlabelled phone number, a bank name beside a health-insurance number,
// an account keyword beside a bare 14-digit timestamp). The model is conservative: it refuses
// placements it cannot judge.
//
// Determinism. The same seed and options give the same documents on every platform and standard
// library: randomness comes from our own xoshiro256** (seeded by splitmix64), never from
// <random> distributions. Document i of a corpus depends only on (seed, i).
//
// Thread-safety: a SyntheticCorpus is not thread-safe; use one per thread (construction is cheap,
// the phrase and keyword tables are immutable and shared).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/scanner/rule.h"

namespace jamul::test {

// One planted personal-data value.
struct PlantedValue {
  scanner::RuleId rule;
  // The value exactly as written in the document, e.g. "010-1234-5678", "+82 10-1234-5678". For
  // kPassword it is the whole span the rule matches: keyword, separator and value.
  std::string text;
  std::size_t offset = 0;  // byte offset of `text` in SyntheticDocument::text
};

// One hard negative: looks like personal data but is not, and must not be reported at medium or
// above by any rule. Kinds: "ean13" (880… barcodes, some unlabelled), "order number", "receipt
// number", "document number", "timestamp", "date", "tracking number", "model code", "part code"
// (passport-shaped, e.g. S24010203), "masked" (900101-1******, 010-****-5678, h***@naver.com),
// "isbn", "amount", "version", "fax", "business number" (1588-1234), "toll-free", "statute",
// "postal code", "serial number", "mac address", "loopback" (::1), "password placeholder"
// (password=${DB_PASS}, password: ********; text is the whole label-to-value span).
struct TrapValue {
  std::string kind;
  std::string text;  // as written, without its label (except password placeholders)
  std::size_t offset = 0;
};

enum class DocumentKind : std::uint8_t { kProse, kForm, kCsv, kTsv, kLog, kConfig };

// "prose", "form", "csv", "tsv", "log", "config".
std::string_view documentKindName(DocumentKind kind);

struct CorpusOptions {
  // Share of lines (table rows, log lines, form fields, prose sentences) that carry a planted
  // value. Tests use a high rate; the benchmark ~0.005.
  double pii_rate = 0.3;
  // Share of the remaining lines that carry a trap.
  double trap_rate = 0.3;
  // Approximate size of a document in bytes (each document varies around it; a document is never
  // cut in the middle of a line, so it may end a little above).
  std::size_t target_bytes = 4096;
  // Kinds to draw from, uniformly. Empty means all.
  std::vector<DocumentKind> kinds;
  // Share of prose and form documents written in English rather than Korean.
  double english_share = 0.25;
  // Only characters that CP949 (windows-949) encodes and decodes back unchanged: ASCII, Hangul
  // syllables and a few KS X 1001 punctuation marks. When false, prose also holds emoji and other
  // characters outside CP949.
  bool cp949_only = true;
};

struct SyntheticDocument {
  std::string name;  // file name with extension, e.g. "민원처리현황_0007.csv"
  DocumentKind kind = DocumentKind::kProse;
  std::string text;  // UTF-8
  // In offset order. Values are distinct within a document as the detector counts them (by
  // digits: "010-1234-5678" and "01012345678" are one value), traps distinct from all of them.
  std::vector<PlantedValue> planted;
  std::vector<TrapValue> traps;
};

class SyntheticCorpus {
 public:
  explicit SyntheticCorpus(std::uint64_t seed, CorpusOptions options = {});

  // The next document: kind drawn from options().kinds, size around options().target_bytes.
  SyntheticDocument next();
  // The next document of `kind`, of about `target_bytes` bytes (the benchmark's large files).
  SyntheticDocument next(DocumentKind kind, std::size_t target_bytes);

  const CorpusOptions& options() const { return options_; }

 private:
  std::uint64_t seed_;
  CorpusOptions options_;
  std::uint64_t index_ = 0;
};

}  // namespace jamul::test
