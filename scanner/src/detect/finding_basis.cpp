// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/finding_basis.h"

namespace jamul::scanner {

std::string_view basisName(Basis basis) {
  switch (basis) {
    case Basis::kChecksum: return "checksum";
    case Basis::kLabel: return "label";
    case Basis::kKeyword: return "keyword";
    case Basis::kFormat: return "format";
    case Basis::kRepaired: return "repaired";
  }
  return "format";
}

std::optional<Basis> basisFromName(std::string_view name) {
  for (Basis b : kAllBases)
    if (basisName(b) == name) return b;
  return std::nullopt;
}

BasisSet foldBasis(BasisSet a, BasisSet b) {
  const BasisSet both = a | b;
  // The value's own facts hold for every occurrence that showed them: a union. Context differs
  // per occurrence; a finding tells the best one (one labelled occurrence makes the value a
  // labelled one for the person reading it), as a match tells exactly one.
  BasisSet folded = both & (basisBit(Basis::kChecksum) | basisBit(Basis::kRepaired));
  for (Basis context : {Basis::kLabel, Basis::kKeyword, Basis::kFormat}) {
    if (hasBasis(both, context)) {
      folded |= basisBit(context);
      break;
    }
  }
  return folded;
}

}  // namespace jamul::scanner
