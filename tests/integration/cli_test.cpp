// SPDX-License-Identifier: Apache-2.0
// The real `jamul` binary on temporary trees: exit codes, JSON Lines output, incremental rescans,
// exclusions, and the promise that no raw value reaches any output or the inventory.

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "integration/cli_helpers.h"
#include "jamul/common/base64.h"
#include "jamul/crypto/keyed_hasher.h"
#include "scanner/extract/image/test_images.h"
#include "support/pdf_writer.h"
#include "support/process.h"
#include "support/skip.h"
#include "support/temp_dir.h"

namespace jamul {
namespace {

namespace fs = std::filesystem;
using boost::property_tree::ptree;

using test::jamul;
using test::jsonLines;
using test::summaryOf;

// Values planted in the tree; none may appear in any output or database file.
const std::vector<std::string> kRawValues = {"850917-2815903",
                                             "8509172815903",
                                             "010-9317-2204",
                                             "01093172204",
                                             "4518-4212-3456-7894",
                                             "4518421234567894",
                                             "seoyeon.lee@seoul.go.kr",
                                             "Minwon!2026#db",
                                             "110-436-387740",
                                             "890215-5935188",
                                             "M123A4567"};

void writeTree(const test::TempDir& dir) {
  dir.write("docs/민원대장.csv",
            "성명,주민등록번호,연락처,이메일\n"
            "이서연,850917-2815903,010-9317-2204,seoyeon.lee@seoul.go.kr\n");
  dir.write("docs/letter.txt",
            "환불계좌: 신한은행 110-436-387740\n카드번호 4518-4212-3456-7894\n"
            "외국인등록번호 890215-5935188, 여권번호 M123A4567\n");
  dir.write("conf/app.conf", "db.password=Minwon!2026#db\n");
  dir.write("clean/notes.txt", "회의록: 다음 회의는 2026년 12월 3일 오후 2시입니다.\n");
}

BOOST_AUTO_TEST_SUITE(cli)

BOOST_AUTO_TEST_CASE(exit_status_says_what_was_found) {
  test::TempDir dir;
  writeTree(dir);
  const std::string db = (dir.path() / "inv.db").string();
  auto clean = jamul({"scan", "--db", db, (dir.path() / "clean").string()});
  BOOST_TEST(clean.exit_code == 0, clean.err);
  BOOST_TEST(clean.out.find("0 with personal data") != std::string::npos, clean.out);
  auto found = jamul({"scan", "--db", db, (dir.path() / "docs").string()});
  BOOST_TEST(found.exit_code == 1, found.err);
  BOOST_TEST(found.out.find("850917-2******") != std::string::npos, found.out);
  auto missing = jamul({"scan", "--db", db, (dir.path() / "nope").string()});
  BOOST_TEST(missing.exit_code == 2);
  auto bad_flag = jamul({"scan", "--bogus", db});
  BOOST_TEST(bad_flag.exit_code == 2);
  BOOST_TEST(bad_flag.err.find("--bogus") != std::string::npos);
  BOOST_TEST(jamul({"scan", "--help"}).exit_code == 0);
  BOOST_TEST(jamul({"frobnicate"}).exit_code == 2);
}

BOOST_AUTO_TEST_CASE(json_lines_describe_each_file_then_a_summary) {
  test::TempDir dir;
  writeTree(dir);
  const std::string root = dir.path().string();
  auto r = jamul({"scan", "--json", "--db", root + "/inv.db", root + "/docs", root + "/conf"});
  BOOST_TEST(r.exit_code == 1, r.err);
  const auto lines = jsonLines(r.out);
  BOOST_REQUIRE(lines.size() == 4u);                                           // 3 files + summary
  BOOST_TEST(lines[0].get<std::string>("path") == root + "/docs/letter.txt");  // walk order
  const ptree& csv = lines[1];
  BOOST_TEST(csv.get<std::string>("path") == root + "/docs/민원대장.csv");
  BOOST_TEST(csv.get<std::string>("status") == "ok");
  BOOST_TEST(csv.get<std::string>("format") == "csv/utf-8");
  BOOST_TEST(csv.get<int>("counts.kr_rrn") == 1);
  BOOST_TEST(csv.get<int>("counts.kr_phone") == 1);
  BOOST_TEST(csv.get<int>("counts.email") == 1);
  // The register's first finding is its name column (issue 18); the resident number follows.
  const ptree& name_finding = csv.get_child("findings").front().second;
  BOOST_TEST(name_finding.get<std::string>("rule") == "person_name");
  BOOST_TEST(name_finding.get<std::string>("location") == "row 2, column 1");
  BOOST_TEST(name_finding.get<std::string>("masked") == "이*연");
  const ptree* rrn = nullptr;
  for (const auto& [key, f] : csv.get_child("findings"))
    if (f.get<std::string>("rule") == "kr_rrn") rrn = &f;
  BOOST_REQUIRE(rrn != nullptr);
  const ptree& first = *rrn;
  BOOST_TEST(first.get<std::string>("rule") == "kr_rrn");
  BOOST_TEST(first.get<std::string>("confidence") == "high");
  BOOST_TEST(first.get<std::string>("location") == "row 2, column 2");
  BOOST_TEST(first.get<std::string>("masked") == "850917-2******");
  // Why: its check digit passes and its column header names it.
  std::vector<std::string> basis;
  for (const auto& [key, name] : first.get_child("basis")) basis.push_back(name.data());
  BOOST_TEST(basis == (std::vector<std::string>{"checksum", "label"}),
             boost::test_tools::per_element());
  const ptree& summary = summaryOf(lines);
  BOOST_TEST(summary.get<int>("files") == 3);
  BOOST_TEST(summary.get<int>("files_with_findings") == 3);
  BOOST_TEST(summary.get<int>("exit_code") == 1);
  BOOST_TEST(summary.get<int>("counts.password") == 1);
  BOOST_TEST(summary.get<int>("counts.kr_frn") == 1);
  BOOST_TEST(summary.get<int>("counts.kr_passport") == 1);
  BOOST_TEST(summary.get<int>("counts.card_number") == 1);
  BOOST_TEST(summary.get<int>("counts.kr_bank_account") == 1);
}

// A name that is not UTF-8 (a CP949 name from an old USB stick) is printed with U+FFFD in `path`
// and exactly in `path_base64`; UTF-8 names get no path_base64.
BOOST_AUTO_TEST_CASE(a_name_that_is_not_utf8_comes_with_its_bytes_in_base64) {
  test::TempDir dir;
  const std::string cp949_name = "\xB8\xED\xB4\xDC.txt";  // 명단.txt in CP949
  dir.write("d/" + cp949_name, "연락처 010-2000-0000\n");
  dir.write("d/명단.txt", "연락처 010-2000-0000\n");
  const std::string root = dir.path().string();
  auto r = jamul({"scan", "--json", "--db", root + "/inv.db", root + "/d"});
  BOOST_TEST(r.exit_code == 1, r.err);
  const auto lines = jsonLines(r.out);
  BOOST_REQUIRE(lines.size() == 3u);
  BOOST_TEST(lines[0].get<std::string>("path_base64") == base64::encode(root + "/d/" + cp949_name));
  BOOST_TEST(lines[0].get<std::string>("path").find("\xEF\xBF\xBD") != std::string::npos);
  BOOST_TEST(!lines[1].get_optional<std::string>("path_base64"));
  BOOST_TEST(lines[1].get<std::string>("path") == root + "/d/명단.txt");
}

BOOST_AUTO_TEST_CASE(no_raw_value_reaches_any_output_or_the_inventory) {
  test::TempDir dir;
  writeTree(dir);
  const std::string root = dir.path().string();
  const std::string db_dir = root + "/db";
  fs::create_directories(db_dir);
  std::string everything;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"scan", "--db", db_dir + "/inv.db", "--all", root + "/docs",
                                 root + "/conf"},
        std::vector<std::string>{"scan", "--json", "--min-confidence", "low", "--db",
                                 db_dir + "/inv.db", root + "/docs", root + "/conf"},
        std::vector<std::string>{"scan", "--json", "--full", "--db", db_dir + "/inv.db",
                                 root + "/docs", root + "/conf"}}) {
    auto r = jamul(args);
    BOOST_TEST(r.exit_code == 1, r.err);
    everything += r.out + r.err;
  }
  for (const auto& entry : fs::directory_iterator(db_dir))
    everything += test::readFile(entry.path());
  BOOST_TEST(everything.find("850917-2******") != std::string::npos);  // the masks are there
  for (const std::string& value : kRawValues)
    BOOST_TEST(everything.find(value) == std::string::npos, "raw value leaked: " << value);
}

BOOST_AUTO_TEST_CASE(unchanged_files_are_not_read_again) {
  test::TempDir dir;
  writeTree(dir);
  const std::string root = dir.path().string(), db = root + "/inv.db";
  const auto scan = [&] {
    auto r = jamul({"scan", "--json", "--db", db, root + "/docs", root + "/conf", root + "/clean"});
    BOOST_TEST(r.exit_code == 1, r.err);
    return jsonLines(r.out);
  };
  const auto first = scan();
  BOOST_TEST(summaryOf(first).get<int>("files_read") == 4);
  const auto second = scan();
  BOOST_TEST(summaryOf(second).get<int>("files_read") == 0);
  BOOST_TEST(summaryOf(second).get<int>("files_cached") == 4);
  // Cached reports carry the stored findings: same counts, same masks.
  BOOST_TEST(summaryOf(second).get_child("counts") == summaryOf(first).get_child("counts"));
  BOOST_TEST(second[1].get<bool>("cached"));
  BOOST_TEST(second[1].get_child("findings").size() == first[1].get_child("findings").size());
  // One file changes (size and mtime), one disappears.
  dir.write("conf/app.conf", "db.password=Changed!2027#x\nadmin=1\n");
  fs::remove(dir.path() / "clean/notes.txt");
  const auto third = scan();
  BOOST_TEST(summaryOf(third).get<int>("files_read") == 1);
  BOOST_TEST(summaryOf(third).get<int>("files") == 3);
  BOOST_TEST(summaryOf(third).get<int>("files_cached") == 2);
}

// A document whose parse began but never ended in an earlier process (as a crash, a hang killed by
// the user or the OOM killer leave it) is quarantined: reported as an error, not parsed, until it
// changes or --retry-quarantined.
BOOST_AUTO_TEST_CASE(a_document_that_stopped_a_scan_is_quarantined) {
  test::TempDir dir;
  const std::string rtf = "{\\rtf1\\ansi Contact: seoyeon.lee@seoul.go.kr\\par}";
  dir.write("docs/contact.rtf", rtf);
  const std::string root = dir.path().string(), db = root + "/inv.db";
  const auto scan = [&](std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"scan", "--json", "--db", db};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back(root + "/docs");
    return jamul(args);
  };
  auto first = scan();
  BOOST_TEST(first.exit_code == 1, first.err);
  BOOST_TEST(!fs::exists(db + ".parsing." + std::to_string(::getpid())));  // none left behind

  // The journal of a dead process (nobody holds its lock) with a start and no end.
  auto hasher = crypto::KeyedHasher::loadOrCreate(db + ".key");
  BOOST_REQUIRE(hasher.ok());
  const ValueDigest digest = hasher->digest(rtf);
  const std::string hex = toHex(digest);
  const std::string path = root + "/docs/contact.rtf";
  dir.write("inv.db.parsing.1", "B " + hex + " rtf " + base64::encode(path) + "\n");

  // The file is unchanged: the rescan serves it from the cache and says nothing is wrong with it;
  // what matters is that every later read skips it. --full reads every file.
  auto second = scan({"--full"});
  BOOST_TEST(second.exit_code == 2, second.out);
  BOOST_TEST(second.err.find("contact.rtf stopped an earlier scan") != std::string::npos,
             second.err);
  BOOST_TEST(!fs::exists(root + "/inv.db.parsing.1"));  // harvested
  auto lines = jsonLines(second.out);
  BOOST_REQUIRE(lines.size() == 2u);
  BOOST_TEST(lines[0].get<std::string>("status") == "error");
  BOOST_TEST(lines[0].get<std::string>("error") == "internal");
  BOOST_TEST(lines[0].get<std::string>("detail").find("quarantined") != std::string::npos);
  BOOST_TEST(lines[0].get_child("findings").empty());

  // Still quarantined on the next scan (errors are always read again, and skipped again).
  auto third = scan();
  BOOST_TEST(third.exit_code == 2, third.out);
  BOOST_TEST(third.err.find("stopped an earlier scan") == std::string::npos, third.err);

  // Asked to, Jamul reads it again: it parses fine and is found.
  auto retried = scan({"--retry-quarantined"});
  BOOST_TEST(retried.exit_code == 1, retried.out);
  BOOST_TEST(jsonLines(retried.out)[0].get<std::string>("status") == "ok");
  auto after = scan({"--full"});
  BOOST_TEST(after.exit_code == 1, after.out);
}

// Overlapping roots (a file and its folder, a folder named twice) report each file once.
BOOST_AUTO_TEST_CASE(overlapping_roots_report_each_file_once) {
  test::TempDir dir;
  writeTree(dir);
  const std::string root = dir.path().string(), db = root + "/inv.db";
  auto r = jamul({"scan", "--json", "--db", db, root + "/docs/letter.txt", root + "/docs",
                  root + "/docs/", root + "/conf"});
  BOOST_TEST(r.exit_code == 1, r.err);
  const auto lines = jsonLines(r.out);
  BOOST_TEST(summaryOf(lines).get<int>("files") == 3);
}

// The whole protection story through the CLI: IT makes a recovery key, the scan finds personal
// data, `encrypt --findings` seals exactly those files, status shows the 암호화율, the next scan
// reports them protected, IT's `recover` brings every byte back, and `shred` removes a file.
BOOST_AUTO_TEST_CASE(scan_encrypt_findings_status_recover_shred) {
  std::string printed;  // everything the commands print: no key material, no raw value
  const auto run = [&](const std::vector<std::string>& args) {
    auto r = jamul(args);
    printed += r.out + r.err;
    return r;
  };
  test::TempDir dir;
  writeTree(dir);
  const std::string root = dir.path().string(), db = root + "/inv.db";
  const std::string roots[] = {root + "/docs", root + "/conf", root + "/clean"};
  const std::vector<std::string> originals = {test::readFile(roots[0] + "/민원대장.csv"),
                                              test::readFile(roots[0] + "/letter.txt"),
                                              test::readFile(roots[1] + "/app.conf")};
  const std::string clean = test::readFile(roots[2] + "/notes.txt");

  const std::string secret = root + "/recovery.txt";
  auto made = run({"keys", "new-recovery", "--out", secret, "--db", db});
  BOOST_TEST_REQUIRE(made.exit_code == 0, made.err);
  struct stat st {};
  BOOST_TEST_REQUIRE(::stat(secret.c_str(), &st) == 0);
  BOOST_TEST((st.st_mode & 077) == 0u);
  const std::string recipient = made.out.substr(0, made.out.find('\n'));
  BOOST_TEST_REQUIRE(recipient.rfind("age1", 0) == 0u, made.out);
  BOOST_TEST(run({"keys", "set-recovery", recipient, "--db", db}).exit_code == 0);
  BOOST_TEST(run({"keys", "--db", db}).out.find(recipient) != std::string::npos);

  BOOST_TEST(run({"scan", "--db", db, roots[0], roots[1], roots[2]}).exit_code == 1);
  auto sealed = run({"encrypt", "--findings", "--db", db});
  BOOST_TEST_REQUIRE(sealed.exit_code == 0, sealed.err);
  BOOST_TEST(sealed.out.find("3 encrypted, 0 failed") != std::string::npos, sealed.out);
  for (const char* name : {"docs/민원대장.csv", "docs/letter.txt", "conf/app.conf"}) {
    BOOST_TEST(!fs::exists(dir.path() / name), name);
    BOOST_TEST(fs::exists(dir.path() / (std::string(name) + ".age")), name);
  }
  BOOST_TEST(test::readFile(roots[2] + "/notes.txt") == clean);
  auto status = run({"status", "--db", db});
  BOOST_TEST(status.exit_code == 0, status.err);
  BOOST_TEST(status.out.find("100.0%") != std::string::npos, status.out);

  // Sealed files hold no plaintext, and the next scan reports them encrypted: not clean, and not a
  // failure either (exit 0).
  for (const auto& e : fs::recursive_directory_iterator(dir.path())) {
    if (!e.is_regular_file()) continue;
    const std::string bytes = test::readFile(e.path());
    for (const std::string& raw : kRawValues)
      BOOST_TEST(bytes.find(raw) == std::string::npos,
                 e.path() << " holds " << raw.size() << " raw bytes");
  }
  auto rescan = run({"scan", "--json", "--db", db, roots[0], roots[1], roots[2]});
  BOOST_TEST(rescan.exit_code == 0, rescan.err);
  BOOST_TEST(summaryOf(jsonLines(rescan.out)).get<int>("status.encrypted") == 3, rescan.out);

  auto recovered =
      run({"recover", "--identity", secret, "--db", db, root + "/docs", root + "/conf"});
  BOOST_TEST_REQUIRE(recovered.exit_code == 0, recovered.err);
  BOOST_TEST(test::readFile(roots[0] + "/민원대장.csv") == originals[0]);
  BOOST_TEST(test::readFile(roots[0] + "/letter.txt") == originals[1]);
  BOOST_TEST(test::readFile(roots[1] + "/app.conf") == originals[2]);
  BOOST_TEST(!fs::exists(roots[1] + "/app.conf.age"));
  // Decrypted files count as plaintext with personal data until a scan looks at them again.
  auto after = run({"status", "--db", db});
  BOOST_TEST(after.out.find("0.0%") != std::string::npos, after.out);
  BOOST_TEST(after.out.find("decrypted, not scanned since 3") != std::string::npos, after.out);
  BOOST_TEST(run({"scan", "--db", db, roots[0], roots[1], roots[2]}).exit_code == 1);
  after = run({"status", "--db", db});
  BOOST_TEST(after.out.find("0.0%") != std::string::npos, after.out);
  BOOST_TEST(after.out.find("decrypted, not scanned") == std::string::npos, after.out);

  auto shred = run({"shred", "--db", db, roots[2] + "/notes.txt"});
  BOOST_TEST(shred.exit_code == 0, shred.err);
  BOOST_TEST(fs::is_empty(roots[2]));
  BOOST_TEST(run({"status", "--db", db}).out.find("Files shredded                         1") !=
             std::string::npos);
  // A wrong key opens nothing and leaves the file as it was.
  BOOST_TEST(run({"encrypt", "--db", db, roots[1] + "/app.conf"}).exit_code == 0);
  const std::string wrong = root + "/wrong.txt";
  BOOST_TEST(run({"keys", "new-recovery", "--out", wrong, "--db", db}).exit_code == 0);
  auto refused = run({"recover", "--identity", wrong, "--db", db, roots[1]});
  BOOST_TEST(refused.exit_code == 2);
  BOOST_TEST(fs::exists(roots[1] + "/app.conf.age"));
  BOOST_TEST(!fs::exists(roots[1] + "/app.conf"));
  BOOST_TEST(printed.find("AGE-SECRET-KEY-") == std::string::npos);
  for (const std::string& raw : kRawValues)
    BOOST_TEST(printed.find(raw) == std::string::npos, raw.size() << " raw bytes printed");
}

BOOST_AUTO_TEST_CASE(thresholds_exclusions_and_rules) {
  test::TempDir dir;
  dir.write("a/bare.txt", "9601211234567\n");  // unhyphenated RRN shape, check digit fails: low
  dir.write("a/skip/me.txt", "900101-1234568\n");
  dir.write("a/skip.log", "900101-1234568\n");
  const std::string root = dir.path().string(), db = root + "/inv.db";
  auto medium = jamul({"scan", "--db", db, "--exclude", "skip", "--exclude", "*.log", root + "/a"});
  BOOST_TEST(medium.exit_code == 0, medium.out + medium.err);
  auto low = jamul({"scan", "--json", "--min-confidence", "low", "--db", db, "--exclude", "skip",
                    "--exclude", "*.log", root + "/a"});
  BOOST_TEST(low.exit_code == 1);
  const auto lines = jsonLines(low.out);
  BOOST_TEST(lines.size() == 2u);
  BOOST_TEST(lines[0].get_child("findings").front().second.get<std::string>("confidence") == "low");
  auto rules = jamul({"rules"});
  BOOST_TEST(rules.exit_code == 0);
  BOOST_TEST(rules.out.find("kr_health_insurance") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unreadable_files_are_errors_not_clean) {
  // Root ignores permissions: run the scan as "nobody" over a tree it may read except one file.
  test::TempDir dir;
  ::chmod(dir.path().c_str(), 0755);
  dir.write("t/readable.txt", "nothing here\n");
  dir.write("t/locked.txt", "900101-1234568\n");
  ::chmod((dir.path() / "t").c_str(), 0755);
  ::chmod((dir.path() / "t/readable.txt").c_str(), 0644);
  ::chmod((dir.path() / "t/locked.txt").c_str(), 0000);
  fs::create_directories(dir.path() / "db");
  ::chmod((dir.path() / "db").c_str(), 0777);
  test::ProcessOptions nobody;
  nobody.uid = 65534;
  nobody.gid = 65534;
  auto r = jamul(
      {"scan", "--json", "--db", (dir.path() / "db/inv.db").string(), (dir.path() / "t").string()},
      nobody);
  if (r.exit_code == 126) JAMUL_SKIP("cannot switch to uid 65534 here");
  BOOST_TEST(r.exit_code == 2, r.out + r.err);
  const auto lines = jsonLines(r.out);
  BOOST_REQUIRE(lines.size() == 3u);
  BOOST_TEST(lines[0].get<std::string>("status") == "error");
  BOOST_TEST(lines[0].get<std::string>("error") == "permission_denied");
  BOOST_TEST(summaryOf(lines).get<int>("status.error") == 1);
}

BOOST_AUTO_TEST_CASE(extract_prints_the_decoded_text) {
  test::TempDir dir;
  // "한글 900101" in CP949.
  const auto file = dir.write("k.txt", "\xC7\xD1\xB1\xDB 900101\n");
  auto r = jamul({"extract", file.string()});
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out == "한글 900101\n");
  BOOST_TEST(r.err.find("text/cp949") != std::string::npos);
  auto pdf = jamul({"extract", dir.write("x.pdf", "%PDF-1.4\n").string()});
  BOOST_TEST(pdf.exit_code == 2);
  BOOST_TEST(pdf.err.find("corrupt") != std::string::npos, pdf.err);
  auto bin = jamul({"extract", dir.write("x.bin", std::string("\x01\x00\x02\x00", 4)).string()});
  BOOST_TEST(bin.exit_code == 2);
  BOOST_TEST(bin.err.find("unsupported") != std::string::npos, bin.err);
}

// Issue 13: `jamul extract --ocr` prints the text OCR produced, as `jamul scan --ocr` reads it.
BOOST_AUTO_TEST_CASE(extract_with_ocr_prints_what_ocr_read) {
  test::TempDir dir;
  testing::TestPix pix = testing::renderText({"900101-1234568"});
  const auto file = dir.write("scan.png", testing::encode(pix.get(), IFF_PNG));
  auto off = jamul({"extract", file.string()});
  BOOST_TEST(off.exit_code == 2);
  BOOST_TEST(off.err.find("OCR is off") != std::string::npos, off.err);
  auto on = jamul({"extract", "--ocr", file.string()});
  BOOST_TEST(on.exit_code == 0, on.err);
  BOOST_TEST(on.out.find("=== page 1 (OCR) ===") != std::string::npos, on.out);
  BOOST_TEST(on.out.find("900101-1234568") != std::string::npos, on.out);
  BOOST_TEST(on.err.find("png") != std::string::npos, on.err);
}

// PDFs are read by a module the program loads on first use (extract/pdf_ocr/pdf_ocr_module.h),
// found beside the program in ../lib/jamul. A copy of the program without it still scans, and
// says why it could not read the PDF rather than calling it clean.
BOOST_AUTO_TEST_CASE(pdfs_are_read_by_the_module_and_without_it_are_errors) {
  test::TempDir dir;
  dir.write("docs/명단.pdf",
            testing::pdfWithPages({"BT /F1 12 Tf 72 720 Td (RRN 900101-1234568) Tj ET"}));
  dir.write("docs/memo.txt", "연락처 010-2000-0000\n");
  const std::string docs = (dir.path() / "docs").string();

  auto with = jamul({"scan", "--json", "--db", (dir.path() / "a.db").string(), docs});
  BOOST_TEST(with.exit_code == 1, with.out + with.err);
  const auto read = jsonLines(with.out);
  BOOST_REQUIRE(read.size() == 3u);
  BOOST_TEST(read[1].get<std::string>("status") == "ok");
  BOOST_TEST(read[1].get<int>("counts.kr_rrn") == 1);

  if (fs::exists(JAMUL_INSTALL_PREFIX "/lib/jamul/libjamul-pdf-ocr.so")) {
    JAMUL_SKIP("an installed module would be found; the copy without one is not tried");
  }
  const fs::path alone = dir.path() / "alone/bin/jamul";
  fs::create_directories(alone.parent_path());
  fs::copy_file(test::jamulBinary(), alone);
  std::vector<std::string> argv = {
      alone.string(), "scan", "--json", "--db", (dir.path() / "b.db").string(), docs};
  auto without = test::runProcess(argv, {});
  BOOST_TEST(without.exit_code == 2, without.out + without.err);
  const auto lines = jsonLines(without.out);
  BOOST_REQUIRE(lines.size() == 3u);
  BOOST_TEST(lines[0].get<std::string>("status") == "ok");  // memo.txt sorts first
  BOOST_TEST(lines[1].get<std::string>("status") == "error");
  BOOST_TEST(lines[1].get<std::string>("detail").find("PDF and OCR support is not installed") !=
                 std::string::npos,
             lines[1].get<std::string>("detail"));
  BOOST_TEST(summaryOf(lines).get<int>("status.error") == 1);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul
