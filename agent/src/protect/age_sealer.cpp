// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/age_sealer.h"

#include <string>
#include <vector>

#include "platform/env.h"

namespace jamul::agent {
namespace {

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

// A descriptor read through the Env.
class EnvSource final : public ByteSource {
 public:
  EnvSource(Env& env, int fd) : env_(env), fd_(fd) {}
  Result<std::size_t> read(std::span<std::uint8_t> out) override {
    return env_.read(fd_, out, kWhat);
  }

 private:
  static inline const std::string kWhat;  // the caller's error names the file
  Env& env_;
  int fd_;
};

// A descriptor written through the Env, 256 KiB at a time (one write per 64 KiB age chunk cost
// four times the system calls). flush() writes what is left; call it before relying on the file.
class EnvSink final : public ByteSink {
 public:
  EnvSink(Env& env, int fd) : env_(env), fd_(fd) { buffer_.reserve(kBytes); }
  Status write(std::span<const std::uint8_t> bytes) override {
    if (buffer_.size() + bytes.size() > kBytes) JAMUL_RETURN_IF_ERROR(flush());
    if (bytes.size() >= kBytes) return env_.writeAll(fd_, bytes, kWhat);
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
    return okStatus();
  }
  Status flush() {
    if (buffer_.empty()) return okStatus();
    const Status s = env_.writeAll(fd_, buffer_, kWhat);
    buffer_.clear();
    return s;
  }

 private:
  static constexpr std::size_t kBytes = 256 * 1024;
  static inline const std::string kWhat;  // the caller's error names the file
  Env& env_;
  int fd_;
  std::vector<std::uint8_t> buffer_;
};

}  // namespace

AgeSealer::AgeSealer(std::vector<crypto::age::Recipient> recipients,
                     std::vector<crypto::age::Identity> identities, Env* env)
    : recipients_(std::move(recipients)),
      identities_(std::move(identities)),
      env_(env != nullptr ? *env : Env::system()) {}

Result<ContentHash> AgeSealer::seal(int plain_fd, int sealed_fd) {
  EnvSource file(env_, plain_fd);
  HashingSource in(file);
  EnvSink out(env_, sealed_fd);
  JAMUL_RETURN_IF_ERROR(crypto::age::encrypt(in, out, recipients_));
  JAMUL_RETURN_IF_ERROR(out.flush());
  return in.hasher.finish();
}

Result<ContentHash> AgeSealer::verify(int sealed_fd) {
  EnvSource in(env_, sealed_fd);
  HashingSink out(nullptr);
  JAMUL_ASSIGN_OR_RETURN(crypto::age::DecryptInfo info, crypto::age::decrypt(in, out, identities_));
  (void)info;
  return out.hasher.finish();
}

Result<ContentHash> AgeSealer::unseal(int sealed_fd, int plain_fd) {
  EnvSource in(env_, sealed_fd);
  EnvSink file(env_, plain_fd);
  HashingSink out(&file);
  JAMUL_ASSIGN_OR_RETURN(crypto::age::DecryptInfo info, crypto::age::decrypt(in, out, identities_));
  (void)info;
  JAMUL_RETURN_IF_ERROR(file.flush());
  return out.hasher.finish();
}

Result<ContentHash> AgeSealer::hash(int plain_fd) {
  EnvSource in(env_, plain_fd);
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
