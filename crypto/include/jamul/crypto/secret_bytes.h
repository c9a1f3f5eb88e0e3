// SPDX-License-Identifier: Apache-2.0
#pragma once

// SecretBytes: a fixed-size buffer for key material, allocated with sodium_malloc (guard pages,
// locked in memory where the OS allows, never swapped out silently) and wiped when freed
// (DESIGN.md §8). Move-only.
//
// Thread-safety: a value type; concurrent reads of one instance are safe.

#include <cstddef>
#include <cstdint>
#include <span>

#include "jamul/common/result.h"

namespace jamul::crypto {

class SecretBytes {
 public:
  // Allocates `size` zeroed bytes. Fails with kUnavailable if secure memory cannot be allocated.
  static Result<SecretBytes> allocate(std::size_t size);
  // Allocates `size` bytes filled from the OS CSPRNG.
  static Result<SecretBytes> random(std::size_t size);

  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;
  ~SecretBytes();

  std::span<std::uint8_t> bytes() { return {data_, size_}; }
  std::span<const std::uint8_t> bytes() const { return {data_, size_}; }
  std::size_t size() const { return size_; }

 private:
  SecretBytes(std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace jamul::crypto
