// SPDX-License-Identifier: Apache-2.0
// Issue 12: the real `jamul` binary tried as a hostile user would: a file open for writing, two
// processes on one inventory, damaged documents, killed runs, escape sequences in names, bad
// flags, long names, special files, and an inventory inside the scanned folder. One case per item
// of the issue, named after it.

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "integration/cli_helpers.h"
#include "support/skip.h"
#include "support/temp_dir.h"

namespace jamul {
namespace {

namespace fs = std::filesystem;
using boost::property_tree::ptree;
using test::jamul;
using test::jsonLines;
using test::summaryOf;

constexpr const char* kRrnLine = "주민등록번호 850917-2815903\n";

// `sh -c SCRIPT` with $J the jamul binary and $D the folder; returns what it prints.
test::ProcessResult shell(const std::string& script, const fs::path& dir) {
  return test::runProcess({"/bin/sh", "-c", script},
                          {{"J=" + test::jamulBinary(), "D=" + dir.string()}, {}, {}, {}});
}

// Whether any byte of `text` would drive a terminal (ESC, BEL, other C0 controls but newline).
bool hasControlBytes(const std::string& text) {
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return true;
  return false;
}


BOOST_AUTO_TEST_SUITE(hardening)

// 1. A program holding the file open for writing (an editor, a logger) keeps it: encrypt refuses,
// and what the program writes afterwards is there.
BOOST_AUTO_TEST_CASE(issue_12_1_a_file_open_for_writing_is_refused) {
  test::TempDir dir;
  dir.write("work/w.txt", kRrnLine);
  auto r = shell(
      "(exec 3>>\"$D/work/w.txt\"; sleep 2; echo LATER >&3) & sleep 0.5; "
      "\"$J\" encrypt \"$D/work/w.txt\" --db \"$D/inv.db\"; rc=$?; wait; exit $rc",
      dir.path());
  BOOST_TEST(r.exit_code == 2, r.out + r.err);
  BOOST_TEST(r.err.find("open for writing") != std::string::npos, r.err);
  BOOST_TEST(test::readFile(dir.path() / "work/w.txt") == std::string(kRrnLine) + "LATER\n");
  BOOST_TEST(!fs::exists(dir.path() / "work/w.txt.age"));
}

// 2. Two scans at once on a fresh, then an existing inventory, and a status beside them: all
// succeed, and the rows are those of one whole scan.
BOOST_AUTO_TEST_CASE(issue_12_2_two_processes_on_one_inventory) {
  test::TempDir dir;
  for (int i = 0; i < 60; ++i)
    dir.write("work/f" + std::to_string(i) + ".txt",
              std::string(kRrnLine) + "연락처 010-2345-" + std::to_string(1000 + i) + "\n");
  for (int round = 0; round < 6; ++round) {
    if (round < 3) fs::remove(dir.path() / "v.db");  // fresh, three times; then existing
    auto r = shell(
        "\"$J\" scan \"$D/work\" --db \"$D/v.db\" > /dev/null & a=$!; "
        "\"$J\" status --db \"$D/v.db\" > /dev/null || exit 10; "
        "\"$J\" scan \"$D/work\" --full --db \"$D/v.db\" > /dev/null; b=$?; wait $a; a=$?; "
        "echo \"$a $b\"",
        dir.path());
    BOOST_TEST(r.out == "1 1\n", "round " << round << ": " << r.out << r.err);
  }
  auto again = jamul(
      {"scan", "--json", "--db", (dir.path() / "v.db").string(), (dir.path() / "work").string()});
  const auto lines = jsonLines(again.out);
  const ptree& summary = summaryOf(lines);
  BOOST_TEST(summary.get<int>("files") == 60);
  BOOST_TEST(summary.get<int>("files_cached") == 60);
  BOOST_TEST(summary.get<int>("counts.kr_rrn") == 60);
  BOOST_TEST(summary.get<int>("counts.kr_phone") == 60);
}

// 4. Files that were not fully read make the exit status 2, unless findings make it 1; Jamul's
// own .age files are `encrypted`, which is no failure.
BOOST_AUTO_TEST_CASE(issue_12_4_unread_files_are_exit_2_and_age_files_are_encrypted) {
  test::TempDir dir;
  const auto scan = [&](const std::string& sub, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"scan", "--json", "--db", (dir.path() / "inv.db").string(),
                                     (dir.path() / sub).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return jamul(args);
  };
  dir.write("pdf/bad.pdf", "%PDF-1.4\nnot a pdf at all\n");
  BOOST_TEST(scan("pdf").exit_code == 2);
  dir.write("docx/cut.docx", std::string("PK\x03\x04\x14\x00\x00\x00\x08\x00", 10) + "cut");
  BOOST_TEST(scan("docx").exit_code == 2);
  dir.write("big/a.txt", "nothing here\n");
  BOOST_TEST(scan("big", {"--max-size", "4"}).exit_code == 2);
  dir.write("mixed/a.txt", kRrnLine);
  dir.write("mixed/bad.pdf", "%PDF-1.4\nnot a pdf at all\n");
  BOOST_TEST(scan("mixed").exit_code == 1);  // findings win
  dir.write("sealed/a.txt.age", "age-encryption.org/v1\n-> X25519 abc\n--- xyz\n");
  auto sealed = scan("sealed");
  BOOST_TEST(sealed.exit_code == 0, sealed.out);
  const auto lines = jsonLines(sealed.out);
  BOOST_TEST(lines[0].get<std::string>("status") == "encrypted");
  BOOST_TEST(summaryOf(lines).get<int>("status.encrypted") == 1);
  BOOST_TEST(summaryOf(lines).get<int>("status.protected") == 0);
}

// 5. A decryption killed half-way left plaintext in its temporary file: the next command that
// opens the inventory (a scan here) removes it before it walks, and wipes it first.
BOOST_AUTO_TEST_CASE(issue_12_5_a_killed_decrypt_leaves_nothing_for_a_scan_to_find) {
  test::TempDir dir;
  std::string big;
  while (big.size() < (48u << 20)) big += kRrnLine;
  dir.write("work/list.txt", big);
  const std::string db = (dir.path() / "inv.db").string();
  BOOST_TEST_REQUIRE(
      jamul({"encrypt", "--db", db, (dir.path() / "work/list.txt").string()}).exit_code == 0);
  const pid_t pid = ::fork();
  BOOST_REQUIRE(pid >= 0);
  if (pid == 0) {
    const std::string bin = test::jamulBinary(), age = (dir.path() / "work/list.txt.age").string();
    ::execl(bin.c_str(), bin.c_str(), "decrypt", "--db", db.c_str(), age.c_str(), nullptr);
    ::_exit(127);
  }
  // Killed once its temporary file holds some plaintext.
  bool seen = false;
  for (int i = 0; i < 5000 && !seen; ++i) {
    for (const fs::path& t : test::actionTemporaryFiles(dir.path() / "work")) seen = fs::file_size(t) > 0;
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  BOOST_TEST_REQUIRE(seen);
  if (!fs::exists(dir.path() / "work/list.txt.age"))
    JAMUL_SKIP("the decryption finished before the kill; nothing to recover");
  BOOST_REQUIRE(test::actionTemporaryFiles(dir.path() / "work").size() == 1u);
  auto scan = jamul({"scan", "--json", "--db", db, (dir.path() / "work").string()});
  BOOST_TEST(scan.exit_code == 0, scan.out + scan.err);  // only the .age file: encrypted
  BOOST_TEST(scan.err.find("rolled back") != std::string::npos, scan.err);
  BOOST_TEST(test::actionTemporaryFiles(dir.path() / "work").empty());
  BOOST_TEST(summaryOf(jsonLines(scan.out)).get<int>("files") == 1);
  auto status = jamul({"status", "--db", db});
  BOOST_TEST(status.out.find("Unfinished") == std::string::npos, status.out);
}

// 5. Ctrl-C during encrypt lets the file in hand finish and stops before the next: every file is
// its original or a whole .age, nothing temporary is left, and the exit status says 130.
BOOST_AUTO_TEST_CASE(issue_12_5_ctrl_c_stops_encrypt_between_files) {
  test::TempDir dir;
  for (int i = 0; i < 400; ++i) dir.write("work/f" + std::to_string(1000 + i) + ".txt", kRrnLine);
  auto r = shell(
      "\"$J\" encrypt \"$D\"/work/*.txt --db \"$D/inv.db\" > \"$D/out\" 2> \"$D/err\" & p=$!; "
      "while ! ls \"$D\"/work/*.age > /dev/null 2>&1; do sleep 0.01; done; "
      "kill -INT $p; wait $p; echo $?",
      dir.path());
  BOOST_TEST(r.out == "130\n", r.out + test::readFile(dir.path() / "err"));
  BOOST_TEST(test::readFile(dir.path() / "err").find("not started were left") != std::string::npos);
  int plain = 0, sealed = 0;
  for (const auto& e : fs::directory_iterator(dir.path() / "work")) {
    const std::string name = e.path().filename().string();
    BOOST_TEST_REQUIRE(!name.starts_with(".jamul-"), "left " << name);
    if (name.ends_with(".age")) {
      ++sealed;
      BOOST_TEST(!fs::exists(e.path().string().substr(0, e.path().string().size() - 4)));
    } else {
      ++plain;
      BOOST_TEST(test::readFile(e.path()) == kRrnLine);
    }
  }
  BOOST_TEST(plain + sealed == 400);
  BOOST_TEST(sealed > 0);
  BOOST_TEST(plain > 0);
}

// 6. A file name with terminal escapes is shown escaped by every command, errors included.
BOOST_AUTO_TEST_CASE(issue_12_6_names_never_reach_the_terminal_raw) {
  test::TempDir dir;
  const std::string hostile = "esc\x1b]0;PWNED\x07\x1b[31mred.txt";
  dir.write("work/" + hostile, kRrnLine);
  const std::string db = (dir.path() / "inv.db").string(), work = (dir.path() / "work").string();
  std::string printed;
  const auto run = [&](const std::vector<std::string>& args) {
    auto r = jamul(args);
    printed += r.out + r.err;
    return r;
  };
  BOOST_TEST(run({"scan", "--db", db, work}).exit_code == 1);
  BOOST_TEST(run({"encrypt", "--findings", "--db", db}).exit_code == 0);
  BOOST_TEST(run({"status", "--db", db}).exit_code == 0);
  BOOST_TEST(run({"decrypt", "--db", db, work + "/" + hostile + ".age"}).exit_code == 0);
  BOOST_TEST(run({"decrypt", "--db", db, work + "/" + hostile + ".age"}).exit_code == 2);
  BOOST_TEST(run({"encrypt", "--db", db, work + "/" + hostile + "-missing"}).exit_code == 2);
  BOOST_TEST(run({"shred", "--db", db, work + "/" + hostile}).exit_code == 0);
  BOOST_TEST(run({"scan", "--db", db, work + "/" + hostile}).exit_code == 2);
  BOOST_TEST(run({"extract", work + "/" + hostile}).exit_code == 2);
  BOOST_TEST(!hasControlBytes(printed), printed);
  BOOST_TEST(printed.find("esc\\x1B]0;PWNED\\x07\\x1B[31mred.txt") != std::string::npos);
}

// 7, 8, 11: flags and messages.
BOOST_AUTO_TEST_CASE(issue_12_7_8_11_flags_and_messages) {
  test::TempDir dir;
  dir.write("work/a.txt", "nothing here\n");
  const std::string db = (dir.path() / "inv.db").string(), work = (dir.path() / "work").string();
  // 7. A size that wraps to 0 bytes is refused, not taken as "every file is too large".
  for (const char* size : {"16777216T", "18446744073709551616", "0"}) {
    auto r = jamul({"scan", "--db", db, "--max-size", size, work});
    BOOST_TEST(r.exit_code == 2, size);
    BOOST_TEST(r.err.find("--max-size") != std::string::npos, r.err);
    BOOST_TEST(r.out.empty(), size);
  }
  // 8. Every per-file message names its file.
  dir.write("work/dm.age", "age-encryption.org/v1\n");
  auto truncated = jamul({"decrypt", "--db", db, work + "/dm.age"});
  BOOST_TEST(truncated.exit_code == 2);
  BOOST_TEST(truncated.err.find("dm.age: ") != std::string::npos, truncated.err);
  auto empty = jamul({"encrypt", "--db", db, ""});
  BOOST_TEST(empty.exit_code == 2);
  BOOST_TEST(empty.err.find("\"\"") != std::string::npos, empty.err);
  auto missing = jamul({"shred", "--db", db, work + "/nope.txt"});
  BOOST_TEST(missing.err.find("nope.txt: ") != std::string::npos, missing.err);
  // 11. Nothing to encrypt is said, and is no failure.
  auto none = jamul({"encrypt", "--findings", "--db", db});
  BOOST_TEST(none.exit_code == 0, none.err);
  BOOST_TEST(none.err.find("run jamul scan first") != std::string::npos, none.err);
  BOOST_TEST(jamul({"scan", "--db", db, work}).exit_code == 0);
  none = jamul({"encrypt", "--findings", "--db", db});
  BOOST_TEST(none.exit_code == 0, none.err);
  BOOST_TEST(none.err.find("left nothing to encrypt") != std::string::npos, none.err);
}

// 9. Long names: the temporary name is short, so a 245-byte name is encrypted; one to which .age
// cannot be added is refused with a message that says why.
BOOST_AUTO_TEST_CASE(issue_12_9_long_names) {
  test::TempDir dir;
  const std::string db = (dir.path() / "inv.db").string();
  const fs::path long_name = dir.write("work/" + std::string(245, 'a'), kRrnLine);
  auto r = jamul({"encrypt", "--db", db, long_name.string()});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(fs::exists(long_name.string() + ".age"));
  const fs::path longest = dir.write("work/" + std::string(253, 'b'), kRrnLine);
  auto refused = jamul({"encrypt", "--db", db, longest.string()});
  BOOST_TEST(refused.exit_code == 2);
  BOOST_TEST(refused.err.find("too long to add .age") != std::string::npos, refused.err);
  BOOST_TEST(test::readFile(longest) == kRrnLine);
  BOOST_TEST(test::actionTemporaryFiles(dir.path() / "work").empty());
}

// 10. Special files named on the command line are reported (exit 2); inside a tree they are
// passed over, and --all lists them. A link named on the command line is followed.
BOOST_AUTO_TEST_CASE(issue_12_10_special_files_and_links) {
  test::TempDir dir;
  dir.write("work/a.txt", kRrnLine);
  const fs::path fifo = dir.path() / "work/fifo1";
  BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  fs::create_symlink("/dev/zero", dir.path() / "work/zero");
  fs::create_symlink("a.txt", dir.path() / "work/link.txt");
  const std::string db = (dir.path() / "inv.db").string();
  for (const fs::path& special : {fifo, dir.path() / "work/zero"}) {
    auto r = jamul({"scan", "--json", "--db", db, special.string()});
    BOOST_TEST(r.exit_code == 2, special);
    const auto lines = jsonLines(r.out);
    BOOST_TEST_REQUIRE(lines.size() == 2u);
    BOOST_TEST(lines[0].get<std::string>("status") == "error");
    BOOST_TEST(lines[0].get<std::string>("detail").find("not a regular file") != std::string::npos);
  }
  auto linked = jamul({"scan", "--json", "--db", db, (dir.path() / "work/link.txt").string()});
  BOOST_TEST(linked.exit_code == 1, linked.out + linked.err);
  BOOST_TEST(jsonLines(linked.out)[0].get<std::string>("path") ==
             (dir.path() / "work/link.txt").string());  // shown as named
  auto tree = jamul({"scan", "--db", db, (dir.path() / "work").string()});
  BOOST_TEST(tree.exit_code == 1);
  BOOST_TEST(tree.out.find("fifo1") == std::string::npos, tree.out);
  auto all = jamul({"scan", "--all", "--db", db, (dir.path() / "work").string()});
  BOOST_TEST(all.exit_code == 1);
  for (const char* name : {"fifo1", "zero", "link.txt"}) {
    bool listed = false;
    std::istringstream lines(all.out);
    for (std::string line; std::getline(lines, line);)
      listed |= line.starts_with("skipped ") && line.ends_with(std::string("/") + name);
    BOOST_TEST(listed, name << "\n" << all.out);
  }
  BOOST_TEST(all.out.find("3 skipped") != std::string::npos, all.out);
}

// Also seen: an inventory inside the scanned folder is not scanned as the user's files, and
// totals count the bytes actually read (a 2 GB sparse file is recognised from its first 64 KiB).
BOOST_AUTO_TEST_CASE(issue_12_an_inventory_inside_the_tree_and_bytes_read) {
  test::TempDir dir;
  dir.write("work/a.txt", kRrnLine);
  const std::string work = (dir.path() / "work").string(), db = work + "/inv.db";
  BOOST_TEST(jamul({"scan", "--db", db, work}).exit_code == 1);
  BOOST_TEST(jamul({"encrypt", "--findings", "--db", db}).exit_code == 0);  // keys, locks
  dir.write("work/b.txt", kRrnLine);
  BOOST_REQUIRE(::truncate(dir.write("work/sparse.bin", "").c_str(), std::int64_t{2} << 30) == 0);
  auto r = jamul({"scan", "--json", "--all", "--db", db, work});
  BOOST_TEST(r.exit_code == 1, r.err);
  const auto lines = jsonLines(r.out);
  std::vector<std::string> names;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i)
    names.push_back(fs::path(lines[i].get<std::string>("path")).filename().string());
  BOOST_TEST(names == (std::vector<std::string>{"a.txt.age", "b.txt", "sparse.bin"}),
             boost::test_tools::per_element());
  BOOST_TEST(summaryOf(lines).get<std::uint64_t>("bytes_read") < (1u << 20));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul
