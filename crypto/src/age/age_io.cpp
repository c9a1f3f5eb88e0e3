// SPDX-License-Identifier: Apache-2.0
#include "jamul/crypto/age_io.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace jamul::crypto::age {

Result<std::size_t> FdSource::read(std::span<std::uint8_t> out) {
  for (;;) {
    const ssize_t n = ::read(fd_, out.data(), out.size());
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) return errorFromErrno(errno, "read");
  }
}

Status FdSink::write(std::span<const std::uint8_t> bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errorFromErrno(errno, "write");
    }
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
  return okStatus();
}

Status BufferedFdSink::write(std::span<const std::uint8_t> bytes) {
  if (buffer_.size() + bytes.size() > kBytes) JAMUL_RETURN_IF_ERROR(flush());
  if (bytes.size() >= kBytes) return fd_.write(bytes);
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  return okStatus();
}

Status BufferedFdSink::flush() {
  if (buffer_.empty()) return okStatus();
  JAMUL_RETURN_IF_ERROR(fd_.write(buffer_));
  buffer_.clear();
  return okStatus();
}

Result<std::size_t> MemorySource::read(std::span<std::uint8_t> out) {
  const std::size_t n = std::min(out.size(), bytes_.size());
  std::memcpy(out.data(), bytes_.data(), n);
  bytes_.remove_prefix(n);
  return n;
}

Status StringSink::write(std::span<const std::uint8_t> written) {
  bytes.append(reinterpret_cast<const char*>(written.data()), written.size());
  return okStatus();
}

}  // namespace jamul::crypto::age
