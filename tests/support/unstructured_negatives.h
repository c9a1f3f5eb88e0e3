// SPDX-License-Identifier: Apache-2.0
#pragma once

// Hard negatives of issue 18 for the unstructured corpus: text that looks like an address, a name,
// a date of birth, a health or an age/sex field but must not be reported at medium or above
// (UNSTRUCTURED.md §2.6 negatives, §3.6 and §4.1 zeros, §4.3 traps, §7 checklist). Each is drawn
// with variation (random regions, roads, numbers, labels and vocabulary), not copied from the
// research's vectors, and recorded as a NegativeSpan with its kind ("address: counter", …).
//
// Internal to tests/support. Thread-safety: pure functions of their Rng and writer.

#include "support/unstructured_values.h"
#include "support/unstructured_writer.h"

namespace jamul::test::unstructured {

// One sentence (no line break) whose negative does not depend on its record: it may sit inside a
// paragraph that holds a person's identifiers. Kinds: address traps (particles, counters, exits,
// lines, statutes, distances, buses, generic locations, masked, postcode alone), name traps
// (placeholders, masked, blanks, stop values, departments, titles, label + vocabulary, 성명서,
// unlabelled staff names), date traps (other date labels, invalid, future, blank, masked), health
// words in prose without a field, KCD-like codes outside a label.
// `beside_truth`: the sentence shares its block with truth spans. Placeholder names (홍길동) are
// then left out, since §3.4 rule 7 makes the whole record sample data, and so are 담당자/작성자
// lines, which §2.4 reads as a letterhead sign for an address within one line.
void negativeSentence(Rng& rng, UnstructuredWriter& w, bool beside_truth = false);

// A block of its own (ended by a blank line) whose negative depends on its record: an agency
// letterhead or 공문 footer (the line holds 전화/FAX, so the block has a phone number), a date of
// birth written as a resident number, or health/age/sex fields with no direct identifier in the
// block (case summaries, policy notices).
void negativeBlock(Rng& rng, UnstructuredWriter& w);

// An agency letterhead (top of a 공문) or 공문 footer (bottom): an address that is the agency's own.
void agencyBlock(Rng& rng, UnstructuredWriter& w, bool footer);

}  // namespace jamul::test::unstructured
