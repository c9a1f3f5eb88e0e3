// SPDX-License-Identifier: Apache-2.0
#pragma once

// JAMUL_CHECK(cond): aborts with file:line and the condition when a contract is violated. For bugs
// only: expected failures (bad input, I/O) are returned as jamul::Error values instead.

namespace jamul::detail {
[[noreturn]] void checkFailed(const char* condition, const char* file, int line);
}  // namespace jamul::detail

#define JAMUL_CHECK(cond) \
  ((cond) ? static_cast<void>(0) : ::jamul::detail::checkFailed(#cond, __FILE__, __LINE__))
