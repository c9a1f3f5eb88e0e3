// SPDX-License-Identifier: Apache-2.0
// Identity files as age's ParseIdentities and `age -i` read them (age(1), "IDENTITY FILES").
#include <sodium.h>

#include <cstring>

#include "age/armor.h"
#include "jamul/crypto/age.h"
#include "jamul/crypto/age_identity_file.h"

namespace jamul::crypto::age {
namespace {

// Collects a decrypted identity file in secure memory (its size is bounded by the ciphertext's).
class SecretSink final : public ByteSink {
 public:
  explicit SecretSink(SecretBytes buffer) : buffer_(std::move(buffer)) {}
  Status write(std::span<const std::uint8_t> bytes) override {
    if (bytes.size() > buffer_.size() - size_)
      return Error(ErrorCode::kTooLarge, "decrypted identity file too large");
    std::memcpy(buffer_.bytes().data() + size_, bytes.data(), bytes.size());
    size_ += bytes.size();
    return okStatus();
  }
  std::string_view text() const {
    return {reinterpret_cast<const char*>(buffer_.bytes().data()), size_};
  }

 private:
  SecretBytes buffer_;
  std::size_t size_ = 0;
};

std::string_view trim(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
    line.remove_suffix(1);
  return line;
}

Result<std::vector<X25519Identity>> parsePlain(std::string_view text) {
  std::vector<X25519Identity> out;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    const std::string_view line = trim(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const std::string where = "identity file line " + std::to_string(line_no);
    if (line.starts_with("AGE-PLUGIN-"))
      return Error(ErrorCode::kUnsupportedFormat,
                   where + ": age plugin identities are not supported");
    if (line.starts_with("-----BEGIN") || line.starts_with("ssh-"))
      return Error(ErrorCode::kUnsupportedFormat,
                   where + ": SSH keys are not supported as identities");
    auto id = X25519Identity::parse(line);
    if (!id) return Error(ErrorCode::kInvalidArgument, where + ": not an age X25519 identity");
    out.push_back(std::move(*id));
  }
  if (out.empty()) return Error(ErrorCode::kInvalidArgument, "no identity in the identity file");
  return out;
}

}  // namespace

bool isEncryptedIdentityFile(std::string_view text) {
  if (text.starts_with(kVersionLine) && text.substr(kVersionLine.size()).starts_with('\n'))
    return true;
  const auto start = text.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && text.substr(start).starts_with(detail::kArmorBegin);
}

Result<std::vector<X25519Identity>> parseIdentityFile(std::string_view text,
                                                      const Passphrase* passphrase) {
  if (text.size() > kMaxIdentityFileBytes)
    return Error(ErrorCode::kTooLarge, "identity file too large");
  if (!isEncryptedIdentityFile(text)) return parsePlain(text);
  if (passphrase == nullptr)
    return Error(ErrorCode::kWrongKey,
                 "the identity file is passphrase-encrypted: a passphrase is needed");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes buffer, SecretBytes::allocate(text.size()));
  SecretSink plain(std::move(buffer));
  MemorySource in(text);
  const Identity ids[] = {passphrase};
  JAMUL_ASSIGN_OR_RETURN(const DecryptInfo info, decrypt(in, plain, ids));
  (void)info;
  return parsePlain(plain.text());
}

}  // namespace jamul::crypto::age
