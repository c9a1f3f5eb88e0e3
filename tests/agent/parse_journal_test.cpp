// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/parse_journal.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <thread>

#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

ValueDigest digestOf(std::uint8_t tag) {
  ValueDigest d{};
  d.fill(tag);
  return d;
}

std::vector<UnfinishedParse> harvest(const std::string& base) {
  std::vector<UnfinishedParse> unfinished;
  auto journal = ParseJournal::open(base, unfinished);
  BOOST_REQUIRE(journal.ok());
  return unfinished;
}

// Runs `body` in a child process that then dies without any clean-up (as a crash does).
void inDyingChild(const std::function<void()>& body) {
  const pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    body();
    ::_exit(0);  // no destructors: the journal is left as a crash leaves it
  }
  int status = 0;
  BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
}

std::size_t journalFiles(const fs::path& dir) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().find(".parsing.") != std::string::npos) ++n;
  return n;
}

BOOST_AUTO_TEST_SUITE(parse_journal)

BOOST_AUTO_TEST_CASE(a_clean_run_leaves_nothing_to_harvest) {
  test::TempDir dir;
  const std::string base = (dir.path() / "inv.db").string();
  {
    std::vector<UnfinishedParse> unfinished;
    auto journal = ParseJournal::open(base, unfinished);
    BOOST_REQUIRE(journal.ok());
    BOOST_TEST(journalFiles(dir.path()) == 1u);
    (*journal)->parsing(digestOf(1), "/a.pdf", "pdf");
    (*journal)->parsed(digestOf(1));
  }
  BOOST_TEST(journalFiles(dir.path()) == 0u);
  BOOST_TEST(harvest(base).empty());
}

BOOST_AUTO_TEST_CASE(parses_that_never_ended_in_a_dead_process_are_harvested_once) {
  test::TempDir dir;
  const std::string base = (dir.path() / "inv.db").string();
  inDyingChild([&] {
    std::vector<UnfinishedParse> unfinished;
    auto journal = ParseJournal::open(base, unfinished);
    if (!journal.ok()) ::_exit(1);
    (*journal)->parsing(digestOf(1), "/docs/ok.hwp", "hwp");
    (*journal)->parsing(digestOf(2), "/docs/문서 \xFF.pdf", "pdf");  // any bytes in a path
    (*journal)->parsed(digestOf(1));
    (*journal)->parsing(digestOf(3), "/docs/same.xlsx", "xlsx");
    (*journal)->parsing(digestOf(3), "/docs/copy of same.xlsx", "xlsx");  // two copies at once
    (*journal)->parsed(digestOf(3));
    journal->release();  // leaked on purpose: returning would run the destructor, a crash does not
  });
  BOOST_TEST(journalFiles(dir.path()) == 1u);
  const auto unfinished = harvest(base);
  BOOST_REQUIRE(unfinished.size() == 2u);
  BOOST_TEST((unfinished[0].content == digestOf(2)));
  BOOST_TEST(unfinished[0].path == "/docs/문서 \xFF.pdf");
  BOOST_TEST(unfinished[0].format == "pdf");
  BOOST_TEST((unfinished[1].content == digestOf(3)));
  BOOST_TEST(journalFiles(dir.path()) == 0u);
  BOOST_TEST(harvest(base).empty());  // deleted once harvested
}

BOOST_AUTO_TEST_CASE(a_live_process_journal_is_left_alone) {
  test::TempDir dir;
  const std::string base = (dir.path() / "inv.db").string();
  int ready[2];
  BOOST_REQUIRE(::pipe(ready) == 0);
  const pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    std::vector<UnfinishedParse> unfinished;
    auto journal = ParseJournal::open(base, unfinished);
    if (!journal.ok()) ::_exit(1);
    (*journal)->parsing(digestOf(7), "/slow.pdf", "pdf");
    (void)!::write(ready[1], "x", 1);
    ::pause();  // parsing, slowly, until killed
    ::_exit(0);
  }
  char c = 0;
  BOOST_REQUIRE(::read(ready[0], &c, 1) == 1);
  BOOST_TEST(harvest(base).empty());  // still parsing: not a crash
  ::kill(pid, SIGKILL);
  int status = 0;
  BOOST_REQUIRE(::waitpid(pid, &status, 0) == pid);
  const auto unfinished = harvest(base);  // killed mid-parse: now it is one
  BOOST_REQUIRE(unfinished.size() == 1u);
  BOOST_TEST(unfinished[0].path == "/slow.pdf");
  ::close(ready[0]);
  ::close(ready[1]);
}

BOOST_AUTO_TEST_CASE(torn_and_damaged_lines_are_ignored) {
  test::TempDir dir;
  const std::string base = (dir.path() / "inv.db").string();
  const std::string good(32, 'a');
  dir.write("inv.db.parsing.1",
            "B " + good + " pdf L2EucGRm\n"          // /a.pdf, never ended
            "B zz pdf L2EucGRm\n"                    // bad digest
            "E\n"
            "B " + std::string(32, 'b') + " pdf !!\n"  // bad path
            "X " + good + "\n"
            "B " + std::string(32, 'c') + " pdf L2MucGRm");  // torn: no newline
  const auto unfinished = harvest(base);
  BOOST_REQUIRE(unfinished.size() == 1u);
  BOOST_TEST(unfinished[0].path == "/a.pdf");
  BOOST_TEST(unfinished[0].content[0] == 0xAA);
}

BOOST_AUTO_TEST_CASE(quarantined_digests_are_the_ones_set) {
  test::TempDir dir;
  std::vector<UnfinishedParse> unfinished;
  auto journal = ParseJournal::open((dir.path() / "inv.db").string(), unfinished);
  BOOST_REQUIRE(journal.ok());
  BOOST_TEST(!(*journal)->quarantined(digestOf(1)));
  (*journal)->setQuarantined({digestOf(1), digestOf(9)});
  BOOST_TEST((*journal)->quarantined(digestOf(1)));
  BOOST_TEST((*journal)->quarantined(digestOf(9)));
  BOOST_TEST(!(*journal)->quarantined(digestOf(2)));
}

BOOST_AUTO_TEST_CASE(the_watchdog_names_a_parse_that_runs_too_long) {
  test::TempDir dir;
  std::vector<UnfinishedParse> unfinished;
  auto journal = ParseJournal::open((dir.path() / "inv.db").string(), unfinished);
  BOOST_REQUIRE(journal.ok());
  std::atomic<int> calls{0};
  std::string hung_path;
  std::atomic<long long> hung_ms{0};
  (*journal)->watchForHangs(200ms, [&](const UnfinishedParse& p, std::chrono::milliseconds ms) {
    hung_path = p.path;
    hung_ms = ms.count();
    ++calls;
  });
  // Quick parses never trip it.
  for (int i = 0; i < 20; ++i) {
    (*journal)->parsing(digestOf(1), "/quick.hwp", "hwp");
    std::this_thread::sleep_for(5ms);
    (*journal)->parsed(digestOf(1));
  }
  BOOST_TEST(calls.load() == 0);
  (*journal)->parsing(digestOf(2), "/stuck.pdf", "pdf");
  for (int i = 0; i < 300 && calls.load() == 0; ++i) std::this_thread::sleep_for(10ms);
  BOOST_REQUIRE(calls.load() == 1);
  BOOST_TEST(hung_path == "/stuck.pdf");
  BOOST_TEST(hung_ms.load() >= 200);
  std::this_thread::sleep_for(100ms);
  BOOST_TEST(calls.load() == 1);  // once only
}

BOOST_AUTO_TEST_CASE(the_journal_stays_small) {
  test::TempDir dir;
  const std::string base = (dir.path() / "inv.db").string();
  std::vector<UnfinishedParse> unfinished;
  auto journal = ParseJournal::open(base, unfinished);
  BOOST_REQUIRE(journal.ok());
  const std::string path = "/" + std::string(200, 'p');
  for (int i = 0; i < 20000; ++i) {  // ~6 MB of lines without compaction
    (*journal)->parsing(digestOf(static_cast<std::uint8_t>(i)), path, "pdf");
    (*journal)->parsed(digestOf(static_cast<std::uint8_t>(i)));
  }
  const fs::path file = dir.path() / ("inv.db.parsing." + std::to_string(::getpid()));
  BOOST_TEST(fs::file_size(file) < (2u << 20));
  // Compaction never loses a parse in flight.
  (*journal)->parsing(digestOf(1), "/open.pdf", "pdf");
  for (int i = 0; i < 10000; ++i) {
    (*journal)->parsing(digestOf(2), path, "pdf");
    (*journal)->parsed(digestOf(2));
  }
  const std::string copy = (dir.path() / "copy.parsing.1").string();
  fs::copy_file(file, copy);
  const auto open_parses = harvest((dir.path() / "copy").string());
  BOOST_REQUIRE(open_parses.size() == 1u);
  BOOST_TEST(open_parses[0].path == "/open.pdf");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
