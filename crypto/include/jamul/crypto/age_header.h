// SPDX-License-Identifier: Apache-2.0
#pragma once

// The textual header of an age v1 file (age-encryption.org/v1, "Header"): the version line, one
// or more recipient stanzas, and the MAC line.
//
//   age-encryption.org/v1
//   -> X25519 XEl0dJ6y3C7KZkgmgWUicg63EyXJiwBJW8PdYJ/cYBE
//   qRS0AMjdjPvZ/WT08U2KL4G+PIooA3hy38SvLpvaC1E
//   --- HK2NmOBN9Dpq0Gw6xMCuhFcQlQLvZ/wQUi/2scLG75s
//
// parseHeader() is strict, exactly as the spec's ABNF (and the age testkit) demand: LF line ends
// only; arguments of VCHARs separated by single spaces; bodies in canonical unpadded base64
// wrapped at 64 columns and ended by a shorter (possibly empty) line; a MAC of exactly 32 bytes.
// So every header it accepts has one spelling, and serializeHeader(parseHeader(x)) == x. It
// knows nothing about recipient types and checks no MAC (that needs the file key: age.h).
//
// Limits (ours, not the spec's): a header of at most kMaxHeaderBytes, so a hostile file cannot
// make us buffer without end.
//
// Errors: input that does not start with "age-encryption.org/" is kUnsupportedFormat ("not an
// age file"); anything else that is not a valid v1 header is kCorrupt with a message starting
// "age header: " and saying which rule broke. Messages quote no input.
//
// Thread-safety: pure functions.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::crypto::age {

inline constexpr std::string_view kVersionLine = "age-encryption.org/v1";
inline constexpr std::string_view kVersionPrefix = "age-encryption.org/";
inline constexpr std::size_t kMaxHeaderBytes = 1 << 20;
inline constexpr std::size_t kHeaderMacBytes = 32;

struct Stanza {
  std::string type;               // the first argument: "X25519", "scrypt", or another type
  std::vector<std::string> args;  // the arguments after the type
  std::vector<std::uint8_t> body;
};

struct Header {
  std::vector<Stanza> stanzas;
  std::array<std::uint8_t, kHeaderMacBytes> mac{};
};

struct ParsedHeader {
  Header header;
  std::size_t size = 0;            // bytes of input the header takes, through the MAC line's LF
  std::size_t mac_input_size = 0;  // bytes the MAC covers: up to and including "---"
};

// Parses the header at the start of `bytes` (what follows it, the payload, is not looked at).
// kUnsupportedFormat, kCorrupt as above; a header cut short is kCorrupt "age header: truncated".
Result<ParsedHeader> parseHeader(std::string_view bytes);

// The header text that the MAC covers: version line, stanzas, and "---" (no space, no LF).
// REQUIRES: each stanza has a type, and its type and arguments are non-empty VCHAR strings.
std::string serializeHeaderWithoutMac(std::span<const Stanza> stanzas);
// The whole header: serializeHeaderWithoutMac() + " " + base64(mac) + "\n".
std::string serializeHeader(const Header& header);

}  // namespace jamul::crypto::age
