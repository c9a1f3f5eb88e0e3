// SPDX-License-Identifier: Apache-2.0
// Interop with Debian's age CLI (1.1.x; scripts/install-deps.sh installs it), both ways: our
// X25519 and passphrase files open with `age -d`, files from `age -r`, `age -p` and `age -a` open
// with ours, age-keygen's keys are ours, and passphrase-encrypted identity files go both ways.
// Without age installed these tests FAIL (they do not skip): CI must run them.
//
// age reads passphrases from the terminal (/dev/tty), never from stdin, so those runs get a
// pseudo-terminal (forkpty) as their controlling terminal and the test types at its prompts.
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "crypto/age_test_util.h"
#include "jamul/crypto/age.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace jamul::crypto::age {
namespace {

namespace fs = std::filesystem;
using test_util::textOf;

// An identity file as `age -i` takes it (reading files is the agent's; crypto parses text).
Result<std::vector<X25519Identity>> readIdentityFile(const fs::path& path,
                                                     const Passphrase* passphrase = nullptr) {
  return parseIdentityFile(test::readFile(path), passphrase);
}

std::string tool(const char* name) {
  for (const char* dir : {"/usr/bin/", "/usr/local/bin/"})
    if (fs::exists(std::string(dir) + name)) return std::string(dir) + name;
  BOOST_FAIL(std::string(name) +
             " is not installed: apt-get install age (scripts/install-deps.sh)");
  return {};
}

// Runs `argv` on a new pseudo-terminal, answering each passphrase prompt (a line holding
// "passphrase" and a colon) with the next of `answers`. Returns the exit code (-1 if killed) and
// everything written to the terminal.
test::ProcessResult runOnTerminal(const std::vector<std::string>& argv,
                                  const std::vector<std::string>& answers) {
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  test::ProcessResult result;
  std::size_t answered = 0, scanned = 0;
  char buf[4096];
  for (;;) {
    pollfd p{master, POLLIN, 0};
    if (::poll(&p, 1, 60'000) <= 0) break;  // a minute of silence: give up, the wait reports it
    const ssize_t n = ::read(master, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // EIO once the child closed the terminal
    result.out.append(buf, static_cast<std::size_t>(n));
    // Count prompts in what arrived since the last one answered.
    for (;;) {
      const auto at = result.out.find("assphrase", scanned);
      if (at == std::string::npos) break;
      const auto colon = result.out.find(':', at);
      if (colon == std::string::npos) break;
      scanned = colon + 1;
      if (answered < answers.size()) {
        const std::string line = answers[answered++] + "\n";
        BOOST_REQUIRE(::write(master, line.data(), line.size()) ==
                      static_cast<ssize_t>(line.size()));
      }
    }
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(master);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string samplePlaintext() {
  // Synthetic; several chunks, with a short last one.
  std::string s = "성명,주민등록번호\n";
  while (s.size() < 3 * 64 * 1024 + 999) s += "이서연,850917-2815903\n";
  return s;
}

std::string secretLine(const X25519Identity& id) {
  return std::string(textOf(*id.encode())) + "\n";
}

BOOST_AUTO_TEST_SUITE(age_interop)

BOOST_AUTO_TEST_CASE(our_x25519_files_open_with_age) {
  test::TempDir dir;
  auto device = X25519Identity::generate(), recovery = X25519Identity::generate();
  BOOST_REQUIRE(device.ok() && recovery.ok());
  const fs::path key = dir.write("recovery.txt", "# recovery\n" + secretLine(*recovery));
  const std::vector<Recipient> to = {device->recipient(), recovery->recipient()};
  for (const std::string& plain : {samplePlaintext(), std::string()}) {
    for (bool armor : {false, true}) {
      const fs::path file = dir.write("x.age", test_util::encryptOrDie(plain, to, armor));
      const fs::path out = dir.path() / "x.out";
      auto r = test::runProcess(
          {tool("age"), "-d", "-i", key.string(), "-o", out.string(), file.string()});
      BOOST_TEST(r.exit_code == 0, "armor " << armor << ": " << r.err);
      // age creates its output on the first write: an empty plaintext leaves no file.
      const std::string opened = fs::exists(out) ? test::readFile(out) : std::string();
      BOOST_TEST((opened == plain), "armor " << armor << " size " << plain.size());
      fs::remove(out);
    }
  }
}

BOOST_AUTO_TEST_CASE(our_passphrase_files_open_with_age) {
  test::TempDir dir;
  auto pass = Passphrase::from("sunny-otter-42 보안");  // work factor 18, as age writes
  BOOST_REQUIRE(pass.ok());
  const Recipient to[] = {&*pass};
  const std::string plain = samplePlaintext();
  for (bool armor : {false, true}) {
    const fs::path file = dir.write("p.age", test_util::encryptOrDie(plain, to, armor));
    const fs::path out = dir.path() / "p.out";
    auto r = runOnTerminal({tool("age"), "-d", "-o", out.string(), file.string()},
                           {"sunny-otter-42 보안"});
    BOOST_TEST(r.exit_code == 0, "armor " << armor << ": " << r.out);
    BOOST_TEST((test::readFile(out) == plain), "armor " << armor);
    fs::remove(out);
  }
  // And age refuses a wrong passphrase for our file, as we do for its.
  const fs::path file = dir.write("p2.age", test_util::encryptOrDie(plain, to));
  auto wrong = runOnTerminal({tool("age"), "-d", "-o", (dir.path() / "w").string(), file.string()},
                             {"nope"});
  BOOST_TEST(wrong.exit_code != 0);
}

BOOST_AUTO_TEST_CASE(age_keygen_keys_are_ours) {
  test::TempDir dir;
  const fs::path key = dir.path() / "key.txt";
  auto keygen = test::runProcess({tool("age-keygen"), "-o", key.string()});
  BOOST_REQUIRE_MESSAGE(keygen.exit_code == 0, keygen.err);
  auto ids = readIdentityFile(key);
  BOOST_REQUIRE_MESSAGE(ids.ok(), (ids.ok() ? "" : ids.error().message()));
  BOOST_REQUIRE(ids->size() == 1u);
  auto pub = test::runProcess({tool("age-keygen"), "-y", key.string()});
  BOOST_REQUIRE(pub.exit_code == 0);
  BOOST_TEST(pub.out == ids->front().recipient().encode() + "\n");
  BOOST_TEST(keygen.err.find(ids->front().recipient().encode()) != std::string::npos);
  // Our key, given to age-keygen -y, gives our public key.
  auto ours = X25519Identity::generate();
  const fs::path our_key = dir.write("ours.txt", secretLine(*ours));
  auto our_pub = test::runProcess({tool("age-keygen"), "-y", our_key.string()});
  BOOST_TEST(our_pub.out == ours->recipient().encode() + "\n");
}

BOOST_AUTO_TEST_CASE(ages_x25519_files_open_with_ours) {
  test::TempDir dir;
  const fs::path key = dir.path() / "key.txt";
  BOOST_REQUIRE(test::runProcess({tool("age-keygen"), "-o", key.string()}).exit_code == 0);
  auto ids = readIdentityFile(key);
  BOOST_REQUIRE(ids.ok());
  auto other = X25519Identity::generate();
  const fs::path plain = dir.write("plain.csv", samplePlaintext());
  const fs::path empty = dir.write("empty", "");
  for (const fs::path& input : {plain, empty}) {
    for (bool armor : {false, true}) {
      const fs::path sealed = dir.path() / "x.age";
      std::vector<std::string> argv = {tool("age"),
                                       "-r",
                                       other->recipient().encode(),
                                       "-r",
                                       ids->front().recipient().encode(),
                                       "-o",
                                       sealed.string()};
      if (armor) argv.insert(argv.begin() + 1, "-a");
      argv.push_back(input.string());
      auto r = test::runProcess(argv);
      BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.err);
      const Identity with[] = {&ids->front()};
      StringSink out;
      const std::string bytes = test::readFile(sealed);
      MemorySource source(bytes);
      auto opened = decrypt(source, out, with);
      BOOST_REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().message()));
      BOOST_TEST(opened->armored == armor);
      BOOST_TEST((out.bytes == test::readFile(input)), input << " armor " << armor);
      fs::remove(sealed);
    }
  }
}

BOOST_AUTO_TEST_CASE(ages_passphrase_files_open_with_ours) {
  test::TempDir dir;
  const fs::path plain = dir.write("plain.csv", samplePlaintext());
  auto pass = Passphrase::from("correct horse battery staple");
  BOOST_REQUIRE(pass.ok());
  for (bool armor : {false, true}) {
    const fs::path sealed = dir.path() / "p.age";
    std::vector<std::string> argv = {tool("age"), "-p", "-o", sealed.string(), plain.string()};
    if (armor) argv.insert(argv.begin() + 1, "-a");
    auto r = runOnTerminal(argv, {"correct horse battery staple", "correct horse battery staple"});
    BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out);
    const std::string bytes = test::readFile(sealed);
    const Identity with[] = {&*pass};
    MemorySource in(bytes);
    StringSink out;
    auto opened = decrypt(in, out, with);
    BOOST_REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? "" : opened.error().message()));
    BOOST_TEST(opened->passphrase);
    BOOST_TEST(opened->armored == armor);
    BOOST_TEST((out.bytes == test::readFile(plain)));
    auto wrong = Passphrase::from("incorrect horse");
    const Identity by_wrong[] = {&*wrong};
    BOOST_TEST((decryptBytes(bytes, by_wrong).error().code() == ErrorCode::kWrongKey));
    fs::remove(sealed);
  }
}

BOOST_AUTO_TEST_CASE(passphrase_encrypted_identity_files_both_ways) {
  test::TempDir dir;
  // age's: age-keygen's key file, encrypted with `age -p -a` (what age's man page suggests).
  const fs::path key = dir.path() / "key.txt";
  BOOST_REQUIRE(test::runProcess({tool("age-keygen"), "-o", key.string()}).exit_code == 0);
  const fs::path locked = dir.path() / "key.age";
  auto r = runOnTerminal({tool("age"), "-p", "-a", "-o", locked.string(), key.string()},
                         {"pw-of-keys", "pw-of-keys"});
  BOOST_REQUIRE_MESSAGE(r.exit_code == 0, r.out);
  auto pass = Passphrase::from("pw-of-keys");
  BOOST_REQUIRE(pass.ok());
  auto ids = readIdentityFile(locked, &*pass);
  BOOST_REQUIRE_MESSAGE(ids.ok(), (ids.ok() ? "" : ids.error().message()));
  auto plain_ids = readIdentityFile(key);
  BOOST_TEST((ids->front().recipient() == plain_ids->front().recipient()));

  // Ours: an identity file we encrypt with a passphrase, used by `age -d -i` (which asks for it).
  auto ours = X25519Identity::generate();
  const Recipient by_pass[] = {&*pass};
  const fs::path our_locked =
      dir.write("ours.age", test_util::encryptOrDie("# mine\n" + secretLine(*ours), by_pass, true));
  const Recipient to[] = {ours->recipient()};
  const fs::path file =
      dir.write("f.age", test_util::encryptOrDie("opened via an encrypted identity", to));
  const fs::path out = dir.path() / "f.out";
  auto d = runOnTerminal(
      {tool("age"), "-d", "-i", our_locked.string(), "-o", out.string(), file.string()},
      {"pw-of-keys"});
  BOOST_TEST(d.exit_code == 0, d.out);
  BOOST_TEST(test::readFile(out) == "opened via an encrypted identity");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto::age
