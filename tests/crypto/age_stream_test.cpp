// SPDX-License-Identifier: Apache-2.0
// Streaming: sizes around chunk boundaries, sources that trickle, bounded memory on a 64 MiB
// stream that is never held whole, errors of sources and sinks, and the path functions.
#include <fcntl.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "crypto/age_test_util.h"
#include "jamul/crypto/age.h"
#include "support/temp_dir.h"

namespace jamul::crypto::age {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

// Generates `size` bytes of a fixed pattern without storing them, hashing what it hands out.
class GeneratorSource final : public ByteSource {
 public:
  explicit GeneratorSource(std::uint64_t size) : left_(size) {}
  Result<std::size_t> read(std::span<std::uint8_t> out) override {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), left_));
    for (std::size_t i = 0; i < n; ++i)
      out[i] = static_cast<std::uint8_t>((produced_ + i) * 2654435761u >> 13);
    produced_ += n;
    left_ -= n;
    hasher.update(out.first(n));
    return n;
  }
  std::uint64_t produced() const { return produced_; }
  ContentHasher hasher;

 private:
  std::uint64_t left_, produced_ = 0;
};

// Counts what it is given and checks how far behind its source it is, in bytes: the most that
// can be held in memory between them.
class LagSink final : public ByteSink {
 public:
  explicit LagSink(const std::function<std::uint64_t()>& source_position)
      : source_position_(source_position) {}
  Status write(std::span<const std::uint8_t> bytes) override {
    written += bytes.size();
    max_lag = std::max(max_lag, source_position_() - std::min(source_position_(), written));
    hasher.update(bytes);
    return okStatus();
  }
  std::uint64_t written = 0, max_lag = 0;
  ContentHasher hasher;

 private:
  std::function<std::uint64_t()> source_position_;
};

// Counts the bytes read from an inner source.
class CountingSource final : public ByteSource {
 public:
  explicit CountingSource(ByteSource& inner) : inner_(inner) {}
  Result<std::size_t> read(std::span<std::uint8_t> out) override {
    JAMUL_ASSIGN_OR_RETURN(std::size_t n, inner_.read(out));
    read_total += n;
    largest_request = std::max(largest_request, out.size());
    return n;
  }
  std::uint64_t read_total = 0;
  std::size_t largest_request = 0;

 private:
  ByteSource& inner_;
};

class FailingSource final : public ByteSource {
 public:
  explicit FailingSource(std::size_t budget) : budget_(budget) {}
  Result<std::size_t> read(std::span<std::uint8_t> out) override {
    if (budget_ == 0) return Error(ErrorCode::kIo, "read: input/output error");
    const std::size_t n = std::min(out.size(), budget_);
    std::fill_n(out.data(), n, std::uint8_t{7});
    budget_ -= n;
    return n;
  }

 private:
  std::size_t budget_;
};

struct Keys {
  Keys() {
    auto a = X25519Identity::generate();
    BOOST_REQUIRE(a.ok());
    identity.emplace(std::move(*a));
  }
  std::optional<X25519Identity> identity;
};

BOOST_AUTO_TEST_SUITE(age_stream)

BOOST_FIXTURE_TEST_CASE(sizes_around_chunk_boundaries_binary_and_armored, Keys) {
  const Recipient to[] = {identity->recipient()};
  const Identity ids[] = {&*identity};
  // Around chunk boundaries, and around the pipeline's batches of eight chunks (age/payload.h).
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, kChunk - 1, kChunk, kChunk + 1,
                           2 * kChunk, 2 * kChunk + 1, 5 * kChunk + 7, 8 * kChunk - 1, 8 * kChunk,
                           8 * kChunk + 1, 16 * kChunk, 16 * kChunk + 1, 24 * kChunk - 1}) {
    const std::string plain = test_util::pattern(size, size + 1);
    const std::size_t chunks = size == 0 ? 1 : (size + kChunk - 1) / kChunk;
    for (bool armor : {false, true}) {
      const std::string sealed = test_util::encryptOrDie(plain, to, armor);
      if (!armor) {
        auto header = parseHeader(sealed);
        BOOST_REQUIRE(header.ok());
        // Header, nonce, and a 16-byte tag per chunk: a full last chunk is not followed by an
        // empty one.
        BOOST_TEST(sealed.size() == header->size + 16 + size + 16 * chunks, "size " << size);
      }
      auto opened = decryptBytes(sealed, ids);
      BOOST_REQUIRE_MESSAGE(opened.ok(), "size " << size << " armor " << armor << ": "
                                                 << (opened.ok() ? "" : opened.error().message()));
      BOOST_TEST((*opened == plain), "size " << size << " armor " << armor);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(trickling_sources_both_ways, Keys) {
  const Recipient to[] = {identity->recipient()};
  const Identity ids[] = {&*identity};
  for (std::size_t step : {1u, 7u, 4096u}) {
    const std::string plain = test_util::pattern(step == 1 ? 2 * kChunk + 333 : 17 * kChunk + 333);
    for (bool armor : {false, true}) {
      test_util::TrickleSource in(plain, step);
      StringSink sealed;
      BOOST_REQUIRE(encrypt(in, sealed, to, EncryptOptions{armor}).ok());
      test_util::TrickleSource back(sealed.bytes, step);
      StringSink out;
      auto info = decrypt(back, out, ids);
      BOOST_REQUIRE_MESSAGE(info.ok(),
                            "step " << step << ": " << (info.ok() ? "" : info.error().message()));
      BOOST_TEST(info->armored == armor);
      BOOST_TEST((out.bytes == plain), "step " << step << " armor " << armor);
    }
  }
}

BOOST_FIXTURE_TEST_CASE(sixty_four_mib_in_bounded_memory, Keys) {
  const std::uint64_t size = 64ull << 20;
  test::TempDir dir;
  const std::string path = (dir.path() / "big.age").string();
  const Recipient to[] = {identity->recipient()};
  const Identity ids[] = {&*identity};
  std::array<std::uint8_t, 32> original{};
  {
    GeneratorSource in(size);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    BOOST_REQUIRE(fd >= 0);
    FdSink file(fd);
    // Between the generator and the file: how much plaintext was read but not yet written sealed.
    struct Tee final : ByteSink {
      Tee(ByteSink& f, LagSink& l) : file(f), lag(l) {}
      Status write(std::span<const std::uint8_t> b) override {
        JAMUL_RETURN_IF_ERROR(lag.write(b));
        return file.write(b);
      }
      ByteSink& file;
      LagSink& lag;
    };
    LagSink lag([&] { return in.produced(); });
    Tee out(file, lag);
    BOOST_REQUIRE(encrypt(in, out, to).ok());
    ::close(fd);
    original = in.hasher.finish();
    BOOST_TEST(lag.max_lag < (2u << 20), "encrypt held " << lag.max_lag << " bytes");
    BOOST_TEST_MESSAGE("encrypt: at most " << lag.max_lag << " bytes between source and sink");
  }
  BOOST_TEST(std::filesystem::file_size(path) > size);
  const int fd = ::open(path.c_str(), O_RDONLY);
  BOOST_REQUIRE(fd >= 0);
  FdSource file(fd);
  CountingSource in(file);
  LagSink out([&] { return in.read_total; });
  auto info = decrypt(in, out, ids);
  ::close(fd);
  BOOST_REQUIRE_MESSAGE(info.ok(), (info.ok() ? "" : info.error().message()));
  BOOST_TEST(info->plaintext_bytes == size);
  BOOST_TEST(out.written == size);
  BOOST_TEST((out.hasher.finish() == original));
  // Ciphertext read but plaintext not yet released: two batches and the read-ahead at most
  // (age/payload.h: about 2 MiB whatever the size).
  BOOST_TEST(out.max_lag < (2u << 20), "decrypt held " << out.max_lag << " bytes");
  BOOST_TEST_MESSAGE("decrypt: at most " << out.max_lag << " bytes between source and sink");
  BOOST_TEST(in.largest_request >= 8 * kChunk, "reads should be large");
}

BOOST_FIXTURE_TEST_CASE(source_and_sink_errors_pass_through, Keys) {
  const Recipient to[] = {identity->recipient()};
  const Identity ids[] = {&*identity};
  FailingSource broken(3 * kChunk + 5);
  StringSink sealed;
  auto e = encrypt(broken, sealed, to);
  BOOST_REQUIRE(!e.ok());
  BOOST_TEST(e.error().message() == "read: input/output error");

  const std::string file = test_util::encryptOrDie(test_util::pattern(6 * kChunk), to);
  test_util::FailingSink full(2 * kChunk);
  MemorySource in(file);
  auto d = decrypt(in, full, ids);
  BOOST_REQUIRE(!d.ok());
  BOOST_TEST((d.error().code() == ErrorCode::kIo));
  test_util::FailingSink tiny(100);
  MemorySource plain(file);
  BOOST_TEST((encrypt(plain, tiny, to).error().code() == ErrorCode::kIo));
}

BOOST_FIXTURE_TEST_CASE(path_functions_never_leave_plaintext_on_failure, Keys) {
  test::TempDir dir;
  const Recipient to[] = {identity->recipient()};
  const Identity ids[] = {&*identity};
  const std::string plain = test_util::pattern(3 * kChunk + 10);
  const auto original = dir.write("report.csv", plain);
  const std::string sealed = (dir.path() / "report.csv.age").string();
  BOOST_REQUIRE(encryptFile(original.string(), sealed, to).ok());
  // Never over an existing file.
  auto again = encryptFile(original.string(), sealed, to);
  BOOST_REQUIRE(!again.ok());
  BOOST_TEST(again.error().message() == "already exists");
  const std::string restored = (dir.path() / "restored.csv").string();
  auto info = decryptFile(sealed, restored, ids);
  BOOST_REQUIRE(info.ok());
  BOOST_TEST(test::readFile(restored) == plain);
  // A damaged copy: error, and no output file at all.
  std::string bytes = test::readFile(sealed);
  bytes[bytes.size() - kChunk] ^= 1;
  const auto damaged = dir.write("damaged.age", bytes);
  const std::string out = (dir.path() / "damaged.csv").string();
  auto bad = decryptFile(damaged.string(), out, ids);
  BOOST_REQUIRE(!bad.ok());
  BOOST_TEST((bad.error().code() == ErrorCode::kCorrupt));
  BOOST_TEST(!std::filesystem::exists(out));
  auto missing = decryptFile((dir.path() / "none.age").string(), out, ids);
  BOOST_TEST((missing.error().code() == ErrorCode::kNotFound));
  BOOST_TEST(!std::filesystem::exists(out));
}

BOOST_FIXTURE_TEST_CASE(recipients_rules, Keys) {
  auto pass = Passphrase::from("pw", 4);
  BOOST_REQUIRE(pass.ok());
  BOOST_TEST((encryptBytes("x", {}).error().code() == ErrorCode::kInvalidArgument));
  const Recipient mixed[] = {&*pass, identity->recipient()};
  BOOST_TEST((encryptBytes("x", mixed).error().code() == ErrorCode::kInvalidArgument));
  const Recipient two_pass[] = {&*pass, &*pass};
  BOOST_TEST((encryptBytes("x", two_pass).error().code() == ErrorCode::kInvalidArgument));
  // Many X25519 recipients: each opens the file.
  std::vector<X25519Identity> keys;
  std::vector<Recipient> to;
  for (int i = 0; i < 5; ++i) {
    keys.push_back(std::move(*X25519Identity::generate()));
    to.push_back(keys.back().recipient());
  }
  const std::string sealed = test_util::encryptOrDie("to all", to);
  BOOST_TEST(parseHeader(sealed)->header.stanzas.size() == 5u);
  for (const X25519Identity& k : keys) {
    const Identity ids[] = {&k};
    auto opened = decryptBytes(sealed, ids);
    BOOST_REQUIRE(opened.ok());
    BOOST_TEST(*opened == "to all");
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto::age
