// SPDX-License-Identifier: Apache-2.0
#pragma once

// Little- and big-endian integers read from a byte string, for the binary formats the scanner
// parses (ZIP, OLE2/CFB, HWP records, TIFF/EXIF, BMP). REQUIRES: `at` + the width <= s.size();
// callers check bounds once per structure, not per field.
//
// Pure functions; thread-safe.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace jamul::bytes {

inline std::uint8_t u8(std::string_view s, std::size_t at) {
  return static_cast<std::uint8_t>(s[at]);
}
inline std::uint16_t le16(std::string_view s, std::size_t at) {
  return static_cast<std::uint16_t>(u8(s, at) | (u8(s, at + 1) << 8));
}
inline std::uint32_t le32(std::string_view s, std::size_t at) {
  return le16(s, at) | (static_cast<std::uint32_t>(le16(s, at + 2)) << 16);
}
inline std::uint64_t le64(std::string_view s, std::size_t at) {
  return le32(s, at) | (static_cast<std::uint64_t>(le32(s, at + 4)) << 32);
}
inline std::uint16_t be16(std::string_view s, std::size_t at) {
  return static_cast<std::uint16_t>((u8(s, at) << 8) | u8(s, at + 1));
}
inline std::uint32_t be32(std::string_view s, std::size_t at) {
  return (static_cast<std::uint32_t>(be16(s, at)) << 16) | be16(s, at + 2);
}

}  // namespace jamul::bytes
