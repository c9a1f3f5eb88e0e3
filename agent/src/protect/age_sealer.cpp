// SPDX-License-Identifier: Apache-2.0
#include "protect/age_sealer.h"

#include <vector>

namespace jamul::agent {
namespace {

using crypto::age::BufferedFdSink;
using crypto::age::ByteSink;
using crypto::age::ByteSource;
using crypto::age::ContentHasher;

// Hashes what passes through to the inner source or sink (or nowhere).
class HashingSource final : public ByteSource {
 public:
  explicit HashingSource(ByteSource& inner) : inner_(inner) {}
  Result<std::size_t> read(std::span<std::uint8_t> out) override {
    JAMUL_ASSIGN_OR_RETURN(std::size_t n, inner_.read(out));
    hasher.update(out.first(n));
    return n;
  }
  ContentHasher hasher;

 private:
  ByteSource& inner_;
};

class HashingSink final : public ByteSink {
 public:
  explicit HashingSink(ByteSink* inner) : inner_(inner) {}
  Status write(std::span<const std::uint8_t> bytes) override {
    hasher.update(bytes);
    return inner_ != nullptr ? inner_->write(bytes) : okStatus();
  }
  ContentHasher hasher;

 private:
  ByteSink* inner_;
};

}  // namespace

Result<ContentHash> AgeSealer::seal(int plain_fd, int sealed_fd) {
  crypto::age::FdSource file(plain_fd);
  HashingSource in(file);
  BufferedFdSink out(sealed_fd);
  JAMUL_RETURN_IF_ERROR(crypto::age::encrypt(in, out, recipients_));
  JAMUL_RETURN_IF_ERROR(out.flush());
  return in.hasher.finish();
}

Result<ContentHash> AgeSealer::verify(int sealed_fd) {
  crypto::age::FdSource in(sealed_fd);
  HashingSink out(nullptr);
  JAMUL_ASSIGN_OR_RETURN(crypto::age::DecryptInfo info, crypto::age::decrypt(in, out, identities_));
  (void)info;
  return out.hasher.finish();
}

Result<ContentHash> AgeSealer::unseal(int sealed_fd, int plain_fd) {
  crypto::age::FdSource in(sealed_fd);
  BufferedFdSink file(plain_fd);
  HashingSink out(&file);
  JAMUL_ASSIGN_OR_RETURN(crypto::age::DecryptInfo info, crypto::age::decrypt(in, out, identities_));
  (void)info;
  JAMUL_RETURN_IF_ERROR(file.flush());
  return out.hasher.finish();
}

Result<ContentHash> AgeSealer::hash(int plain_fd) {
  crypto::age::FdSource in(plain_fd);
  ContentHasher hasher;
  std::vector<std::uint8_t> buffer(256 * 1024);
  for (;;) {
    JAMUL_ASSIGN_OR_RETURN(std::size_t n, in.read(buffer));
    if (n == 0) break;
    hasher.update(std::span(buffer).first(n));
  }
  return hasher.finish();
}

}  // namespace jamul::agent
