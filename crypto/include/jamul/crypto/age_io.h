// SPDX-License-Identifier: Apache-2.0
#pragma once

// The byte streams that age encryption and decryption read from and write to (age.h). Two small
// interfaces, so that a caller can put anything behind them: a file descriptor it will fsync, a
// hashing tee, a memory buffer in tests. Implementations here: over a file descriptor and over
// memory.
//
// Contracts:
//   * ByteSource::read() fills a prefix of `out` and returns its length; 0 means end of input
//     (and only then: a short read is not the end). Errors pass through age's functions
//     unchanged.
//   * ByteSink::write() consumes all of `bytes` or fails. The age functions write big blocks
//     (up to 256 KiB) and never retain the span.
//
// Thread-safety: one instance per thread.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::crypto::age {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual Result<std::size_t> read(std::span<std::uint8_t> out) = 0;
};

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status write(std::span<const std::uint8_t> bytes) = 0;
};

// Reads a file descriptor from its current offset (not owned, not closed). EINTR is retried;
// other failures are kIo (or the errno's code, common/error.h).
class FdSource final : public ByteSource {
 public:
  explicit FdSource(int fd) : fd_(fd) {}
  Result<std::size_t> read(std::span<std::uint8_t> out) override;

 private:
  int fd_;
};

// Writes a file descriptor at its current offset (not owned, not closed, not fsynced), retrying
// short writes and EINTR. A full disk is kIo.
class FdSink final : public ByteSink {
 public:
  explicit FdSink(int fd) : fd_(fd) {}
  Status write(std::span<const std::uint8_t> bytes) override;

 private:
  int fd_;
};

// An FdSink that batches writes: one write(2) per 256 KiB rather than one per 64 KiB chunk.
// flush() writes what is still buffered; call it before relying on the file's contents (the
// destructor does not: a write error would have nowhere to go).
class BufferedFdSink final : public ByteSink {
 public:
  explicit BufferedFdSink(int fd) : fd_(fd) { buffer_.reserve(kBytes); }
  Status write(std::span<const std::uint8_t> bytes) override;
  Status flush();

 private:
  static constexpr std::size_t kBytes = 256 * 1024;
  FdSink fd_;
  std::vector<std::uint8_t> buffer_;
};

// Reads borrowed bytes, which must outlive the source.
class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  Result<std::size_t> read(std::span<std::uint8_t> out) override;

 private:
  std::string_view bytes_;
};

// Appends everything written to `bytes`.
class StringSink final : public ByteSink {
 public:
  Status write(std::span<const std::uint8_t> written) override;
  std::string bytes;
};

}  // namespace jamul::crypto::age
