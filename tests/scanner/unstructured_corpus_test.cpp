// SPDX-License-Identifier: Apache-2.0
// The issue-18 corpus generator (tests/support/unstructured_corpus.h): determinism, exact offsets,
// CP949-safe output, every rule and every kind of hard negative present, and truth that keeps the
// research's own exclusions (no placeholder names). Whether the detector finds the truth is
// unstructured_accuracy's job.

#include "support/unstructured_corpus.h"

#include <unicode/ucnv.h>

#include <boost/test/unit_test.hpp>
#include <map>
#include <set>

#include "support/accuracy_sets.h"
#include "support/unstructured_values.h"

namespace jamul::test {
namespace {

using scanner::RuleId;

std::vector<UnstructuredDocument> documents(std::uint64_t seed, int n) {
  UnstructuredCorpus corpus(seed);
  std::vector<UnstructuredDocument> out;
  for (int i = 0; i < n; ++i) out.push_back(corpus.next());
  return out;
}

BOOST_AUTO_TEST_SUITE(unstructured_corpus)

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_documents) {
  const auto a = documents(18, 40), b = documents(18, 40), c = documents(19, 40);
  int differing = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    BOOST_TEST(a[i].name == b[i].name);
    BOOST_TEST(a[i].text == b[i].text);
    BOOST_TEST(a[i].truth.size() == b[i].truth.size());
    differing += a[i].text != c[i].text ? 1 : 0;
  }
  BOOST_TEST(differing >= 38);
}

BOOST_AUTO_TEST_CASE(every_span_points_at_its_text_and_the_text_is_cp949_safe) {
  for (const UnstructuredDocument& doc : documents(7, 400)) {
    std::size_t previous = 0;
    for (const TruthSpan& t : doc.truth) {
      BOOST_TEST_REQUIRE(t.offset + t.text.size() <= doc.text.size());
      BOOST_TEST(doc.text.compare(t.offset, t.text.size(), t.text) == 0, doc.name << ": " << t.text);
      BOOST_TEST(t.offset >= previous, doc.name << ": truth in offset order");
      BOOST_TEST(!t.key.empty(), doc.name << ": " << t.text);
      previous = t.offset + t.text.size();
    }
    for (const NegativeSpan& n : doc.negatives)
      BOOST_TEST(doc.text.compare(n.offset, n.text.size(), n.text) == 0, doc.name << ": " << n.text);
    // CP949 and back gives the same UTF-8, so file offsets equal the generator's.
    const std::string encoded = encodeText(doc.text, TextEncoding::kCp949);
    BOOST_TEST_REQUIRE(!encoded.empty(), doc.name);
    std::string decoded(encoded.size() * 2 + 16, '\0');
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n = ucnv_convert("UTF-8", "windows-949", decoded.data(),
                                   static_cast<int32_t>(decoded.size()), encoded.data(),
                                   static_cast<int32_t>(encoded.size()), &status);
    BOOST_TEST_REQUIRE(U_SUCCESS(status));
    decoded.resize(static_cast<std::size_t>(n));
    BOOST_TEST(decoded == doc.text, doc.name);
  }
}

BOOST_AUTO_TEST_CASE(every_rule_and_negative_kind_is_present) {
  std::map<RuleId, int> truths;
  std::set<std::string> negative_kinds;
  std::set<std::string> names;
  for (const UnstructuredDocument& doc : documents(42, 400)) {
    for (const TruthSpan& t : doc.truth) {
      ++truths[t.rule];
      if (t.rule == RuleId::kPersonName) {
        BOOST_TEST(!unstructured::rejectedName(t.text), t.text);
        names.insert(t.text);
      }
    }
    for (const NegativeSpan& n : doc.negatives) negative_kinds.insert(n.kind);
  }
  for (RuleId rule : kUnstructuredRules) BOOST_TEST(truths[rule] >= 100, scanner::ruleName(rule));
  BOOST_TEST(names.size() >= 500u);
  for (std::string_view kind :
       {"address: particle -으로", "address: counter", "address: exit", "address: statute",
        "address: distance", "address: bus", "address: generic location", "address: masked",
        "agency: 공문 footer", "agency: followed by organisation", "name: placeholder", "name: masked",
        "name: department", "name: label + vocabulary", "name: 성명서", "name: unlabelled staff",
        "date: other label", "dob: invalid date", "dob: resident number", "health: no identifier",
        "health: code outside a label", "age/sex: no identifier", "age/sex: column without identifier"})
    BOOST_TEST(negative_kinds.contains(std::string(kind)), kind);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::test
