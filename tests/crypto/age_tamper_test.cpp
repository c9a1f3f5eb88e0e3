// SPDX-License-Identifier: Apache-2.0
// Tampering: every altered, cut, reordered, duplicated or extended file is an error of the right
// kind, and the sink never receives plaintext of a chunk that did not authenticate (it may hold
// the chunks before it: age.h's decryption contract).
#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>
#include <vector>

#include "crypto/age_test_util.h"
#include "jamul/crypto/age.h"

namespace jamul::crypto::age {
namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::size_t kSealed = kChunk + 16;
// Full chunks before the short final one: three batches of the pipeline (age/payload.h: eight
// chunks each), so that failures land in each batch and across their boundaries.
constexpr std::size_t kFull = 19;

struct Outcome {
  Result<DecryptInfo> result;
  std::string plaintext;
};

struct Fixture {
  Fixture() {
    auto id = X25519Identity::generate();
    BOOST_REQUIRE(id.ok());
    identity.emplace(std::move(*id));
    plain = test_util::pattern(kFull * kChunk + 1000);
    const Recipient to[] = {identity->recipient()};
    file = test_util::encryptOrDie(plain, to);
    auto parsed = parseHeader(file);
    BOOST_REQUIRE(parsed.ok());
    header_size = parsed->size;
    mac_at = parsed->mac_input_size + 1;
    payload_at = header_size + 16;
    BOOST_REQUIRE(file.size() == payload_at + kFull * kSealed + 1000 + 16);
  }

  Outcome open(std::string_view bytes) const {
    MemorySource in(bytes);
    StringSink out;
    const Identity ids[] = {&*identity};
    auto r = decrypt(in, out, ids);
    return {std::move(r), std::move(out.bytes)};
  }
  std::size_t chunkAt(std::size_t i) const { return payload_at + i * kSealed; }
  std::string chunk(std::size_t i) const {
    return file.substr(chunkAt(i), i < kFull ? kSealed : 1016);
  }
  // The header and nonce, then the chunks named, in that order.
  std::string withChunks(const std::vector<std::size_t>& order) const {
    std::string out = file.substr(0, payload_at);
    for (std::size_t i : order) out += chunk(i);
    return out;
  }

  std::optional<X25519Identity> identity;
  std::string plain, file;
  std::size_t header_size = 0, mac_at = 0, payload_at = 0;
};

std::string messageOf(const Outcome& o) {
  return o.result.ok() ? "ok" : o.result.error().message();
}

BOOST_AUTO_TEST_SUITE(age_tamper)

BOOST_FIXTURE_TEST_CASE(the_untouched_file_opens, Fixture) {
  const Outcome o = open(file);
  BOOST_REQUIRE_MESSAGE(o.result.ok(), messageOf(o));
  BOOST_TEST(o.plaintext == plain);
  BOOST_TEST(o.result->plaintext_bytes == plain.size());
}

BOOST_FIXTURE_TEST_CASE(every_header_byte_flipped_is_refused_before_any_plaintext, Fixture) {
  for (std::size_t at = 0; at < header_size; ++at) {
    std::string bad = file;
    bad[at] ^= 0x20;
    const Outcome o = open(bad);
    BOOST_REQUIRE_MESSAGE(!o.result.ok(), "byte " << at);
    const ErrorCode code = o.result.error().code();
    // The version line: not age; a stanza: not ours any more, or malformed; the MAC: mismatch.
    BOOST_TEST((code == ErrorCode::kCorrupt || code == ErrorCode::kWrongKey ||
                code == ErrorCode::kUnsupportedFormat),
               "byte " << at << ": " << messageOf(o));
    BOOST_TEST(o.plaintext.empty(), "byte " << at);
  }
  // In the MAC itself: always the MAC check (or a non-canonical MAC) that speaks.
  for (std::size_t at = mac_at; at + 1 < header_size; ++at) {
    std::string bad = file;
    bad[at] = bad[at] == 'A' ? 'B' : 'A';
    const std::string m = messageOf(open(bad));
    BOOST_TEST((m.starts_with("age header MAC mismatch") ||
                m == "age header: MAC is not canonical base64"),
               m);
  }
}

BOOST_FIXTURE_TEST_CASE(a_changed_nonce_fails_the_first_chunk, Fixture) {
  std::string bad = file;
  bad[header_size + 3] ^= 0x01;
  const Outcome o = open(bad);
  BOOST_TEST(messageOf(o) ==
             "age payload: chunk 0 failed authentication (damaged, reordered or truncated)");
  BOOST_TEST(o.plaintext.empty());
}

BOOST_FIXTURE_TEST_CASE(a_flipped_byte_in_each_chunk_stops_at_that_chunk, Fixture) {
  for (std::size_t i = 0; i <= kFull; ++i) {
    const std::size_t size = i < kFull ? kSealed : 1016;
    for (std::size_t offset : {std::size_t{0}, size / 2, size - 1}) {  // start, middle, tag
      std::string bad = file;
      bad[chunkAt(i) + offset] ^= 0x80;
      const Outcome o = open(bad);
      BOOST_REQUIRE(!o.result.ok());
      BOOST_TEST((o.result.error().code() == ErrorCode::kCorrupt));
      BOOST_TEST(messageOf(o) == "age payload: chunk " + std::to_string(i) +
                                     " failed authentication (damaged, reordered or truncated)");
      // Exactly the chunks before it, nothing of it.
      BOOST_TEST(o.plaintext == plain.substr(0, i * kChunk), "chunk " << i << " offset " << offset);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(truncation_at_every_chunk_boundary_and_inside_chunks, Fixture) {
  for (std::size_t i = 1; i <= kFull; ++i) {
    const Outcome o = open(std::string_view(file).substr(0, chunkAt(i)));
    BOOST_TEST(messageOf(o) ==
               "age payload: truncated: the file ends before the final chunk (after chunk " +
                   std::to_string(i - 1) + ")");
    BOOST_TEST(o.plaintext == plain.substr(0, i * kChunk));
  }
  BOOST_TEST(messageOf(open(std::string_view(file).substr(0, payload_at))) ==
             "age payload: no chunks (the file ends after the nonce)");
  BOOST_TEST(messageOf(open(std::string_view(file).substr(0, header_size))) ==
             "age header: no payload nonce (the file ends after the header)");
  BOOST_TEST(messageOf(open(std::string_view(file).substr(0, header_size - 1))) ==
             "age header: truncated");
  for (std::size_t cut : {chunkAt(0) + 1, chunkAt(1) + 15, chunkAt(1) + 16, chunkAt(2) - 1,
                          chunkAt(8) - 1, chunkAt(8) + 1, chunkAt(9) + 3, chunkAt(16) + kSealed / 2,
                          chunkAt(kFull) + 500, file.size() - 1}) {
    const Outcome o = open(std::string_view(file).substr(0, cut));
    BOOST_REQUIRE(!o.result.ok());
    BOOST_TEST((o.result.error().code() == ErrorCode::kCorrupt), messageOf(o));
    BOOST_TEST(messageOf(o).starts_with("age payload: "), messageOf(o));
    const std::size_t whole_chunks = (cut - payload_at) / kSealed;
    BOOST_TEST(o.plaintext == plain.substr(0, whole_chunks * kChunk), "cut at " << cut);
  }
}

BOOST_FIXTURE_TEST_CASE(reordered_duplicated_and_dropped_chunks, Fixture) {
  const auto check = [&](const std::string& bytes, std::size_t failing) {
    const Outcome o = open(bytes);
    BOOST_TEST(messageOf(o).starts_with("age payload: chunk " + std::to_string(failing) +
                                        " failed authentication"),
               messageOf(o));
    BOOST_TEST(o.plaintext == plain.substr(0, failing * kChunk), "failing chunk " << failing);
  };
  // Chunks 0..from-1, then `middle`, then resume..kFull.
  const auto all_but = [](std::size_t from, std::vector<std::size_t> middle, std::size_t resume) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < from; ++i) out.push_back(i);
    out.insert(out.end(), middle.begin(), middle.end());
    for (std::size_t i = resume; i <= kFull; ++i) out.push_back(i);
    return out;
  };
  check(withChunks(all_but(1, {2, 1}, 3)), 1);       // swapped in the first batch
  check(withChunks(all_but(10, {11, 10}, 12)), 10);  // swapped in the second
  check(withChunks(all_but(7, {8, 7}, 9)), 7);       // across the first batch boundary
  check(withChunks(all_but(1, {0}, 1)), 1);          // duplicated
  check(withChunks(all_but(16, {15}, 16)), 16);
  check(withChunks(all_but(1, {}, 2)), 1);  // dropped
  check(withChunks(all_but(8, {}, 9)), 8);
  // The final chunk moved forward: it is flagged last but its counter is wrong.
  check(withChunks({kFull}), 0);
  check(withChunks(all_but(5, {kFull}, kFull + 1)), 5);
}

BOOST_FIXTURE_TEST_CASE(trailing_bytes, Fixture) {
  // After a short final chunk: the extra byte becomes part of it, which then fails.
  const Outcome one = open(file + "x");
  BOOST_TEST(messageOf(one).starts_with("age payload: chunk " + std::to_string(kFull) +
                                        " failed authentication"));
  BOOST_TEST(one.plaintext == plain.substr(0, kFull * kChunk));
  // After a full final chunk: the chunk is authentic as final, and data follows it.
  const std::string full = test_util::pattern(12 * kChunk);
  const Recipient to[] = {identity->recipient()};
  const std::string sealed = test_util::encryptOrDie(full, to);
  BOOST_TEST(open(sealed).result.ok());
  for (const std::string& extra :
       {std::string("x"), std::string(17, 'y'), std::string(kSealed + 5, 'z')}) {
    const Outcome o = open(sealed + extra);
    BOOST_REQUIRE(!o.result.ok());
    BOOST_TEST(messageOf(o) == "age payload: data after the final chunk (chunk 11)", messageOf(o));
    BOOST_TEST(o.plaintext ==
               full);  // authentic: age releases it too; the error says the rest is not
  }
}

BOOST_FIXTURE_TEST_CASE(wrong_key_and_wrong_passphrase, Fixture) {
  auto other = X25519Identity::generate();
  BOOST_REQUIRE(other.ok());
  const Identity ids[] = {&*other};
  MemorySource in(file);
  StringSink out;
  auto r = decrypt(in, out, ids);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().code() == ErrorCode::kWrongKey));
  BOOST_TEST(out.bytes.empty());
  // A passphrase for an X25519 file, and no identity at all.
  auto pass = Passphrase::from("pw", 4);
  const Identity by_pass[] = {&*pass};
  BOOST_TEST((decryptBytes(file, by_pass).error().code() == ErrorCode::kWrongKey));
  BOOST_TEST((decryptBytes(file, {}).error().code() == ErrorCode::kWrongKey));

  const Recipient to[] = {&*pass};
  const std::string locked = test_util::encryptOrDie(plain, to);
  auto wrong = Passphrase::from("wrong", 4);
  const Identity by_wrong[] = {&*wrong};
  auto w = decryptBytes(locked, by_wrong);
  BOOST_REQUIRE(!w.ok());
  BOOST_TEST((w.error().code() == ErrorCode::kWrongKey));
  // An X25519 identity for a passphrase file says so.
  const Identity by_key[] = {&*identity};
  auto k = decryptBytes(locked, by_key);
  BOOST_REQUIRE(!k.ok());
  BOOST_TEST((k.error().code() == ErrorCode::kWrongKey));
  BOOST_TEST(k.error().message() == "the file is passphrase-encrypted and no passphrase was given");
}

BOOST_FIXTURE_TEST_CASE(scrypt_work_factor_limit, Fixture) {
  auto pass = Passphrase::from("pw", 12);
  BOOST_REQUIRE(pass.ok());
  const Recipient to[] = {&*pass};
  const std::string locked = test_util::encryptOrDie("x", to);
  auto strict = Passphrase::from("pw", 4);
  strict->max_work_factor = 11;
  const Identity ids[] = {&*strict};
  auto r = decryptBytes(locked, ids);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().code() == ErrorCode::kTooLarge));
  BOOST_TEST(r.error().message() == "age header: scrypt work factor beyond the limit of 11");
  strict->max_work_factor = 12;
  BOOST_TEST(decryptBytes(locked, ids).ok());
}

BOOST_FIXTURE_TEST_CASE(scrypt_must_be_alone, Fixture) {
  // Craft a header with a passphrase stanza and an X25519 stanza for the same file key: refused
  // (the spec: MUST reject), even by the X25519 identity that could open it.
  auto pass = Passphrase::from("pw", 4);
  const Recipient to_pass[] = {&*pass};
  const std::string locked = test_util::encryptOrDie("x", to_pass);
  auto parsed = parseHeader(locked);
  BOOST_REQUIRE(parsed.ok());
  Header h = parsed->header;
  h.stanzas.push_back(parseHeader(file)->header.stanzas[0]);
  const std::string mixed = serializeHeader(h) + locked.substr(parsed->size);
  const Identity ids[] = {&*identity, &*pass};
  auto r = decryptBytes(mixed, ids);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST(r.error().message() == "age header: an scrypt stanza must be the only stanza");
}

BOOST_FIXTURE_TEST_CASE(armored_files_tampered, Fixture) {
  const Recipient to[] = {identity->recipient()};
  const std::string armored = test_util::encryptOrDie(plain, to, /*armor=*/true);
  BOOST_TEST(open(armored).result.ok());
  std::size_t refused = 0;
  // Flip a letter's case all over the armored text: each is an error, never success.
  for (std::size_t at = 40; at < armored.size() - 40; at += 7919) {
    std::string bad = armored;
    char& c = bad[at];
    if (!std::isalpha(static_cast<unsigned char>(c))) continue;
    c = static_cast<char>(std::islower(static_cast<unsigned char>(c)) ? std::toupper(c)
                                                                      : std::tolower(c));
    const Outcome o = open(bad);
    BOOST_REQUIRE_MESSAGE(!o.result.ok(), "offset " << at);
    const ErrorCode code = o.result.error().code();
    BOOST_TEST((code == ErrorCode::kCorrupt || code == ErrorCode::kWrongKey ||
                code == ErrorCode::kUnsupportedFormat),
               messageOf(o));
    ++refused;
  }
  BOOST_TEST(refused > 50u);
  BOOST_TEST(messageOf(open("junk\n" + armored)) ==
             "age armor: not the begin line of an age armor");
  BOOST_TEST(messageOf(open(armored + "junk")) == "age armor: data after the end line");
  BOOST_TEST(open("\n \t" + armored + "\r\n\n").result.ok());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto::age
