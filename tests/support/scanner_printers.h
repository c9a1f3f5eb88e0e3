// SPDX-License-Identifier: Apache-2.0
#pragma once

// Stream operators through which Boost.Test prints scanner and common values in failed checks.

#include <optional>
#include <ostream>

#include "jamul/common/error.h"
#include "jamul/scanner/file_report.h"
#include "jamul/scanner/rule.h"

namespace jamul {
inline std::ostream& operator<<(std::ostream& os, ErrorCode code) { return os << errorCodeName(code); }
inline std::ostream& operator<<(std::ostream& os, const std::optional<ErrorCode>& code) {
  return code ? os << *code : os << "(none)";
}
}  // namespace jamul

namespace jamul::scanner {
inline std::ostream& operator<<(std::ostream& os, RuleId rule) { return os << ruleName(rule); }
inline std::ostream& operator<<(std::ostream& os, Confidence c) { return os << confidenceName(c); }
inline std::ostream& operator<<(std::ostream& os, FileStatus s) { return os << fileStatusName(s); }
inline std::ostream& operator<<(std::ostream& os, const std::optional<RuleId>& rule) {
  return rule ? os << *rule : os << "(none)";
}
inline std::ostream& operator<<(std::ostream& os, const std::optional<Confidence>& c) {
  return c ? os << *c : os << "(none)";
}
}  // namespace jamul::scanner
