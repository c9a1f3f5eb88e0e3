// SPDX-License-Identifier: Apache-2.0
#pragma once

// Phrase tables of the synthetic corpus (synthetic_corpus.h): sentence templates for Korean
// government-office prose and English prose, the sentences that carry a planted value or a trap,
// form labels, table columns, and the pools that fill placeholders. Internal to tests/support.
//
// Templates hold placeholders in braces, expanded by synthetic_corpus.cpp:
//   {v}     the planted value or trap (with its label where the template has none of its own)
//   {name}  a Korean name        {en_name} an English name
//   {org} {dept} {place} {topic} {company} {bank}   pool entries
//   {date} {en_date} {time} {n} {nn} {amount} {en_amount} {pct} {year}
// Every character is in CP949 (ASCII, Hangul syllables, KS X 1001 punctuation).
//
// Thread-safety: immutable static data.

#include <span>
#include <string_view>

#include "jamul/scanner/rule.h"

namespace jamul::test::synth {

using Phrases = std::span<const std::string_view>;

struct LanguagePhrases {
  Phrases filler;    // ordinary sentences, no personal data
  Phrases plain;     // short neutral lines for when nothing else fits (no keywords at all)
  Phrases trap;      // sentences with one {v} that is a trap (label included in {v})
  Phrases headings;  // section titles
  Phrases titles;    // document titles
  Phrases places, topics, orgs, depts;
};
const LanguagePhrases& koreanPhrases();
const LanguagePhrases& englishPhrases();

// Sentences carrying a planted value of `rule`. `labelled` ones put a keyword of the rule right
// before {v}; the others do not (only for values reported without a keyword).
Phrases valueSentences(scanner::RuleId rule, bool english, bool labelled);

// Form field labels for `rule`: keyword labels, or neutral ones ("비고") for unlabelled values.
Phrases formLabels(scanner::RuleId rule, bool english, bool labelled);
// Neutral form fields: label and a template for the value.
struct FormField {
  std::string_view label;
  std::string_view value;
};
std::span<const FormField> neutralFormFields(bool english);

// Pools.
Phrases companies();
Phrases koreanAddresses();                  // templates with {n}
Phrases emojis();                           // characters outside CP949, for cp949_only = false
Phrases fileStems(bool english, int kind);  // kind: static_cast<int>(DocumentKind)

}  // namespace jamul::test::synth
