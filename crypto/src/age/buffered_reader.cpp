// SPDX-License-Identifier: Apache-2.0
#include "age/buffered_reader.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "jamul/common/check.h"

namespace jamul::crypto::age::detail {

BufferedReader::BufferedReader(ByteSource& source, std::size_t capacity)
    : source_(source), buffer_(capacity) {}

BufferedReader::~BufferedReader() { sodium_memzero(buffer_.data(), buffer_.size()); }

Result<std::size_t> BufferedReader::fill(std::size_t n) {
  JAMUL_CHECK(n <= buffer_.size());
  if (end_ - begin_ >= n || eof_) return end_ - begin_;
  // Move the unread tail to the front only when `n` would not fit behind it: the tail is short
  // (less than what the caller asked for), so this costs little and keeps reads large.
  if (buffer_.size() - begin_ < n) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  while (end_ - begin_ < n && !eof_) {
    JAMUL_ASSIGN_OR_RETURN(std::size_t got, source_.read(std::span(buffer_).subspan(end_)));
    if (got == 0) eof_ = true;
    end_ += got;
  }
  return end_ - begin_;
}

void BufferedReader::consume(std::size_t n) {
  JAMUL_CHECK(n <= end_ - begin_);
  begin_ += n;
  if (begin_ == end_) begin_ = end_ = 0;
}

Result<std::size_t> BufferedReader::read(std::span<std::uint8_t> out) {
  if (begin_ == end_ && !eof_ && out.size() >= buffer_.size()) {
    JAMUL_ASSIGN_OR_RETURN(std::size_t got, source_.read(out));
    if (got == 0) eof_ = true;
    return got;
  }
  JAMUL_ASSIGN_OR_RETURN(std::size_t have, fill(1));
  const std::size_t n = std::min(have, out.size());
  std::memcpy(out.data(), buffer_.data() + begin_, n);
  consume(n);
  return n;
}

}  // namespace jamul::crypto::age::detail
