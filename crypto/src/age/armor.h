// SPDX-License-Identifier: Apache-2.0
#pragma once

// ASCII armor (age-encryption.org/v1, "ASCII armor"): the strict PEM of RFC 7468 §3 (Figure 3)
// with the label "AGE ENCRYPTED FILE" and padded base64 in lines of 64 columns.
//
// ArmorReader is strict as age and its testkit (armor_* vectors) demand: only whitespace (space,
// tab, CR, LF) before the begin line and after the end line; no headers; lines end with LF or
// CRLF; every line but the last holds exactly 64 characters, the last 1 to 64 (a multiple of 4);
// '=' padding only at the very end; canonical base64; no empty lines. Errors are kCorrupt
// "age armor: ...".
//
// ArmorWriter writes the same form with LF line ends.
//
// Thread-safety: one instance per thread.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "age/buffered_reader.h"
#include "jamul/common/result.h"
#include "jamul/crypto/age_io.h"

namespace jamul::crypto::age::detail {

inline constexpr std::string_view kArmorBegin = "-----BEGIN AGE ENCRYPTED FILE-----";
inline constexpr std::string_view kArmorEnd = "-----END AGE ENCRYPTED FILE-----";

// Whether the input at `head` (its first bytes) is to be read as armor rather than as a binary
// age file: after optional whitespace it starts like a PEM line, or it holds the armor's begin
// line after some garbage (which then fails as armor, as it should).
bool looksArmored(std::span<const std::uint8_t> head);

class ArmorReader final : public ByteSource {
 public:
  explicit ArmorReader(BufferedReader& in) : in_(in) {}

  // Reads the leading whitespace and the begin line.
  Status begin();
  // Decoded bytes; 0 after the end line (and the whitespace after it) has been checked.
  Result<std::size_t> read(std::span<std::uint8_t> out) override;

 private:
  Result<std::string_view> line();
  Status nextLine();
  Status checkTrailer();

  BufferedReader& in_;
  std::vector<std::uint8_t> decoded_;  // of the current line (at most 48 bytes)
  std::size_t decoded_pos_ = 0;
  std::string line_;
  std::size_t lines_ = 0;
  bool last_line_seen_ = false, done_ = false;
};

class ArmorWriter final : public ByteSink {
 public:
  explicit ArmorWriter(ByteSink& out) : out_(out) {}

  Status begin();
  Status write(std::span<const std::uint8_t> bytes) override;
  // Writes the last (short) line and the end line. REQUIRES: called once, after the last write.
  Status finish();

 private:
  Status flushText();

  ByteSink& out_;
  std::array<std::uint8_t, 48> pending_{};  // bytes of the next, not yet full, line
  std::size_t pending_size_ = 0;
  std::string text_;  // encoded lines waiting to be written
};

}  // namespace jamul::crypto::age::detail
