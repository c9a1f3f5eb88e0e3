// SPDX-License-Identifier: Apache-2.0
#pragma once

// Versions of Jamul's wire formats. The messages themselves (local API between agent and tray,
// console API between agent and console) arrive with the issues that build those components; each
// is documented in docs/local-api.md and docs/console-api.md. A peer refuses a major version it does
// not know.

namespace jamul::protocol {

inline constexpr int kLocalApiVersion = 1;
inline constexpr int kConsoleApiVersion = 1;

}  // namespace jamul::protocol
