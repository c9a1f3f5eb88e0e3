// SPDX-License-Identifier: Apache-2.0
// In-place encryption never loses a byte: crash tests (SIGKILL at every step and at random
// moments, then recovery), refusals, tampering, a full disk, and the device key's permissions.
#include "jamul/agent/file_protector.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <functional>
#include <random>
#include <thread>

#include "inventory/sqlite_db.h"
#include "protect/age_sealer.h"
#include "protect/device_keys.h"
#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

namespace fs = std::filesystem;
namespace age = crypto::age;

struct Keys {
  age::X25519Identity device = *age::X25519Identity::generate();
  std::vector<age::Identity> ids() const { return {&device}; }
  AgeSealer sealer() const { return AgeSealer({device.recipient()}, ids()); }
};

std::string contentFor(int i) {
  std::string s = "성명,주민등록번호\n";
  for (int k = 0; k < 40 * (i + 1); ++k) s += "이서연" + std::to_string(k) + ",850917-2815903\n";
  if (i == 2) s.assign(200 * 1024 + 17, 'x');  // more than one 64 KiB chunk
  if (i == 3) s.clear();                       // empty
  return s;
}

std::string decryptToString(const fs::path& file, const Keys& keys) {
  const std::string sealed = test::readFile(file);
  age::MemorySource in(sealed);
  age::StringSink out;
  const auto ids = keys.ids();
  auto r = age::decrypt(in, out, ids);
  BOOST_REQUIRE_MESSAGE(r.ok(), file << ": " << (r.ok() ? "" : r.error().message()));
  return out.bytes;
}

// Every file is its original, byte for byte, or a valid .age decrypting to it; nothing else left.
void expectWholeTree(const fs::path& dir, const std::vector<std::string>& originals,
                     const Keys& keys, const std::string& context) {
  for (std::size_t i = 0; i < originals.size(); ++i) {
    const fs::path plain = dir / ("f" + std::to_string(i) + ".csv");
    const fs::path sealed = dir / ("f" + std::to_string(i) + ".csv.age");
    const bool has_plain = fs::exists(plain), has_sealed = fs::exists(sealed);
    BOOST_TEST_REQUIRE((has_plain != has_sealed), context << ": file " << i << " plain "
                                                          << has_plain << " sealed " << has_sealed);
    if (has_plain)
      BOOST_TEST_REQUIRE(test::readFile(plain) == originals[i], context << ": file " << i);
    if (has_sealed)
      BOOST_TEST_REQUIRE(decryptToString(sealed, keys) == originals[i], context << ": file " << i);
  }
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    BOOST_TEST_REQUIRE(name.find("jamul-tmp") == std::string::npos, context << ": left " << name);
    BOOST_TEST_REQUIRE(name.find("jamul-shred") == std::string::npos, context << ": left " << name);
  }
}

// Forks a child that opens a FileProtector on `db` (whose journal must exist already), SIGKILLs
// itself as the journal reaches step number `kill_step` (from 0; -1: never), runs `work` and exits.
pid_t forkProtecting(const std::string& db, int kill_step,
                     const std::function<void(FileProtector&)>& work) {
  const pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid != 0) return pid;
  auto protector = FileProtector::open(db);
  if (!protector.ok()) ::_exit(3);
  int steps = 0;
  if (kill_step >= 0)
    protector->setStepObserver([&](const char*) {
      if (steps++ == kill_step) ::raise(SIGKILL);
    });
  work(*protector);
  ::_exit(0);
}

// One folder, one inventory, one device key and a protector on them: the setup of most cases.
struct Protecting {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  Keys keys;
  AgeSealer sealer = keys.sealer();
  FileProtector protector = openProtector(db);

  static FileProtector openProtector(const std::string& db) {
    auto opened = FileProtector::open(db);
    BOOST_TEST_REQUIRE(opened.ok());
    return std::move(*opened);
  }
};

BOOST_AUTO_TEST_SUITE(file_protector)

BOOST_FIXTURE_TEST_CASE(encrypts_in_place_keeping_mode_and_times_and_decrypts_back, Protecting) {
  const std::string file = dir.write("docs/명단.csv", contentFor(0)).string();
  ::chmod(file.c_str(), 0640);
  const struct timespec times[2] = {{1577934245, 0}, {1577934245, 123456789}};
  BOOST_REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
  auto sealed = protector.encrypt(file, sealer);
  BOOST_REQUIRE_MESSAGE(sealed.ok(), (sealed.ok() ? "" : sealed.error().message()));
  BOOST_TEST(*sealed == file + ".age");
  BOOST_TEST(!fs::exists(file));
  struct stat st {};
  BOOST_REQUIRE(::stat(sealed->c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 07777) == 0640u);
  BOOST_TEST(st.st_mtim.tv_sec == 1577934245);
  BOOST_TEST(st.st_mtim.tv_nsec == 123456789);
  BOOST_TEST(decryptToString(*sealed, keys) == contentFor(0));

  auto plain = protector.decrypt(*sealed, sealer);
  BOOST_REQUIRE_MESSAGE(plain.ok(), (plain.ok() ? "" : plain.error().message()));
  BOOST_TEST(test::readFile(file) == contentFor(0));
  BOOST_TEST(!fs::exists(*sealed));
}

BOOST_FIXTURE_TEST_CASE(refuses_what_it_must_not_touch, Protecting) {
  const auto code = [&](const std::string& path) {
    auto r = protector.encrypt(path, sealer);
    BOOST_REQUIRE(!r.ok());
    return r.error().code();
  };
  BOOST_TEST((code(dir.write("a.txt.age", "x").string()) == ErrorCode::kInvalidArgument));
  BOOST_TEST((code(dir.write("disguised", "age-encryption.org/v1\n-> X").string()) ==
              ErrorCode::kInvalidArgument));
  dir.write("b.txt", "b");
  dir.write("b.txt.age", "old");
  BOOST_TEST((code((dir.path() / "b.txt").string()) == ErrorCode::kInvalidArgument));
  BOOST_TEST(test::readFile(dir.path() / "b.txt.age") == "old");
  fs::create_directory(dir.path() / "folder");
  BOOST_TEST((code((dir.path() / "folder").string()) == ErrorCode::kInvalidArgument));
  fs::create_symlink(dir.path() / "b.txt", dir.path() / "link");
  BOOST_TEST((code((dir.path() / "link").string()) == ErrorCode::kInvalidArgument));
  // A file with another hard link: wiping it would overwrite what the other name shows.
  dir.write("linked.csv", "성명,주민등록번호\n");
  fs::create_hard_link(dir.path() / "linked.csv", dir.path() / "also-linked.csv");
  BOOST_TEST((code((dir.path() / "linked.csv").string()) == ErrorCode::kInvalidArgument));
  const Status shred_linked = protector.shred((dir.path() / "linked.csv").string());
  BOOST_TEST((!shred_linked && shred_linked.error().code() == ErrorCode::kInvalidArgument));
  BOOST_TEST(test::readFile(dir.path() / "also-linked.csv") == "성명,주민등록번호\n");
  BOOST_TEST(test::readFile(dir.path() / "linked.csv") == "성명,주민등록번호\n");
  // Open in an office program.
  dir.write("보고서.docx", "d");
  dir.write(".~lock.보고서.docx#", "lo");
  BOOST_TEST((code((dir.path() / "보고서.docx").string()) == ErrorCode::kUnavailable));
  BOOST_TEST((code((dir.path() / "missing").string()) == ErrorCode::kNotFound));
  BOOST_TEST(test::readFile(dir.path() / "b.txt") == "b");
  // A second protecting process on the same inventory waits its turn.
  auto second = FileProtector::open(db);
  BOOST_REQUIRE(!second.ok());
  BOOST_TEST((second.error().code() == ErrorCode::kUnavailable));
}

BOOST_FIXTURE_TEST_CASE(tampered_or_truncated_files_leave_no_output, Protecting) {
  const std::string original = contentFor(2);
  auto sealed = protector.encrypt(dir.write("big.csv", original).string(), sealer);
  BOOST_REQUIRE(sealed.ok());
  const std::string good = test::readFile(*sealed);
  const auto attempt = [&](const std::string& bytes, ErrorCode want, const std::string& what) {
    dir.write("big.csv.age", bytes);
    auto r = protector.decrypt(*sealed, sealer);
    BOOST_TEST_REQUIRE(!r.ok(), what);
    BOOST_TEST((r.error().code() == want), what << ": " << r.error().message());
    BOOST_TEST(!fs::exists(dir.path() / "big.csv"), what);
    BOOST_TEST(!fs::exists(dir.path() / ".big.csv.jamul-tmp"), what);
  };
  // In the header MAC, in the middle of the payload, in the last chunk's tag.
  for (std::size_t at : {good.find("\n--- ") + 8, good.size() / 2, good.size() - 5}) {
    std::string flipped = good;
    flipped[at] = static_cast<char>(flipped[at] ^ 0x01);
    attempt(flipped, ErrorCode::kCorrupt, "flipped byte at " + std::to_string(at));
  }
  attempt(good.substr(0, good.size() - 1), ErrorCode::kCorrupt, "truncated by one byte");
  attempt(good.substr(0, good.size() - 65536), ErrorCode::kCorrupt, "truncated by a chunk");
  attempt(good + "x", ErrorCode::kCorrupt, "trailing byte");
  // Chunks 0 and 1 swapped (the header ends at the MAC line, then a 16-byte nonce).
  const std::size_t payload =
      good.find("\n---") + good.substr(good.find("\n---") + 1).find('\n') + 2 + 16;
  const std::size_t chunk = 65536 + 16;
  std::string swapped = good.substr(0, payload) + good.substr(payload + chunk, chunk) +
                        good.substr(payload, chunk) + good.substr(payload + 2 * chunk);
  attempt(swapped, ErrorCode::kCorrupt, "reordered chunks");
  Keys other;
  AgeSealer wrong = other.sealer();
  dir.write("big.csv.age", good);
  auto r = protector.decrypt(*sealed, wrong);
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.error().code() == ErrorCode::kWrongKey));
  BOOST_TEST(!fs::exists(dir.path() / "big.csv"));
  BOOST_TEST(test::readFile(*sealed) == good);
}

// A full disk (here: a file-size limit the encrypted copy cannot fit in) leaves the original
// intact, no temporary file, and a clear error.
BOOST_AUTO_TEST_CASE(a_full_disk_leaves_the_original_intact) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  const std::string original = std::string(300 * 1024, 'y');
  const std::string file = dir.write("y.csv", original).string();
  {
    auto warm = FileProtector::open(db);
    BOOST_REQUIRE(warm.ok());
  }  // the journal exists first
  const pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);  // writes past the limit fail with EFBIG instead of killing us
    struct rlimit limit {
      100 * 1024, 100 * 1024
    };
    ::setrlimit(RLIMIT_FSIZE, &limit);
    Keys keys;
    AgeSealer sealer = keys.sealer();
    auto protector = FileProtector::open(db);
    if (!protector.ok()) ::_exit(3);
    auto r = protector->encrypt(file, sealer);
    if (!r.ok() && (r.error().code() == ErrorCode::kIo || r.error().code() == ErrorCode::kTooLarge))
      ::_exit(0);
    std::fprintf(stderr, "full disk: %s\n", r.ok() ? "encrypted?" : r.error().toString().c_str());
    ::_exit(1);
  }
  int status = 0;
  BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
  BOOST_TEST(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);
  BOOST_TEST(test::readFile(file) == original);
  BOOST_TEST(!fs::exists(file + ".age"));
  BOOST_TEST(!fs::exists(dir.path() / ".y.csv.jamul-tmp"));
}

// The crash test of issue 4: a child encrypting (then shredding) a tree is killed with SIGKILL,
// at each journal step in turn and at random moments; recovery in a new process leaves every file
// whole — its original or a verified .age — and no temporary file.
BOOST_AUTO_TEST_CASE(sigkill_at_any_moment_loses_nothing) {
  constexpr int kFiles = 5;
  constexpr int kTrials = 240;
  std::mt19937 rng(20261202);
  int killed_at_step = 0, killed_by_timer = 0, completed = 0;
  for (int trial = 0; trial < kTrials; ++trial) {
    test::TempDir dir;
    const std::string db = (dir.path() / "inv.db").string();
    std::vector<std::string> originals;
    for (int i = 0; i < kFiles; ++i) {
      originals.push_back(contentFor(i));
      dir.write("f" + std::to_string(i) + ".csv", originals.back());
    }
    Keys keys;
    {
      auto warm = FileProtector::open(db);
      BOOST_REQUIRE(warm.ok());
    }
    const bool by_step = trial % 2 == 0;
    // An encryption journals 8 steps (started ... done): each of the 40 is hit in turn.
    const int kill_step = static_cast<int>(rng() % (kFiles * 8));
    const auto delay = std::chrono::microseconds(rng() % 40000);
    const pid_t pid = forkProtecting(db, by_step ? kill_step : -1, [&](FileProtector& protector) {
      AgeSealer sealer = keys.sealer();
      for (int i = 0; i < kFiles; ++i)
        (void)protector.encrypt((dir.path() / ("f" + std::to_string(i) + ".csv")).string(), sealer);
    });
    if (!by_step) {
      std::this_thread::sleep_for(delay);
      ::kill(pid, SIGKILL);
    }
    int status = 0;
    BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
    if (WIFSIGNALED(status))
      (by_step ? killed_at_step : killed_by_timer)++;
    else
      ++completed;
    // A power cut, unlike a kill, may also lose the lazy journal steps (written without an fsync):
    // in a quarter of the trials every row falls back to its last durable step, a harsher loss
    // than a real one (a durable commit makes the lazy ones before it durable too).
    if ((trial / 2) % 2 == 1) {  // both step and timer kills
      auto raw = sqlite::Database::open(db);
      BOOST_REQUIRE(raw.ok());
      BOOST_REQUIRE(raw->exec("UPDATE file_actions SET step = CASE step"
                              " WHEN 'written' THEN 'started' WHEN 'verified' THEN 'started'"
                              " WHEN 'renamed' THEN 'renaming' WHEN 'unlinking' THEN 'wiping'"
                              " WHEN 'done' THEN 'wiping' ELSE step END")
                        .ok());
    }
    auto protector = FileProtector::open(db);
    BOOST_REQUIRE(protector.ok());
    AgeSealer sealer = keys.sealer();
    auto recovered = protector->recover(sealer);
    BOOST_REQUIRE_MESSAGE(recovered.ok(), (recovered.ok() ? "" : recovered.error().message()));
    expectWholeTree(dir.path(), originals, keys, "trial " + std::to_string(trial));
  }
  BOOST_TEST_MESSAGE("crash test: " << killed_at_step << " killed at a step, " << killed_by_timer
                                    << " by timer, " << completed << " completed");
  BOOST_TEST(killed_at_step == kTrials / 2);  // every step kill hit
  BOOST_TEST(killed_by_timer > 0);
}

BOOST_AUTO_TEST_CASE(an_interrupted_shred_is_finished) {
  for (int kill_step = 0; kill_step < 4; ++kill_step) {
    test::TempDir dir;
    const std::string db = (dir.path() / "inv.db").string();
    const std::string file = dir.write("gone.csv", contentFor(1)).string();
    {
      auto warm = FileProtector::open(db);
      BOOST_REQUIRE(warm.ok());
    }
    const pid_t pid = forkProtecting(
        db, kill_step, [&](FileProtector& protector) { (void)protector.shred(file); });
    int status = 0;
    BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
    Keys keys;
    AgeSealer sealer = keys.sealer();
    auto protector = FileProtector::open(db);
    BOOST_REQUIRE(protector.ok());
    BOOST_REQUIRE(protector->recover(sealer).ok());
    std::size_t left = 0;
    for (const auto& e : fs::directory_iterator(dir.path()))
      if (!e.path().filename().string().starts_with("inv.db")) ++left;
    if (kill_step == 0) {
      // Killed before the journal entry: nothing was done, the file is whole.
      BOOST_TEST(test::readFile(file) == contentFor(1));
      BOOST_TEST(left == 1u);
    } else {
      BOOST_TEST(left == 0u, "kill at step " << kill_step);  // finished by recovery
    }
  }
}

BOOST_AUTO_TEST_CASE(the_device_key_is_private_and_stable) {
  test::TempDir dir;
  const std::string path = (dir.path() / "device-key").string();
  auto first = loadOrCreateDeviceKey(path);
  BOOST_REQUIRE(first.ok());
  struct stat st {};
  BOOST_REQUIRE(::stat(path.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 0777) == 0600u);
  BOOST_TEST(st.st_uid == ::geteuid());
  auto again = loadOrCreateDeviceKey(path);
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(again->recipient().encode() == first->recipient().encode());
  // age-keygen's format: the public key in a comment, the secret on its own line.
  const std::string text = test::readFile(path);
  BOOST_TEST(text.find("# public key: " + first->recipient().encode()) != std::string::npos);
  BOOST_TEST(text.find("AGE-SECRET-KEY-1") != std::string::npos);
  ::chmod(path.c_str(), 0644);
  auto exposed = loadDeviceKey(path);
  BOOST_REQUIRE(!exposed.ok());
  BOOST_TEST((exposed.error().code() == ErrorCode::kPermissionDenied));
  BOOST_TEST(exposed.error().toString().find("AGE-SECRET-KEY") == std::string::npos);
  ::chmod(path.c_str(), 0600);
  fs::create_symlink(path, dir.path() / "link");
  auto linked = loadDeviceKey((dir.path() / "link").string());
  BOOST_REQUIRE(!linked.ok());
  BOOST_TEST((linked.error().code() == ErrorCode::kPermissionDenied));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
