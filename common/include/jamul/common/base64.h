// SPDX-License-Identifier: Apache-2.0
#pragma once

// Standard base64 (RFC 4648 §4, with padding). Used to carry raw bytes (non-UTF-8 file names)
// through JSON. Pure and thread-safe.

#include <optional>
#include <string>
#include <string_view>

namespace jamul::base64 {

std::string encode(std::string_view bytes);
// Returns std::nullopt if `text` is not canonical padded base64.
std::optional<std::string> decode(std::string_view text);

}  // namespace jamul::base64
