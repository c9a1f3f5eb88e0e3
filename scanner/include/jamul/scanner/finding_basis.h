// SPDX-License-Identifier: Apache-2.0
#pragma once

// FindingBasis: why the detector reported a value, as a few facts a person can be told without
// seeing the value ("its check digit is valid and it stands under the column 주민등록번호"). The
// detector sets them from what it already established (Match::basis); findings, the inventory and
// the JSON of a finding carry them on (FindingSummary::basis, the "basis" array).
//
// A BasisSet is bit flags of Basis. The bit values are stored in inventories (findings.basis) and
// the names are API (JSON), so neither is ever renumbered or renamed. 0 means "unknown": a finding
// recorded before the basis existed (inventory schema < 7); readers show nothing for it.
//
// Per rule (DETECTION.md §3, RuleTraits::repair), `checksum` is what the rule's validator
// establishes about the value itself and nothing weaker: the RRN/FRN check digit (not an RRN whose
// date only excuses a missing one), a card's Luhn digit, the BRN and CRN check digits, a passport
// MRZ's check digit, an e-mail's real top-level domain. Rules without such a check (passport
// number, driver's licence, phone, bank account, health insurance, IP, password) never claim it.
//
// Pure functions; thread-safe.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace jamul::scanner {

enum class Basis : std::uint8_t {
  kChecksum = 1u << 0,  // a check digit, Luhn digit or the rule's validation of the value passed
  kLabel = 1u << 1,     // a keyword of the rule labels the value: its column header, or its
                        // label in front of it (a password's own label)
  kKeyword = 1u << 2,   // a keyword of the rule within ±100 characters, not the value's label
  kFormat = 1u << 3,    // no keyword at all: the value's shape (and checks) carried it alone
  kRepaired = 1u << 4,  // OCR text in which the detector repaired a misread character
};

// Bits of Basis; 0 = unknown.
using BasisSet = std::uint8_t;

inline constexpr std::size_t kBasisCount = 5;
// Every Basis, in the fixed order of their names in JSON.
inline constexpr std::array<Basis, kBasisCount> kAllBases = {
    Basis::kChecksum, Basis::kLabel, Basis::kKeyword, Basis::kFormat, Basis::kRepaired};

constexpr BasisSet basisBit(Basis basis) { return static_cast<BasisSet>(basis); }
constexpr bool hasBasis(BasisSet set, Basis basis) { return (set & basisBit(basis)) != 0; }

// "checksum", "label", "keyword", "format", "repaired".
std::string_view basisName(Basis basis);
// Inverse of basisName(); std::nullopt for an unknown name.
std::optional<Basis> basisFromName(std::string_view name);

// The basis of one finding that folds occurrences `a` and `b` of the same value (FindingSummary):
// the union of what was established about the value (checksum, repaired), and of the context only
// the strongest occurrence's (label, else keyword, else format), so that a finding, like a match,
// names one of the three. An unknown (0) side adds nothing.
BasisSet foldBasis(BasisSet a, BasisSet b);

}  // namespace jamul::scanner
