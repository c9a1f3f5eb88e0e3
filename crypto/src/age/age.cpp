// SPDX-License-Identifier: Apache-2.0
// Putting the age v1 file together (age-encryption.org/v1, "Encrypted file format"): the header
// wraps a fresh file key for each recipient and is authenticated by a MAC under that key; the
// payload follows.
#include "jamul/crypto/age.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>

#include "age/armor.h"
#include "age/base64_strict.h"
#include "age/buffered_reader.h"
#include "age/file_key.h"
#include "age/payload.h"
#include "age/recipient_stanzas.h"
#include "sodium_init.h"

namespace jamul::crypto::age {
namespace {

using detail::kScryptStanzaType;
using detail::kX25519StanzaType;

Error headerError(std::string what) { return Error(ErrorCode::kCorrupt, "age header: " + what); }

std::span<const std::uint8_t> bytesOf(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

bool isPassphrase(const Recipient& r) { return std::holds_alternative<const Passphrase*>(r); }

Status encryptBinary(ByteSource& in, ByteSink& out, std::span<const Recipient> recipients) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  if (recipients.empty()) return Error(ErrorCode::kInvalidArgument, "no recipients");
  if (std::any_of(recipients.begin(), recipients.end(), isPassphrase) && recipients.size() != 1)
    return Error(ErrorCode::kInvalidArgument, "a passphrase must be the only recipient");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes file_key, detail::generateFileKey());
  std::vector<Stanza> stanzas;
  for (const Recipient& r : recipients) {
    Result<Stanza> stanza = isPassphrase(r)
                                ? detail::wrapScrypt(*std::get<const Passphrase*>(r), file_key)
                                : detail::wrapX25519(std::get<X25519Recipient>(r), file_key);
    if (!stanza) return stanza.error();
    stanzas.push_back(std::move(*stanza));
  }
  std::string header = serializeHeaderWithoutMac(stanzas);
  JAMUL_ASSIGN_OR_RETURN(const auto mac, detail::headerMac(file_key, header));
  header += ' ';
  header += detail::base64NoPad(mac);
  header += '\n';
  JAMUL_RETURN_IF_ERROR(out.write(bytesOf(header)));
  return detail::encryptPayload(file_key, in, out);
}

// Reads the header's lines up to and including the MAC line (at most kMaxHeaderBytes), so that
// the pure parser sees it whole and the payload stays in the reader.
Result<std::string> readHeaderText(detail::BufferedReader& in) {
  JAMUL_ASSIGN_OR_RETURN(std::size_t have, in.fill(kVersionPrefix.size()));
  const auto head = in.buffered();
  const std::string_view start(reinterpret_cast<const char*>(head.data()), have);
  if (!start.starts_with(kVersionPrefix)) return parseHeader(start).error();
  std::string text;
  std::size_t line_start = 0;
  for (;;) {
    JAMUL_ASSIGN_OR_RETURN(have, in.fill(1));
    if (have == 0) return headerError("truncated");
    const auto view = in.buffered();
    const auto nl = std::find(view.begin(), view.end(), '\n');
    const std::size_t take =
        static_cast<std::size_t>(nl - view.begin()) + (nl != view.end() ? 1 : 0);
    if (text.size() + take > kMaxHeaderBytes) return headerError("longer than the limit of 1 MiB");
    text.append(reinterpret_cast<const char*>(view.data()), take);
    in.consume(take);
    if (nl == view.end()) continue;
    if (std::string_view(text).substr(line_start).starts_with("---")) return text;
    line_start = text.size();
  }
}

// The file key from the first identity that opens a stanza addressed to its type.
Result<SecretBytes> fileKeyFrom(const Header& header, std::span<const Identity> identities,
                                DecryptInfo& info) {
  const bool has_scrypt = std::any_of(header.stanzas.begin(), header.stanzas.end(),
                                      [](const Stanza& s) { return s.type == kScryptStanzaType; });
  // The spec: "The identity implementation MUST reject headers where an scrypt stanza is present
  // alongside any other stanza."
  if (has_scrypt && header.stanzas.size() != 1)
    return headerError("an scrypt stanza must be the only stanza");
  bool have_passphrase = false;
  for (const Identity& id : identities) {
    const bool passphrase = std::holds_alternative<const Passphrase*>(id);
    have_passphrase |= passphrase;
    for (const Stanza& s : header.stanzas) {
      Result<std::optional<SecretBytes>> key = std::optional<SecretBytes>();
      if (passphrase && s.type == kScryptStanzaType)
        key = detail::unwrapScrypt(*std::get<const Passphrase*>(id), s);
      else if (!passphrase && s.type == kX25519StanzaType)
        key = detail::unwrapX25519(*std::get<const X25519Identity*>(id), s);
      else
        continue;  // another type's stanza: not ours to judge (spec: MUST ignore)
      if (!key) return key.error();
      if (*key) {
        info.passphrase = passphrase;
        return std::move(**key);
      }
    }
  }
  if (has_scrypt && !have_passphrase)
    return Error(ErrorCode::kWrongKey,
                 "the file is passphrase-encrypted and no passphrase was given");
  if (!has_scrypt && have_passphrase && identities.size() == 1)
    return Error(ErrorCode::kWrongKey, "the file is not passphrase-encrypted");
  return Error(ErrorCode::kWrongKey, "no identity opens this file (wrong key or passphrase)");
}

Result<DecryptInfo> decryptBinary(detail::BufferedReader& in, ByteSink& out,
                                  std::span<const Identity> identities, bool armored) {
  JAMUL_ASSIGN_OR_RETURN(const std::string text, readHeaderText(in));
  JAMUL_ASSIGN_OR_RETURN(const ParsedHeader parsed, parseHeader(text));
  DecryptInfo info;
  info.armored = armored;
  JAMUL_ASSIGN_OR_RETURN(const SecretBytes file_key, fileKeyFrom(parsed.header, identities, info));
  JAMUL_ASSIGN_OR_RETURN(
      const auto mac,
      detail::headerMac(file_key, std::string_view(text).substr(0, parsed.mac_input_size)));
  if (sodium_memcmp(mac.data(), parsed.header.mac.data(), mac.size()) != 0)
    return Error(ErrorCode::kCorrupt, "age header MAC mismatch: the header was altered");
  JAMUL_ASSIGN_OR_RETURN(info.plaintext_bytes, detail::decryptPayload(file_key, in, out));
  return info;
}

// Creates `path` for writing (0600, O_EXCL), runs `body` on it, and removes it again on failure.
template <typename Body>
auto withNewFile(const std::string& path, Body&& body) -> decltype(body(0)) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return Error(ErrorCode::kInvalidArgument, "already exists", path);
    return errorFromErrno(errno, "create", path);
  }
  auto result = body(fd);
  if (::close(fd) != 0 && result) result = errorFromErrno(errno, "close", path);
  if (!result) ::unlink(path.c_str());
  return result;
}

Result<int> openForReading(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errorFromErrno(errno, "open", path);
  return fd;
}

}  // namespace

Status encrypt(ByteSource& in, ByteSink& out, std::span<const Recipient> recipients,
               const EncryptOptions& options) {
  if (!options.armor) return encryptBinary(in, out, recipients);
  detail::ArmorWriter armor(out);
  JAMUL_RETURN_IF_ERROR(armor.begin());
  JAMUL_RETURN_IF_ERROR(encryptBinary(in, armor, recipients));
  return armor.finish();
}

Result<DecryptInfo> decrypt(ByteSource& in, ByteSink& out, std::span<const Identity> identities) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  detail::BufferedReader raw(in, detail::kReadAheadBytes);
  // Enough to see past the whitespace age allows before an armor (up to 1 KiB) to its begin line.
  JAMUL_ASSIGN_OR_RETURN(std::size_t have, raw.fill(1024 + detail::kArmorBegin.size()));
  if (!detail::looksArmored(raw.buffered().first(have)))
    return decryptBinary(raw, out, identities, false);
  detail::ArmorReader armor(raw);
  JAMUL_RETURN_IF_ERROR(armor.begin());
  detail::BufferedReader decoded(armor, detail::kReadAheadBytes);
  return decryptBinary(decoded, out, identities, true);
}

Result<std::string> encryptBytes(std::string_view plaintext, std::span<const Recipient> recipients,
                                 const EncryptOptions& options) {
  MemorySource in(plaintext);
  StringSink out;
  JAMUL_RETURN_IF_ERROR(encrypt(in, out, recipients, options));
  return std::move(out.bytes);
}

Result<std::string> decryptBytes(std::string_view file, std::span<const Identity> identities) {
  MemorySource in(file);
  StringSink out;
  auto info = decrypt(in, out, identities);
  if (!info) {
    sodium_memzero(out.bytes.data(), out.bytes.size());
    return info.error();
  }
  return std::move(out.bytes);
}

Status encryptFile(const std::string& plain_path, const std::string& sealed_path,
                   std::span<const Recipient> recipients, const EncryptOptions& options) {
  JAMUL_ASSIGN_OR_RETURN(const int in_fd, openForReading(plain_path));
  Status status = withNewFile(sealed_path, [&](int out_fd) -> Status {
    FdSource in(in_fd);
    FdSink out(out_fd);
    return encrypt(in, out, recipients, options);
  });
  ::close(in_fd);
  return status;
}

Result<DecryptInfo> decryptFile(const std::string& sealed_path, const std::string& plain_path,
                                std::span<const Identity> identities) {
  JAMUL_ASSIGN_OR_RETURN(const int in_fd, openForReading(sealed_path));
  Result<DecryptInfo> info = withNewFile(plain_path, [&](int out_fd) -> Result<DecryptInfo> {
    FdSource in(in_fd);
    FdSink out(out_fd);
    return decrypt(in, out, identities);
  });
  ::close(in_fd);
  return info;
}

}  // namespace jamul::crypto::age
