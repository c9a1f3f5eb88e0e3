// SPDX-License-Identifier: Apache-2.0
#pragma once

// BufferedReader: a fixed-capacity read-ahead buffer over a ByteSource, so that the header and
// armor code can look ahead while the source is read in large blocks. It is itself a ByteSource:
// read() hands out the buffered bytes first, then reads large requests straight from the source
// (the payload's batches), so that switching from lines to bulk data costs no copy. Memory: one
// buffer of `capacity` bytes, allocated once.
//
// Thread-safety: one instance per thread.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "jamul/common/result.h"
#include "jamul/crypto/age_io.h"

namespace jamul::crypto::age::detail {

class BufferedReader final : public ByteSource {
 public:
  BufferedReader(ByteSource& source, std::size_t capacity);
  ~BufferedReader();  // wipes the buffer (it may have held plaintext)

  // Buffers at least `n` bytes unless the input ends first; returns how many are buffered.
  // REQUIRES: n <= capacity. Source errors pass through.
  Result<std::size_t> fill(std::size_t n);
  std::span<const std::uint8_t> buffered() const {
    return std::span<const std::uint8_t>(buffer_).subspan(begin_, end_ - begin_);
  }
  // REQUIRES: n <= buffered().size().
  void consume(std::size_t n);

  // ByteSource: buffered bytes first, then the source's.
  Result<std::size_t> read(std::span<std::uint8_t> out) override;

 private:
  ByteSource& source_;
  std::vector<std::uint8_t> buffer_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
};

}  // namespace jamul::crypto::age::detail
