// SPDX-License-Identifier: Apache-2.0
// The age v1 format (C2SP age.md, https://age-encryption.org/v1). Section names in comments refer
// to that spec. Messages start with "age header", "age header MAC", "age payload" or "age armor",
// so that a caller (and the testkit test) can tell where a file broke.
#include "jamul/crypto/age.h"

#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <optional>

#include "age/primitives.h"
#include "sodium_init.h"

namespace jamul::crypto::age {
namespace {

using detail::base64NoPad;
using detail::decodeBase64NoPad;
using detail::hkdfSha256;

constexpr std::string_view kVersionLine = "age-encryption.org/v1";
constexpr std::string_view kX25519Label = "age-encryption.org/v1/X25519";
constexpr std::string_view kScryptLabel = "age-encryption.org/v1/scrypt";
constexpr std::string_view kArmorBegin = "-----BEGIN AGE ENCRYPTED FILE-----";
constexpr std::string_view kArmorEnd = "-----END AGE ENCRYPTED FILE-----";
constexpr std::size_t kFileKeyBytes = 16;
constexpr std::size_t kChunkBytes = 64 * 1024;
constexpr std::size_t kTagBytes = crypto_aead_chacha20poly1305_ietf_ABYTES;
constexpr std::size_t kNonceBytes = 16;
constexpr std::size_t kMaxHeaderLine = 64 * 1024;
constexpr std::size_t kMaxHeaderBytes = 1 << 20;

Error headerError(std::string what) { return Error(ErrorCode::kCorrupt, "age header: " + what); }
Error payloadError(std::string what) { return Error(ErrorCode::kCorrupt, "age payload: " + what); }
Error armorError(std::string what) { return Error(ErrorCode::kCorrupt, "age armor: " + what); }

std::span<const std::uint8_t> bytesOf(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// --- buffered input --------------------------------------------------------------------------------

class Reader {
 public:
  explicit Reader(ByteSource& source) : source_(source), buffer_(kChunkBytes + kTagBytes + 1) {}

  // Ensures at least `n` bytes are buffered unless the input ends; returns how many are.
  Result<std::size_t> fill(std::size_t n) {
    if (end_ - pos_ >= n) return end_ - pos_;
    if (pos_ > 0) {
      std::memmove(buffer_.data(), buffer_.data() + pos_, end_ - pos_);
      end_ -= pos_;
      pos_ = 0;
    }
    if (buffer_.size() < n) buffer_.resize(n);
    while (end_ < n && !eof_) {
      JAMUL_ASSIGN_OR_RETURN(std::size_t got, source_.read(std::span(buffer_).subspan(end_)));
      if (got == 0) eof_ = true;
      end_ += got;
    }
    return end_ - pos_;
  }
  std::span<const std::uint8_t> peek() const { return std::span(buffer_).subspan(pos_, end_ - pos_); }
  void consume(std::size_t n) { pos_ += n; }

  // Reads one line with its '\n' (or up to EOF) into `line`; fails beyond `max` bytes.
  Result<bool> line(std::string& line, std::size_t max) {
    line.clear();
    for (;;) {
      JAMUL_ASSIGN_OR_RETURN(std::size_t have, fill(1));
      if (have == 0) return !line.empty();
      const auto view = peek();
      const auto nl = std::find(view.begin(), view.end(), '\n');
      const std::size_t take = static_cast<std::size_t>(nl - view.begin()) + (nl != view.end() ? 1 : 0);
      line.append(reinterpret_cast<const char*>(view.data()), take);
      consume(take);
      if (line.size() > max) return false;
      if (nl != view.end()) return true;
    }
  }

 private:
  ByteSource& source_;
  std::vector<std::uint8_t> buffer_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
};

// --- armor (§ASCII armor) -----------------------------------------------------------------------

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Decodes an armored file line by line as the age reader asks for bytes.
class ArmorSource final : public ByteSource {
 public:
  explicit ArmorSource(Reader& in) : in_(in) {}

  Status begin() {
    // Whitespace may precede the armor; nothing else may.
    for (;;) {
      JAMUL_ASSIGN_OR_RETURN(std::size_t have, in_.fill(1));
      if (have == 0) return armorError("no armor");
      if (!isSpace(static_cast<char>(in_.peek()[0]))) break;
      in_.consume(1);
    }
    std::string line;
    JAMUL_ASSIGN_OR_RETURN(bool got, in_.line(line, 80));
    if (!got || !stripEol(line) || line != kArmorBegin) return armorError("bad begin line");
    return okStatus();
  }

  Result<std::size_t> read(std::span<std::uint8_t> out) override {
    while (pending_.empty() && !done_) JAMUL_RETURN_IF_ERROR(nextLine());
    const std::size_t n = std::min(out.size(), pending_.size());
    std::memcpy(out.data(), pending_.data(), n);
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(n));
    return n;
  }

 private:
  // Removes "\n" or "\r\n"; false if the line has neither (the last line of the file may lack it).
  static bool stripEol(std::string& line) {
    if (line.ends_with("\r\n")) {
      line.resize(line.size() - 2);
      return true;
    }
    if (line.ends_with("\n")) {
      line.pop_back();
      return true;
    }
    return false;
  }

  Status nextLine() {
    std::string line;
    JAMUL_ASSIGN_OR_RETURN(bool got, in_.line(line, 80));
    if (!got) return armorError("no end line");
    const bool had_eol = stripEol(line);
    if (line == kArmorEnd) {
      if (!short_seen_ && lines_ == 0) return armorError("empty armor");
      // Only whitespace may follow.
      for (;;) {
        JAMUL_ASSIGN_OR_RETURN(std::size_t have, in_.fill(1));
        if (have == 0) break;
        for (std::uint8_t c : in_.peek())
          if (!isSpace(static_cast<char>(c))) return armorError("data after the end line");
        in_.consume(have);
      }
      done_ = true;
      return okStatus();
    }
    if (!had_eol) return armorError("no end line");
    if (short_seen_) return armorError("a short line before the last");
    if (line.size() > 64) return armorError("line longer than 64 columns");
    if (line.empty()) return armorError("empty line");
    if (line.size() < 64) short_seen_ = true;
    ++lines_;
    // Padding only at the very end: a line with '=' must be the last one.
    if (line.find('=') != std::string::npos) short_seen_ = true;
    if (line.size() % 4 != 0) return armorError("line length not a multiple of 4");
    auto decoded = detail::decodeBase64Padded(line);
    if (!decoded) return armorError("invalid or non-canonical base64");
    pending_ = std::move(*decoded);
    return okStatus();
  }

  Reader& in_;
  std::vector<std::uint8_t> pending_;
  bool short_seen_ = false, done_ = false;
  std::size_t lines_ = 0;
};

class ArmorSink final : public ByteSink {
 public:
  explicit ArmorSink(ByteSink& out) : out_(out) {}
  Status begin() { return out_.write(bytesOf(std::string(kArmorBegin) + "\n")); }
  Status write(std::span<const std::uint8_t> bytes) override {
    pending_.insert(pending_.end(), bytes.begin(), bytes.end());
    std::size_t whole = pending_.size() / 48 * 48;
    if (whole == 0) return okStatus();
    std::string text;
    for (std::size_t i = 0; i < whole; i += 48)
      text += detail::base64Padded(std::span(pending_).subspan(i, 48)) + "\n";
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(whole));
    return out_.write(bytesOf(text));
  }
  Status finish() {
    std::string text;
    if (!pending_.empty()) text = detail::base64Padded(pending_) + "\n";
    text += std::string(kArmorEnd) + "\n";
    return out_.write(bytesOf(text));
  }

 private:
  ByteSink& out_;
  std::vector<std::uint8_t> pending_;
};

// --- header (§Header) -----------------------------------------------------------------------------

struct Stanza {
  std::vector<std::string> args;  // args[0] is the type
  std::vector<std::uint8_t> body;
};

struct Header {
  std::vector<Stanza> stanzas;
  std::string mac_input;  // the header up to and including "---"
  std::vector<std::uint8_t> mac;
};

bool isVchar(char c) { return c >= 0x21 && c <= 0x7E; }

bool isBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

Result<Header> readHeader(Reader& in) {
  Header h;
  std::string line;
  JAMUL_ASSIGN_OR_RETURN(bool got, in.line(line, kMaxHeaderLine));
  if (!got || line != std::string(kVersionLine) + "\n") {
    if (line.starts_with("age-encryption.org/")) return headerError("unsupported version");
    return Error(ErrorCode::kUnsupportedFormat, "not an age file");
  }
  h.mac_input = line;
  for (;;) {
    JAMUL_ASSIGN_OR_RETURN(got, in.line(line, kMaxHeaderLine));
    if (!got || !line.ends_with('\n')) return headerError("truncated");
    if (h.mac_input.size() + line.size() > kMaxHeaderBytes) return headerError("too long");
    const std::string_view content(line.data(), line.size() - 1);
    if (content.starts_with("---")) {
      // "--- " + base64(32-byte MAC), nothing else.
      h.mac_input += "---";
      if (!content.starts_with("--- ")) return headerError("malformed MAC line");
      auto mac = decodeBase64NoPad(content.substr(4));
      if (!mac || mac->size() != 32 || base64NoPad(*mac) != content.substr(4))
        return headerError("malformed MAC");
      h.mac = std::move(*mac);
      return h;
    }
    if (!content.starts_with("-> ")) return headerError("expected a stanza or the MAC");
    h.mac_input += line;
    Stanza s;
    std::string_view rest = content.substr(3);
    while (true) {
      const auto sp = rest.find(' ');
      const std::string_view arg = rest.substr(0, sp);
      if (arg.empty()) return headerError("empty stanza argument");
      if (!std::all_of(arg.begin(), arg.end(), isVchar))
        return headerError("invalid character in a stanza argument");
      s.args.emplace_back(arg);
      if (sp == std::string_view::npos) break;
      rest.remove_prefix(sp + 1);
    }
    // Body: full 64-column lines, then one shorter (possibly empty) line.
    std::string body_text;
    for (;;) {
      JAMUL_ASSIGN_OR_RETURN(got, in.line(line, kMaxHeaderLine));
      if (!got || !line.ends_with('\n')) return headerError("truncated stanza body");
      if (h.mac_input.size() + line.size() > kMaxHeaderBytes) return headerError("too long");
      h.mac_input += line;
      const std::string_view body_line(line.data(), line.size() - 1);
      if (body_line.size() > 64) return headerError("stanza body line longer than 64 columns");
      if (!std::all_of(body_line.begin(), body_line.end(), isBase64Char))
        return headerError("invalid stanza body");
      body_text += body_line;
      if (body_line.size() < 64) break;
    }
    auto body = decodeBase64NoPad(body_text);
    if (!body) return headerError("non-canonical stanza body");
    s.body = std::move(*body);
    h.stanzas.push_back(std::move(s));
  }
}

std::string stanzaText(const Stanza& s) {
  std::string out = "->";
  for (const std::string& a : s.args) out += " " + a;
  out += "\n";
  const std::string body = base64NoPad(s.body);
  for (std::size_t i = 0; i <= body.size(); i += 64) out += body.substr(i, 64) + "\n";
  // A body whose length is a multiple of 64 columns ends with an empty line (added above when
  // i == body.size()); a shorter last line ends it otherwise.
  return out;
}

// --- keys and stanzas -----------------------------------------------------------------------------

// ChaCha20-Poly1305 with an all-zero nonce: each wrapping key is used once (§X25519, §scrypt).
std::vector<std::uint8_t> wrapFileKey(std::span<const std::uint8_t, 32> key, const SecretBytes& file_key) {
  std::vector<std::uint8_t> out(kFileKeyBytes + kTagBytes);
  static const std::uint8_t kZeroNonce[12] = {};
  crypto_aead_chacha20poly1305_ietf_encrypt(out.data(), nullptr, file_key.bytes().data(),
                                            kFileKeyBytes, nullptr, 0, nullptr, kZeroNonce,
                                            key.data());
  return out;
}

// The file key, or nullopt if the tag does not verify (wrong key: not ours).
Result<std::optional<SecretBytes>> unwrapFileKey(std::span<const std::uint8_t, 32> key,
                                                 const std::vector<std::uint8_t>& body) {
  if (body.size() != kFileKeyBytes + kTagBytes) return headerError("wrapped file key of the wrong size");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes file_key, SecretBytes::allocate(kFileKeyBytes));
  static const std::uint8_t kZeroNonce[12] = {};
  if (crypto_aead_chacha20poly1305_ietf_decrypt(file_key.bytes().data(), nullptr, nullptr,
                                                body.data(), body.size(), nullptr, 0, kZeroNonce,
                                                key.data()) != 0)
    return std::optional<SecretBytes>();
  return std::optional<SecretBytes>(std::move(file_key));
}

Result<Stanza> x25519Stanza(const X25519Recipient& recipient, const SecretBytes& file_key) {
  JAMUL_ASSIGN_OR_RETURN(SecretBytes ephemeral, SecretBytes::random(32));
  std::array<std::uint8_t, 32> share{};
  crypto_scalarmult_base(share.data(), ephemeral.bytes().data());
  JAMUL_ASSIGN_OR_RETURN(SecretBytes shared, SecretBytes::allocate(32));
  if (crypto_scalarmult(shared.bytes().data(), ephemeral.bytes().data(), recipient.key().data()) != 0)
    return Error(ErrorCode::kInvalidArgument, "X25519 recipient is a low-order point");
  std::array<std::uint8_t, 64> salt{};
  std::copy(share.begin(), share.end(), salt.begin());
  std::copy(recipient.key().begin(), recipient.key().end(), salt.begin() + 32);
  JAMUL_ASSIGN_OR_RETURN(SecretBytes wrap, SecretBytes::allocate(32));
  hkdfSha256(shared.bytes(), salt, kX25519Label, wrap.bytes());
  Stanza s;
  s.args = {"X25519", base64NoPad(share)};
  s.body = wrapFileKey(std::span<const std::uint8_t, 32>(wrap.bytes().data(), 32), file_key);
  return s;
}

Result<std::optional<SecretBytes>> x25519Unwrap(const X25519Identity& identity, const Stanza& s) {
  if (s.args.size() != 2) return headerError("X25519 stanza needs exactly one argument");
  auto share = decodeBase64NoPad(s.args[1]);
  if (!share || share->size() != 32) return headerError("malformed X25519 share");
  if (s.body.size() != kFileKeyBytes + kTagBytes) return headerError("X25519 body of the wrong size");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes shared, SecretBytes::allocate(32));
  // libsodium refuses an all-zero result (a low-order share), as the spec requires.
  if (crypto_scalarmult(shared.bytes().data(), identity.scalar().bytes().data(), share->data()) != 0)
    return headerError("X25519 share is a low-order point");
  const auto ours = identity.recipient().key();
  std::array<std::uint8_t, 64> salt{};
  std::copy(share->begin(), share->end(), salt.begin());
  std::copy(ours.begin(), ours.end(), salt.begin() + 32);
  JAMUL_ASSIGN_OR_RETURN(SecretBytes wrap, SecretBytes::allocate(32));
  hkdfSha256(shared.bytes(), salt, kX25519Label, wrap.bytes());
  return unwrapFileKey(std::span<const std::uint8_t, 32>(wrap.bytes().data(), 32), s.body);
}

Status scryptKey(const Passphrase& p, std::span<const std::uint8_t> salt16, int work_factor,
                 SecretBytes& out) {
  std::vector<std::uint8_t> salt(kScryptLabel.begin(), kScryptLabel.end());
  salt.insert(salt.end(), salt16.begin(), salt16.end());
  if (crypto_pwhash_scryptsalsa208sha256_ll(
          p.bytes.bytes().data(), p.bytes.size(), salt.data(), salt.size(),
          std::uint64_t{1} << work_factor, 8, 1, out.bytes().data(), out.size()) != 0)
    return Error(ErrorCode::kUnavailable, "scrypt failed (out of memory?)");
  return okStatus();
}

Result<Stanza> scryptStanza(const Passphrase& p, const SecretBytes& file_key) {
  std::array<std::uint8_t, 16> salt{};
  randombytes_buf(salt.data(), salt.size());
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::allocate(32));
  JAMUL_RETURN_IF_ERROR(scryptKey(p, salt, p.work_factor, key));
  Stanza s;
  s.args = {"scrypt", base64NoPad(salt), std::to_string(p.work_factor)};
  s.body = wrapFileKey(std::span<const std::uint8_t, 32>(key.bytes().data(), 32), file_key);
  return s;
}

Result<std::optional<SecretBytes>> scryptUnwrap(const Passphrase& p, const Stanza& s) {
  if (s.args.size() != 3) return headerError("scrypt stanza needs a salt and a work factor");
  auto salt = decodeBase64NoPad(s.args[1]);
  if (!salt || salt->size() != 16) return headerError("malformed scrypt salt");
  // Decimal, no sign, no leading zero (§scrypt).
  const std::string& wf_text = s.args[2];
  if (wf_text.empty() || wf_text.size() > 2 || wf_text[0] == '0' ||
      !std::all_of(wf_text.begin(), wf_text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return headerError("malformed scrypt work factor");
  const int wf = std::stoi(wf_text);
  if (wf > Passphrase::kMaxWorkFactor)
    return headerError("scrypt work factor " + wf_text + " is beyond the limit of " +
                       std::to_string(Passphrase::kMaxWorkFactor));
  if (s.body.size() != kFileKeyBytes + kTagBytes) return headerError("scrypt body of the wrong size");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::allocate(32));
  JAMUL_RETURN_IF_ERROR(scryptKey(p, *salt, wf, key));
  return unwrapFileKey(std::span<const std::uint8_t, 32>(key.bytes().data(), 32), s.body);
}

// --- payload (§Payload) ---------------------------------------------------------------------------

void streamNonce(std::uint64_t counter, bool last, std::uint8_t nonce[12]) {
  std::memset(nonce, 0, 12);
  for (int i = 0; i < 8; ++i) nonce[10 - i] = static_cast<std::uint8_t>(counter >> (8 * i));
  nonce[11] = last ? 1 : 0;
}

Result<SecretBytes> headerKey(const SecretBytes& file_key) {
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::allocate(32));
  hkdfSha256(file_key.bytes(), {}, "header", key.bytes());
  return key;
}

Result<SecretBytes> payloadKey(const SecretBytes& file_key, std::span<const std::uint8_t> nonce) {
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::allocate(32));
  hkdfSha256(file_key.bytes(), nonce, "payload", key.bytes());
  return key;
}

Status encryptTo(ByteSource& in, ByteSink& out, std::span<const Recipient> recipients) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  if (recipients.empty()) return Error(ErrorCode::kInvalidArgument, "no recipients");
  const bool has_passphrase = std::any_of(recipients.begin(), recipients.end(), [](const Recipient& r) {
    return std::holds_alternative<const Passphrase*>(r);
  });
  if (has_passphrase && recipients.size() != 1)
    return Error(ErrorCode::kInvalidArgument, "a passphrase must be the only recipient");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes file_key, SecretBytes::random(kFileKeyBytes));
  std::string header = std::string(kVersionLine) + "\n";
  for (const Recipient& r : recipients) {
    Result<Stanza> s = std::holds_alternative<X25519Recipient>(r)
                           ? x25519Stanza(std::get<X25519Recipient>(r), file_key)
                           : scryptStanza(*std::get<const Passphrase*>(r), file_key);
    if (!s) return s.error();
    header += stanzaText(*s);
  }
  header += "---";
  JAMUL_ASSIGN_OR_RETURN(SecretBytes hkey, headerKey(file_key));
  std::array<std::uint8_t, 32> mac{};
  detail::hmacSha256(hkey.bytes(), bytesOf(header), mac);
  header += " " + base64NoPad(mac) + "\n";
  std::array<std::uint8_t, kNonceBytes> nonce{};
  randombytes_buf(nonce.data(), nonce.size());
  JAMUL_RETURN_IF_ERROR(out.write(bytesOf(header)));
  JAMUL_RETURN_IF_ERROR(out.write(nonce));
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, payloadKey(file_key, nonce));

  // Reads ahead one byte past each chunk to know whether it is the last (§STREAM: the last chunk
  // is flagged; it may be full, and is empty only for an empty payload).
  std::vector<std::uint8_t> plain(kChunkBytes + 1), sealed(kChunkBytes + kTagBytes);
  std::size_t have = 0;
  bool eof = false;
  const auto fillPlain = [&]() -> Status {
    while (have < plain.size() && !eof) {
      JAMUL_ASSIGN_OR_RETURN(std::size_t n, in.read(std::span(plain).subspan(have)));
      if (n == 0) eof = true;
      have += n;
    }
    return okStatus();
  };
  for (std::uint64_t counter = 0;; ++counter) {
    JAMUL_RETURN_IF_ERROR(fillPlain());
    const bool last = have <= kChunkBytes;
    const std::size_t n = last ? have : kChunkBytes;
    std::uint8_t chunk_nonce[12];
    streamNonce(counter, last, chunk_nonce);
    unsigned long long sealed_len = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt(sealed.data(), &sealed_len, plain.data(), n, nullptr,
                                              0, nullptr, chunk_nonce, key.bytes().data());
    JAMUL_RETURN_IF_ERROR(out.write(std::span(sealed).first(static_cast<std::size_t>(sealed_len))));
    if (last) break;
    std::memmove(plain.data(), plain.data() + n, have - n);
    have -= n;
  }
  sodium_memzero(plain.data(), plain.size());
  return okStatus();
}

Result<DecryptInfo> decryptFrom(Reader& in, ByteSink& out, std::span<const Identity> identities,
                                bool armored) {
  JAMUL_ASSIGN_OR_RETURN(Header h, readHeader(in));
  DecryptInfo info;
  info.armored = armored;
  const bool has_scrypt = std::any_of(h.stanzas.begin(), h.stanzas.end(),
                                      [](const Stanza& s) { return s.args[0] == "scrypt"; });
  if (has_scrypt && h.stanzas.size() != 1) return headerError("an scrypt stanza must be alone");

  std::optional<SecretBytes> file_key;
  for (const Identity& id : identities) {
    for (const Stanza& s : h.stanzas) {
      Result<std::optional<SecretBytes>> key = std::optional<SecretBytes>();
      if (std::holds_alternative<const X25519Identity*>(id) && s.args[0] == "X25519") {
        key = x25519Unwrap(*std::get<const X25519Identity*>(id), s);
      } else if (std::holds_alternative<const Passphrase*>(id) && s.args[0] == "scrypt") {
        key = scryptUnwrap(*std::get<const Passphrase*>(id), s);
        info.passphrase = true;
      }
      if (!key) return key.error();
      if (*key) {
        file_key = std::move(**key);
        break;
      }
    }
    if (file_key) break;
  }
  if (!file_key) {
    info.passphrase = false;
    return Error(ErrorCode::kWrongKey, "no identity opens this file (wrong key or passphrase)");
  }
  JAMUL_ASSIGN_OR_RETURN(SecretBytes hkey, headerKey(*file_key));
  std::array<std::uint8_t, 32> mac{};
  detail::hmacSha256(hkey.bytes(), bytesOf(h.mac_input), mac);
  if (sodium_memcmp(mac.data(), h.mac.data(), mac.size()) != 0)
    return Error(ErrorCode::kCorrupt, "age header MAC mismatch: the header was altered");

  JAMUL_ASSIGN_OR_RETURN(std::size_t have, in.fill(kNonceBytes));
  if (have < kNonceBytes) return headerError("payload nonce missing");
  std::array<std::uint8_t, kNonceBytes> nonce{};
  std::copy_n(in.peek().begin(), kNonceBytes, nonce.begin());
  in.consume(kNonceBytes);
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, payloadKey(*file_key, nonce));

  std::vector<std::uint8_t> plain(kChunkBytes);
  const std::size_t sealed_chunk = kChunkBytes + kTagBytes;
  for (std::uint64_t counter = 0;; ++counter) {
    // One byte more than a full chunk tells whether this chunk is the last.
    JAMUL_ASSIGN_OR_RETURN(have, in.fill(sealed_chunk + 1));
    const bool last = have <= sealed_chunk;
    const std::size_t n = last ? have : sealed_chunk;
    if (n < kTagBytes) {
      return payloadError(counter == 0 && n == 0 ? "no chunks" : "truncated chunk " + std::to_string(counter));
    }
    if (last && n == kTagBytes && counter > 0) return payloadError("empty last chunk");
    std::uint8_t chunk_nonce[12];
    streamNonce(counter, last, chunk_nonce);
    unsigned long long plain_len = 0;
    const std::uint8_t* sealed = in.peek().data();
    const auto open = [&](bool final_flag) {
      streamNonce(counter, final_flag, chunk_nonce);
      return crypto_aead_chacha20poly1305_ietf_decrypt(plain.data(), &plain_len, nullptr, sealed, n,
                                                       nullptr, 0, chunk_nonce,
                                                       key.bytes().data()) == 0;
    };
    if (!open(last)) {
      // A full chunk authentic with the other flag: either the stream was cut after a middle chunk,
      // or data follows the final one. The chunk itself is authentic and is released, as age does;
      // the error says the whole is not.
      if (n == sealed_chunk && open(!last)) {
        JAMUL_RETURN_IF_ERROR(out.write(std::span(plain).first(static_cast<std::size_t>(plain_len))));
        sodium_memzero(plain.data(), plain.size());
        return payloadError(last ? "truncated: the final chunk is missing"
                                 : "data after the final chunk");
      }
      return payloadError("chunk " + std::to_string(counter) +
                          " failed authentication (damaged, reordered or truncated)");
    }
    in.consume(n);
    JAMUL_RETURN_IF_ERROR(out.write(std::span(plain).first(static_cast<std::size_t>(plain_len))));
    if (last) break;
  }
  sodium_memzero(plain.data(), plain.size());
  return info;
}

}  // namespace

// --- byte sources and sinks -------------------------------------------------------------------------

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

Result<std::size_t> MemorySource::read(std::span<std::uint8_t> out) {
  const std::size_t n = std::min(out.size(), bytes_.size());
  std::memcpy(out.data(), bytes_.data(), n);
  bytes_.remove_prefix(n);
  return n;
}

Status StringSink::write(std::span<const std::uint8_t> b) {
  bytes.append(reinterpret_cast<const char*>(b.data()), b.size());
  return okStatus();
}

// --- keys -----------------------------------------------------------------------------------------

Result<X25519Recipient> X25519Recipient::parse(std::string_view text) {
  auto decoded = detail::bech32Decode(text);
  if (!decoded || decoded->hrp != "age" || decoded->data.size() != 32 ||
      std::any_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return Error(ErrorCode::kInvalidArgument, "not an age X25519 recipient (age1...)");
  X25519Recipient r;
  std::copy(decoded->data.begin(), decoded->data.end(), r.key_.begin());
  return r;
}

std::string X25519Recipient::encode() const { return detail::bech32Encode("age", key_, false); }

Result<X25519Identity> X25519Identity::generate() {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  JAMUL_ASSIGN_OR_RETURN(SecretBytes scalar, SecretBytes::random(32));
  X25519Identity id(std::move(scalar));
  crypto_scalarmult_base(id.public_.key_.data(), id.scalar_.bytes().data());
  return id;
}

Result<X25519Identity> X25519Identity::parse(std::string_view text) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  auto decoded = detail::bech32Decode(text);
  const bool upper = std::none_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  if (!decoded || decoded->hrp != "age-secret-key-" || decoded->data.size() != 32 || !upper) {
    if (decoded) sodium_memzero(decoded->data.data(), decoded->data.size());
    return Error(ErrorCode::kInvalidArgument, "not an age X25519 identity (AGE-SECRET-KEY-1...)");
  }
  JAMUL_ASSIGN_OR_RETURN(SecretBytes scalar, SecretBytes::allocate(32));
  std::copy(decoded->data.begin(), decoded->data.end(), scalar.bytes().begin());
  sodium_memzero(decoded->data.data(), decoded->data.size());
  X25519Identity id(std::move(scalar));
  crypto_scalarmult_base(id.public_.key_.data(), id.scalar_.bytes().data());
  return id;
}

Result<SecretBytes> X25519Identity::encode() const {
  std::vector<std::uint8_t> data(scalar_.bytes().begin(), scalar_.bytes().end());
  std::string text = detail::bech32Encode("AGE-SECRET-KEY-", data, true);
  sodium_memzero(data.data(), data.size());
  auto out = SecretBytes::allocate(text.size());
  if (out) std::memcpy(out->bytes().data(), text.data(), text.size());
  sodium_memzero(text.data(), text.size());
  return out;
}

X25519Recipient X25519Identity::recipient() const { return public_; }

Result<Passphrase> Passphrase::from(std::string_view text) {
  if (text.empty()) return Error(ErrorCode::kInvalidArgument, "empty passphrase");
  JAMUL_ASSIGN_OR_RETURN(SecretBytes bytes, SecretBytes::allocate(text.size()));
  std::memcpy(bytes.bytes().data(), text.data(), text.size());
  return Passphrase{std::move(bytes), kDefaultWorkFactor};
}

// --- top level ------------------------------------------------------------------------------------

Status encrypt(ByteSource& in, ByteSink& out, std::span<const Recipient> recipients,
               const EncryptOptions& options) {
  if (!options.armor) return encryptTo(in, out, recipients);
  ArmorSink armor(out);
  JAMUL_RETURN_IF_ERROR(armor.begin());
  JAMUL_RETURN_IF_ERROR(encryptTo(in, armor, recipients));
  return armor.finish();
}

Result<DecryptInfo> decrypt(ByteSource& in, ByteSink& out, std::span<const Identity> identities) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  Reader reader(in);
  // Armor is recognised by its begin line, after optional whitespace.
  JAMUL_ASSIGN_OR_RETURN(std::size_t have, reader.fill(kArmorBegin.size() + 64));
  const auto head = reader.peek();
  std::size_t skip = 0;
  while (skip < have && isSpace(static_cast<char>(head[skip]))) ++skip;
  const std::string_view rest(reinterpret_cast<const char*>(head.data()) + skip, have - skip);
  // Anything that starts like an armor line, or has the armor's begin line after some garbage, is
  // judged as armor (and fails as armor); anything else is read as a binary age file.
  const bool armor_like = rest.starts_with("-----") ||
                          (!rest.starts_with("age-encryption.org/") &&
                           rest.find(kArmorBegin) != std::string_view::npos);
  if (!armor_like) return decryptFrom(reader, out, identities, false);
  ArmorSource armor(reader);
  JAMUL_RETURN_IF_ERROR(armor.begin());
  Reader inner(armor);
  return decryptFrom(inner, out, identities, true);
}

Result<std::vector<X25519Identity>> parseIdentityFile(std::string_view text,
                                                      const Passphrase* passphrase) {
  if (text.starts_with(std::string(kVersionLine) + "\n") || text.find(kArmorBegin) != std::string_view::npos) {
    if (passphrase == nullptr)
      return Error(ErrorCode::kWrongKey, "the identity file is encrypted: a passphrase is needed");
    MemorySource in(text);
    StringSink plain;
    const Identity ids[] = {passphrase};
    JAMUL_ASSIGN_OR_RETURN(DecryptInfo info, decrypt(in, plain, ids));
    (void)info;
    auto parsed = parseIdentityFile(plain.bytes, nullptr);
    sodium_memzero(plain.bytes.data(), plain.bytes.size());
    return parsed;
  }
  std::vector<X25519Identity> out;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    auto id = X25519Identity::parse(line);
    // Never the line itself in the message: it may be a key.
    if (!id) return Error(ErrorCode::kInvalidArgument,
                          "identity file line " + std::to_string(line_no) + " is not an age identity");
    out.push_back(std::move(*id));
  }
  if (out.empty()) return Error(ErrorCode::kInvalidArgument, "no identity in the identity file");
  return out;
}

ContentHasher::ContentHasher() {
  static_assert(sizeof(crypto_generichash_state) <= sizeof(state_));
  crypto_generichash_init(reinterpret_cast<crypto_generichash_state*>(state_.data()), nullptr, 0, 32);
}

void ContentHasher::update(std::span<const std::uint8_t> bytes) {
  crypto_generichash_update(reinterpret_cast<crypto_generichash_state*>(state_.data()), bytes.data(),
                            bytes.size());
}

std::array<std::uint8_t, 32> ContentHasher::finish() {
  std::array<std::uint8_t, 32> out{};
  crypto_generichash_final(reinterpret_cast<crypto_generichash_state*>(state_.data()), out.data(), 32);
  return out;
}

}  // namespace jamul::crypto::age
