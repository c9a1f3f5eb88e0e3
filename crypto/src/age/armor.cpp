// SPDX-License-Identifier: Apache-2.0
#include "age/armor.h"

#include <algorithm>
#include <cstring>

#include "age/base64_strict.h"

namespace jamul::crypto::age::detail {
namespace {

constexpr std::size_t kColumns = 64;
constexpr std::size_t kBytesPerLine = 48;
constexpr std::size_t kMaxLine = 80;  // longer than any valid line with its CRLF
constexpr std::size_t kWriteBatch = 256 * 1024;

Error armorError(std::string what) { return Error(ErrorCode::kCorrupt, "age armor: " + what); }

bool isSpace(std::uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::span<const std::uint8_t> bytesOf(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

bool looksArmored(std::span<const std::uint8_t> head) {
  std::size_t skip = 0;
  while (skip < head.size() && isSpace(head[skip])) ++skip;
  const std::string_view rest(reinterpret_cast<const char*>(head.data()) + skip,
                              head.size() - skip);
  if (rest.starts_with("-----")) return true;
  return !rest.starts_with("age-encryption.org/") &&
         rest.find(kArmorBegin) != std::string_view::npos;
}

// One line without its LF or CRLF; an error if it is too long, or if the input ends first unless
// this is the end line (the file may end right after it: armor_no_eol).
Result<std::string_view> ArmorReader::line() {
  line_.clear();
  for (;;) {
    JAMUL_ASSIGN_OR_RETURN(std::size_t have, in_.fill(1));
    if (have == 0) {
      if (line_ == kArmorEnd) return std::string_view(line_);
      return armorError(line_.empty() ? "no end line" : "truncated line");
    }
    const auto view = in_.buffered();
    const auto nl = std::find(view.begin(), view.end(), '\n');
    const std::size_t take = static_cast<std::size_t>(nl - view.begin());
    line_.append(reinterpret_cast<const char*>(view.data()), take);
    in_.consume(take + (nl != view.end() ? 1 : 0));
    if (line_.size() > kMaxLine) return armorError("line too long");
    if (nl != view.end()) break;
  }
  if (line_.ends_with('\r')) line_.pop_back();
  return std::string_view(line_);
}

Status ArmorReader::begin() {
  for (;;) {
    JAMUL_ASSIGN_OR_RETURN(std::size_t have, in_.fill(1));
    if (have == 0) return armorError("no begin line");
    if (!isSpace(in_.buffered()[0])) break;
    in_.consume(1);
  }
  JAMUL_ASSIGN_OR_RETURN(std::string_view first, line());
  if (first != kArmorBegin) return armorError("not the begin line of an age armor");
  return okStatus();
}

Status ArmorReader::checkTrailer() {
  for (;;) {
    JAMUL_ASSIGN_OR_RETURN(std::size_t have, in_.fill(1));
    if (have == 0) return okStatus();
    const auto view = in_.buffered();
    if (!std::all_of(view.begin(), view.end(), isSpace))
      return armorError("data after the end line");
    in_.consume(view.size());
  }
}

Status ArmorReader::nextLine() {
  JAMUL_ASSIGN_OR_RETURN(std::string_view text, line());
  if (text == kArmorEnd) {
    if (lines_ == 0) return armorError("no data");
    JAMUL_RETURN_IF_ERROR(checkTrailer());
    done_ = true;
    return okStatus();
  }
  if (last_line_seen_) return armorError("data after the last (short or padded) line");
  if (text.empty()) return armorError("empty line");
  if (text.size() > kColumns) return armorError("line longer than 64 columns");
  if (text.size() % 4 != 0) return armorError("line length not a multiple of 4");
  if (text.size() < kColumns || text.back() == '=') last_line_seen_ = true;
  decoded_.clear();
  decoded_pos_ = 0;
  if (!decodeBase64PaddedTo(text, decoded_)) return armorError("invalid or non-canonical base64");
  ++lines_;
  return okStatus();
}

Result<std::size_t> ArmorReader::read(std::span<std::uint8_t> out) {
  std::size_t written = 0;
  while (written < out.size() && !done_) {
    if (decoded_pos_ == decoded_.size()) {
      JAMUL_RETURN_IF_ERROR(nextLine());
      continue;
    }
    const std::size_t n = std::min(out.size() - written, decoded_.size() - decoded_pos_);
    std::memcpy(out.data() + written, decoded_.data() + decoded_pos_, n);
    decoded_pos_ += n;
    written += n;
  }
  return written;
}

Status ArmorWriter::begin() {
  text_.reserve(kWriteBatch + 2 * kColumns);
  text_.append(kArmorBegin);
  text_ += '\n';
  return okStatus();
}

Status ArmorWriter::flushText() {
  if (text_.empty()) return okStatus();
  JAMUL_RETURN_IF_ERROR(out_.write(bytesOf(text_)));
  text_.clear();
  return okStatus();
}

Status ArmorWriter::write(std::span<const std::uint8_t> bytes) {
  while (!bytes.empty()) {
    if (pending_size_ == 0 && bytes.size() >= kBytesPerLine) {
      appendBase64Padded(bytes.first(kBytesPerLine), text_);
      text_ += '\n';
      bytes = bytes.subspan(kBytesPerLine);
    } else {
      const std::size_t n = std::min(bytes.size(), kBytesPerLine - pending_size_);
      std::memcpy(pending_.data() + pending_size_, bytes.data(), n);
      pending_size_ += n;
      bytes = bytes.subspan(n);
      if (pending_size_ == kBytesPerLine) {
        appendBase64Padded(pending_, text_);
        text_ += '\n';
        pending_size_ = 0;
      }
    }
    if (text_.size() >= kWriteBatch) JAMUL_RETURN_IF_ERROR(flushText());
  }
  return okStatus();
}

Status ArmorWriter::finish() {
  if (pending_size_ > 0) {
    appendBase64Padded(std::span(pending_).first(pending_size_), text_);
    text_ += '\n';
  }
  text_.append(kArmorEnd);
  text_ += '\n';
  return flushText();
}

}  // namespace jamul::crypto::age::detail
