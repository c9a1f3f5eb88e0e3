// SPDX-License-Identifier: Apache-2.0
// Every vector of the age testkit (../shared/age-testkit, from FiloSottile/age testdata/testkit)
// must give the result it names: success with the payload's SHA-256, or the named failure.
#include <sodium.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "jamul/crypto/age.h"
#include "support/temp_dir.h"

namespace jamul::crypto::age {
namespace {

namespace fs = std::filesystem;

struct Vector {
  std::string name, expect, payload_sha256;
  std::vector<std::string> identities;
  std::string passphrase;
  bool armored = false;
  std::string file;  // the age file's bytes
};

Vector readVector(const fs::path& path) {
  Vector v;
  v.name = path.filename().string();
  const std::string text = test::readFile(path);
  const auto blank = text.find("\n\n");
  BOOST_REQUIRE_MESSAGE(blank != std::string::npos, v.name << ": no blank line");
  std::string_view head(text.data(), blank + 1);
  v.file = text.substr(blank + 2);
  while (!head.empty()) {
    const auto nl = head.find('\n');
    const std::string_view line = head.substr(0, nl);
    head.remove_prefix(nl + 1);
    const auto colon = line.find(": ");
    if (colon == std::string_view::npos) continue;
    const std::string key(line.substr(0, colon)), value(line.substr(colon + 2));
    if (key == "expect") v.expect = value;
    if (key == "payload") v.payload_sha256 = value;
    if (key == "identity") v.identities.push_back(value);
    if (key == "passphrase") v.passphrase = value;
    if (key == "armored") v.armored = value == "yes";
  }
  return v;
}

std::string sha256Hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 0xF]);
  }
  return out;
}

// The testkit's name for the way a decryption ended.
std::string outcomeOf(const Result<DecryptInfo>& r) {
  if (r.ok()) return "success";
  const Error& e = r.error();
  if (e.code() == ErrorCode::kWrongKey) return "no match";
  if (e.message().starts_with("age header MAC")) return "HMAC failure";
  if (e.message().starts_with("age header")) return "header failure";
  if (e.code() == ErrorCode::kUnsupportedFormat) return "header failure";
  if (e.message().starts_with("age payload")) return "payload failure";
  if (e.message().starts_with("age armor")) return "armor failure";
  return "unexpected error: " + e.message();
}

BOOST_AUTO_TEST_SUITE(age_testkit)

BOOST_AUTO_TEST_CASE(every_vector_gives_its_expected_result) {
  const fs::path dir = test::sharedDir() / "age-testkit";
  BOOST_REQUIRE_MESSAGE(fs::is_directory(dir), dir << " is missing");
  std::size_t vectors = 0, passed = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name == "README.md" || name == "LICENSE") continue;
    const Vector v = readVector(entry.path());
    ++vectors;
    std::vector<X25519Identity> keys;
    for (const std::string& text : v.identities) {
      auto id = X25519Identity::parse(text);
      BOOST_REQUIRE_MESSAGE(id.ok(), name << ": identity does not parse");
      keys.push_back(std::move(*id));
    }
    std::optional<Passphrase> passphrase;
    if (!v.passphrase.empty()) passphrase = *Passphrase::from(v.passphrase);
    std::vector<Identity> ids;
    for (const X25519Identity& k : keys) ids.emplace_back(&k);
    if (passphrase) ids.emplace_back(&*passphrase);

    MemorySource in(v.file);
    StringSink out;
    const Result<DecryptInfo> r = decrypt(in, out, ids);
    const std::string outcome = outcomeOf(r);
    bool ok = outcome == v.expect;
    if (ok && (v.expect == "success" || v.expect == "payload failure") && !v.payload_sha256.empty())
      ok = sha256Hex(out.bytes) == v.payload_sha256;  // what was released before any failure
    if (ok && v.expect != "success" && v.expect != "payload failure") ok = out.bytes.empty();
    if (ok && r.ok()) ok = r->armored == v.armored;  // armor is recognised by content alone
    BOOST_TEST(ok, name << ": expected " << v.expect << ", got " << outcome
                        << (r.ok() ? "" : " (" + r.error().message() + ")"));
    if (ok) ++passed;
  }
  BOOST_TEST(vectors == 114u);  // the whole testkit, none skipped
  BOOST_TEST_MESSAGE("age testkit: " << passed << "/" << vectors << " vectors as expected");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto::age
