// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/file_scanner.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unicode/ucnv.h>
#include <unicode/ustring.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "detect/validators.h"
#include "scanner/extract/ole/hwp_test_document.h"
#include "scanner/extract/zip/zip_writer.h"
#include "support/detector_fixture.h"
#include "support/file_scanning.h"
#include "support/temp_dir.h"

namespace jamul::scanner {
namespace {

// The shared scanner setup (support/file_scanning.h), named as the cases below call it.
using test::entryFor;
using test::makeScanner;

std::string toUtf16(std::string_view utf8, bool little_endian) {
  std::string out;
  UErrorCode status = U_ZERO_ERROR;
  std::u16string units(utf8.size() * 2 + 2, u'\0');
  int32_t n = 0;
  u_strFromUTF8(reinterpret_cast<UChar*>(units.data()), static_cast<int32_t>(units.size()), &n,
                utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  BOOST_REQUIRE(U_SUCCESS(status));
  for (int32_t i = 0; i < n; ++i) {
    const char16_t u = units[static_cast<std::size_t>(i)];
    out.push_back(static_cast<char>(little_endian ? u & 0xFF : u >> 8));
    out.push_back(static_cast<char>(little_endian ? u >> 8 : u & 0xFF));
  }
  return out;
}

std::string toCp949(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("windows-949", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                                 utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  BOOST_REQUIRE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

// A distinct RRN with a valid check digit for each i (born 1960-1999).
std::string rrn(int i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d%02d%02d1%05d", 60 + i % 40, 1 + i % 12, 1 + i % 28, i % 100000);
  std::string d(buf);
  for (char c = '0'; c <= '9'; ++c) {
    if (detect::rrnChecksumOk(d + c)) return d.substr(0, 6) + "-" + d.substr(6) + c;
  }
  return {};
}

constexpr std::string_view kDocument =
    "개인정보 처리 현황 보고\n"
    "민원인 홍길동의 주민등록번호는 900101-1234568 이며 연락처는 010-2000-0000 입니다.\n"
    "담당자 이메일: clerk@korea.kr\n"
    "주문번호 2401151234567 는 개인정보가 아닙니다.\n";

BOOST_AUTO_TEST_SUITE(file_scanner)

BOOST_AUTO_TEST_CASE(finds_identifiers_with_line_locations_and_masks) {
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  const FileReport r = scanner.scan(entryFor(dir.write("report.txt", kDocument)));
  BOOST_TEST(r.status == FileStatus::kOk);
  BOOST_TEST(r.format == "text/utf-8");
  BOOST_TEST(r.count(RuleId::kKrRrn, Confidence::kMedium) == 1u);
  BOOST_TEST(r.count(RuleId::kKrPhone, Confidence::kMedium) == 1u);
  BOOST_TEST(r.count(RuleId::kEmail, Confidence::kMedium) == 1u);
  BOOST_TEST(r.total(Confidence::kMedium) == 3u);
  BOOST_REQUIRE(r.findings.size() >= 3u);
  BOOST_TEST(r.findings[0].masked == "900101-1******");
  BOOST_TEST(r.findings[0].location == "line 2");
  BOOST_TEST(r.findings[0].offset == std::string_view(kDocument).find("900101"));
  BOOST_TEST(r.findings[2].location == "line 3");
  BOOST_TEST(r.text_bytes == kDocument.size());
}

// Occurrences of one value at one confidence fold into one finding: its basis unites what was
// established about the value and keeps the strongest occurrence's context (foldBasis()).
BOOST_AUTO_TEST_CASE(a_folded_finding_keeps_the_best_reason_of_its_occurrences) {
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  const FileReport r = scanner.scan(
      entryFor(dir.write("memo.txt", "메모 900101-1234568 확인\n\n\n주민번호 900101-1234568\n")));
  BOOST_REQUIRE(r.findings.size() == 1u);
  const FindingSummary& f = r.findings[0];
  BOOST_TEST(f.count == 2u);
  BOOST_TEST(f.location == "line 1");  // the first occurrence's place ...
  // ... and the second's label: the first had only its check digit and shape.
  BOOST_TEST(static_cast<int>(f.basis) ==
             static_cast<int>(basisBit(Basis::kChecksum) | basisBit(Basis::kLabel)));
}

BOOST_AUTO_TEST_CASE(every_text_encoding_gives_the_same_findings) {
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  const FileReport utf8 = scanner.scan(entryFor(dir.write("a.txt", kDocument)));
  const std::string variants[][2] = {
      {"bom8.txt", "\xEF\xBB\xBF" + std::string(kDocument)},
      {"le-bom.txt", "\xFF\xFE" + toUtf16(kDocument, true)},
      {"be-bom.txt", "\xFE\xFF" + toUtf16(kDocument, false)},
      {"le.txt", toUtf16(kDocument, true)},
      {"be.txt", toUtf16(kDocument, false)},
      {"cp949.txt", toCp949(kDocument)},
  };
  for (const auto& [name, bytes] : variants) {
    BOOST_TEST_CONTEXT(name) {
      const FileReport r = scanner.scan(entryFor(dir.write(name, bytes)));
      BOOST_TEST(r.status == FileStatus::kOk);
      BOOST_TEST((r.counts == utf8.counts));
      BOOST_REQUIRE(r.findings.size() == utf8.findings.size());
      for (std::size_t i = 0; i < r.findings.size(); ++i) {
        BOOST_TEST(r.findings[i].masked == utf8.findings[i].masked);
        BOOST_TEST(r.findings[i].offset == utf8.findings[i].offset);
        BOOST_TEST(r.findings[i].digest == utf8.findings[i].digest);
      }
    }
  }
  BOOST_TEST(scanner.scan(entryFor(dir.write("c.txt", toCp949(kDocument)))).format == "text/cp949");
  BOOST_TEST(scanner.scan(entryFor(dir.write("d.txt", toUtf16(kDocument, false)))).format ==
             "text/utf-16be");
}

BOOST_AUTO_TEST_CASE(no_match_is_lost_or_doubled_at_window_boundaries) {
  // Small windows (4 KiB) give hundreds of window edges; RRNs planted at several spacings fall across
  // every position relative to an edge and its overlap. Each value is distinct, so counts and
  // distinct findings must both be exact.
  test::TempDir dir;
  ScanOptions options;
  options.max_findings_per_file = 100000;
  options.window_bytes = 4096;
  FileScanner scanner = makeScanner(options);
  for (std::size_t spacing : {61u, 97u, 331u, 997u, 1500u}) {
    std::string text;
    int planted = 0;
    while (text.size() < 300'000) {
      std::string line = "가나다 " + rrn(planted++) + " ";
      while (line.size() < spacing) line += (line.size() % 7 == 0) ? "한" : "x";
      text += line;
    }
    for (const auto& [name, bytes] : {std::pair<std::string, std::string>{"big.txt", text},
                                      {"big16.txt", toUtf16(text, true)}}) {
      BOOST_TEST_CONTEXT(name << " spacing " << spacing) {
        const FileReport r = scanner.scan(entryFor(dir.write(name, bytes)));
        BOOST_TEST(r.status == FileStatus::kOk);
        BOOST_TEST(r.count(RuleId::kKrRrn, Confidence::kLow) == static_cast<std::uint64_t>(planted));
        BOOST_TEST(r.findings.size() == static_cast<std::size_t>(planted));
        std::set<std::uint64_t> offsets;
        for (const FindingSummary& f : r.findings) {
          offsets.insert(f.offset);
          BOOST_TEST_REQUIRE(text.compare(f.offset, 7, f.masked.substr(0, 7)) == 0);
        }
        BOOST_TEST(offsets.size() == static_cast<std::size_t>(planted));
        BOOST_TEST(r.text_bytes == text.size());
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(csv_column_headers_are_context_for_their_cells) {
  // Unhyphenated numbers with failing check digits are low on their own; under a 주민등록번호
  // header they are high. The phone column header makes mobiles high too.
  std::string csv = "성명,주민등록번호,휴대폰\n";
  csv += "홍길동,9601211234567,010-2000-0001\n";
  csv += "김철수,8503152345671,010-2000-0002\n";
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  const FileReport r = scanner.scan(entryFor(dir.write("명단.csv", csv)));
  BOOST_TEST(r.format == "csv/utf-8");
  BOOST_TEST(r.count(RuleId::kKrRrn, Confidence::kHigh) == 2u);
  BOOST_TEST(r.count(RuleId::kKrPhone, Confidence::kHigh) == 2u);
  BOOST_REQUIRE(!r.findings.empty());
  BOOST_TEST(r.findings[0].location == "row 2, column 2");
  // The same rows without the header row: the RRNs drop to low.
  const FileReport bare = scanner.scan(entryFor(dir.write("bare.csv", csv.substr(csv.find('\n') + 1))));
  BOOST_TEST(bare.count(RuleId::kKrRrn, Confidence::kMedium) == 0u);
  BOOST_TEST(bare.count(RuleId::kKrRrn, Confidence::kLow) == 2u);
}

BOOST_AUTO_TEST_CASE(issue_3_documents_are_scanned_part_by_part_with_locations) {
  using testing::zip::buildZip;
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  const std::string rrn = "900101-1234568";
  const std::string archive = buildZip({
      {"명단.csv", "성명,주민등록번호\n홍길동," + rrn + "\n"},
      {"memo/메모.txt", "연락처 010-2000-0000\n주민번호 " + rrn + "\n"},
  });
  const FileReport r = scanner.scan(entryFor(dir.write("a.zip", archive)));
  BOOST_TEST(r.status == FileStatus::kOk, r.detail);
  BOOST_TEST(r.format == "zip");
  // The same value in two members is one finding seen twice.
  BOOST_TEST(r.count(RuleId::kKrRrn, Confidence::kMedium) == 2u);
  BOOST_TEST(r.count(RuleId::kKrPhone, Confidence::kMedium) == 1u);
  std::vector<std::string> locations;
  for (const FindingSummary& f : r.findings) locations.push_back(f.location);
  BOOST_TEST(std::count(locations.begin(), locations.end(), "/명단.csv!B2") == 1);
  BOOST_TEST(std::count(locations.begin(), locations.end(), "/memo/메모.txt, line 1") == 1);
  // Offsets run through the whole extracted text, parts one after another.
  for (const FindingSummary& f : r.findings) BOOST_TEST(f.offset < r.text_bytes);

  // A member that cannot be read makes the archive say so, but what was read still counts.
  testing::zip::ZipMember locked("secret.txt", rrn);
  locked.encrypted = true;
  const FileReport p = scanner.scan(
      entryFor(dir.write("b.zip", buildZip({{"open.txt", "주민번호 " + rrn + "\n"}, locked}))));
  BOOST_TEST(p.status == FileStatus::kProtected);
  BOOST_TEST(p.count(RuleId::kKrRrn, Confidence::kMedium) == 1u);
}

// Issue 12 item 3: a stored DOCX cut in half, whose first half holds resident numbers that grep
// finds, is `corrupt` and keeps those findings (before: corrupt with none, so `encrypt
// --findings` skipped it).
BOOST_AUTO_TEST_CASE(issue_12_a_document_cut_in_half_keeps_its_findings_and_says_corrupt) {
  using testing::zip::buildZip;
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  std::string body =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
  for (int i = 0; i < 148; ++i)
    body += "<w:p><w:r><w:t>" + std::to_string(i + 1) + ". 주민등록번호 </w:t></w:r><w:r><w:t>" +
            rrn(i) + "</w:t></w:r></w:p>";
  body += "</w:body></w:document>";
  const std::string docx = buildZip({{"[Content_Types].xml", "<Types/>", false},
                                     {"word/document.xml", body, false},
                                     {"word/styles.xml", "<w:styles/>", false}});
  const FileReport whole = scanner.scan(entryFor(dir.write("whole.docx", docx)));
  BOOST_TEST(whole.status == FileStatus::kOk, whole.detail);
  BOOST_TEST(whole.count(RuleId::kKrRrn, Confidence::kMedium) == 148u);

  const FileReport half =
      scanner.scan(entryFor(dir.write("half.docx", docx.substr(0, docx.size() / 2))));
  BOOST_TEST(half.status == FileStatus::kCorrupt);
  BOOST_TEST(half.format == "docx");
  BOOST_TEST(half.detail == "truncated zip: no end of central directory");
  const std::uint64_t found = half.count(RuleId::kKrRrn, Confidence::kMedium);
  BOOST_TEST_MESSAGE("a stored DOCX cut in half: " << found << " of 148 resident numbers");
  BOOST_TEST(found > 60u, found);
  BOOST_TEST(found < 148u, found);
}

// Issue 12: an HWP register cut in half, its directory and FAT gone with the second half (Hancom
// writes them last), is `corrupt` and keeps the findings in the first half, located in the
// section carved from the file (before: "directory sector out of range" and no findings).
BOOST_AUTO_TEST_CASE(issue_12_an_hwp_cut_in_half_keeps_its_findings_and_says_corrupt) {
  namespace h = testing::hwp;
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  std::string section;
  for (int i = 0; i < 148; ++i)
    section += h::paragraph(h::utf16(std::to_string(i + 1) + ". 주민등록번호 " + rrn(i)));
  testing::CfbBuilder b;
  b.metadata_last = true;
  b.add("FileHeader", h::fileHeader(h::kCompressed));
  b.add("DocInfo", h::deflateRaw(h::docInfo()));
  b.add("BodyText/Section0", h::deflateRaw(section));
  b.add("PrvText", h::utf16("1. 주민등록번호"));
  const std::string hwp = b.build();
  const FileReport whole = scanner.scan(entryFor(dir.write("whole.hwp", hwp)));
  BOOST_TEST(whole.status == FileStatus::kOk, whole.detail);
  BOOST_TEST(whole.format == "hwp");
  BOOST_TEST(whole.count(RuleId::kKrRrn, Confidence::kMedium) == 148u);

  const FileReport half =
      scanner.scan(entryFor(dir.write("half.hwp", hwp.substr(0, hwp.size() / 2))));
  BOOST_TEST(half.status == FileStatus::kCorrupt);
  BOOST_TEST(half.format == "hwp");
  BOOST_TEST(half.detail == "FAT sector out of range; text salvaged from 1 BodyText section");
  const std::uint64_t found = half.count(RuleId::kKrRrn, Confidence::kMedium);
  BOOST_TEST_MESSAGE("an HWP register cut in half: " << found << " of 148 resident numbers");
  BOOST_TEST(found > 40u, found);
  BOOST_TEST(found < 148u, found);
  BOOST_REQUIRE(!half.findings.empty());
  BOOST_TEST(half.findings[0].location == "salvaged section 1, paragraph 1");
}

BOOST_AUTO_TEST_CASE(files_that_are_not_read_say_why) {
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  // A PDF signature with no PDF behind it is a broken document, not text to scan.
  FileReport r = scanner.scan(entryFor(dir.write("doc.pdf", "%PDF-1.7\n900101-1234568")));
  BOOST_TEST(r.status == FileStatus::kCorrupt);
  BOOST_TEST(r.format == "pdf");
  BOOST_TEST(r.total(Confidence::kLow) == 0u);
  BOOST_TEST(!r.detail.empty());
  r = scanner.scan(entryFor(dir.write("x.bin", std::string("\x01\x00\x02\x00\x03", 5))));
  BOOST_TEST(r.status == FileStatus::kUnsupported);
  BOOST_TEST(r.detail == "binary file");
  // Issue 12: Jamul's own age files are the state the product is after, not a failure to read.
  r = scanner.scan(entryFor(dir.write("a.txt.age", "age-encryption.org/v1\n-> X25519 x\n")));
  BOOST_TEST(r.status == FileStatus::kEncrypted);
  BOOST_TEST(r.format == "age");
  r = scanner.scan(entryFor(dir.write("empty.txt", "")));
  BOOST_TEST(r.status == FileStatus::kOk);
  BOOST_TEST(r.format == "empty");

  FileEntry missing;
  missing.path = (dir.path() / "gone.txt").string();
  r = scanner.scan(missing);
  BOOST_TEST(r.status == FileStatus::kError);
  BOOST_TEST((r.error_code == ErrorCode::kNotFound));
  BOOST_TEST(!r.detail.empty());

  const auto fifo = dir.path() / "pipe";
  BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  FileEntry pipe;
  pipe.path = fifo.string();
  r = scanner.scan(pipe);  // must not block
  BOOST_TEST(r.status == FileStatus::kUnsupported);

  std::filesystem::create_symlink(dir.path() / "empty.txt", dir.path() / "link.txt");
  FileEntry link;
  link.path = (dir.path() / "link.txt").string();
  BOOST_TEST(scanner.scan(link).status == FileStatus::kUnsupported);
}

BOOST_AUTO_TEST_CASE(size_limit_and_findings_cap) {
  test::TempDir dir;
  ScanOptions small;
  small.max_file_size = 100;
  FileScanner limited = makeScanner(small);
  const FileReport big = limited.scan(entryFor(dir.write("big.txt", std::string(200, 'a'))));
  BOOST_TEST(big.status == FileStatus::kTooLarge);
  BOOST_TEST(big.detail.find("100 B") != std::string::npos);

  ScanOptions capped;
  capped.max_findings_per_file = 5;
  FileScanner scanner = makeScanner(capped);
  std::string text;
  for (int i = 0; i < 12; ++i) text += rrn(i) + "\n" + rrn(i) + "\n";  // 12 distinct, twice each
  const FileReport r = scanner.scan(entryFor(dir.write("many.txt", text)));
  BOOST_TEST(r.findings.size() == 5u);
  BOOST_TEST(r.findings_truncated);
  BOOST_TEST(r.count(RuleId::kKrRrn, Confidence::kLow) == 24u);
  BOOST_TEST(r.findings[0].count == 2u);

  // A register's names are kept as a sample per rule (issue 18), beside every resident number;
  // the counts stay exact.
  // Read in small windows, the windows after the sample is full only count the names (no digest
  // or mask made for them): the counts stay exact across them.
  ScanOptions sampled;
  sampled.max_unstructured_findings_per_rule = 3;
  sampled.window_bytes = 4096;
  FileScanner register_scanner = makeScanner(sampled);
  std::string csv = "성명,주민등록번호\n";
  const char* const given[] = {"민수", "서연", "지훈", "하늘", "서진", "예준"};
  constexpr int kRows = 1000;
  for (int i = 0; i < kRows; ++i) csv += std::string("김") + given[i % 6] + "," + rrn(i % 12) + "\n";
  const FileReport reg = register_scanner.scan(entryFor(dir.write("명단.csv", csv)));
  BOOST_TEST(csv.size() > 4u * sampled.window_bytes);
  BOOST_TEST(reg.count(RuleId::kPersonName, Confidence::kHigh) == std::uint64_t{kRows});
  BOOST_TEST(reg.count(RuleId::kKrRrn, Confidence::kHigh) == std::uint64_t{kRows});
  std::size_t names = 0, rrns = 0;
  for (const FindingSummary& f : reg.findings) {
    (f.rule == RuleId::kPersonName ? names : rrns) += 1;
    BOOST_TEST(!f.masked.empty());
  }
  BOOST_TEST(names == 3u);
  BOOST_TEST(rrns == 12u);
  BOOST_TEST(reg.findings_truncated);
}

// Issue 12: totals count what was read, not file sizes: a 2 GB sparse file is recognised as
// binary from its first 64 KiB, and a file over the limit is not read at all.
BOOST_AUTO_TEST_CASE(issue_12_bytes_read_are_the_bytes_actually_read) {
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  const std::string sparse = (dir.path() / "sparse.bin").string();
  {
    const int fd = ::open(sparse.c_str(), O_WRONLY | O_CREAT, 0644);
    BOOST_REQUIRE(fd >= 0);
    BOOST_REQUIRE(::ftruncate(fd, std::int64_t{2} << 30) == 0);
    ::close(fd);
  }
  const FileReport binary = scanner.scan(entryFor(sparse));
  BOOST_TEST(binary.status == FileStatus::kUnsupported);
  BOOST_TEST(binary.entry.size == std::uint64_t{2} << 30);
  BOOST_TEST(binary.bytes_read > 0u);
  BOOST_TEST(binary.bytes_read <= 1u << 20);
  const std::string text = "연락처 010-2345-6789\n";
  const FileReport read = scanner.scan(entryFor(dir.write("a.txt", text)));
  BOOST_TEST(read.bytes_read == text.size());
  ScanOptions small;
  small.max_file_size = 4;
  const FileReport big = makeScanner(small).scan(entryFor(dir.path() / "a.txt"));
  BOOST_TEST(big.status == FileStatus::kTooLarge);
  BOOST_TEST(big.bytes_read == 0u);
}

BOOST_AUTO_TEST_CASE(extract_gives_the_decoded_text) {
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  std::string text;
  auto info = scanner.extract(dir.write("k.txt", toCp949(kDocument)).string(),
                              [&](std::string_view piece) { text += piece; });
  BOOST_REQUIRE(info.ok());
  BOOST_TEST(info->format == "text/cp949");
  BOOST_TEST(text == kDocument);
  auto missing = scanner.extract((dir.path() / "nope").string(), [](std::string_view) {});
  BOOST_TEST(!missing.ok());
}

// Records what FileScanner tells its quarantine, and quarantines what it is told to.
class RecordingQuarantine final : public ParserQuarantine {
 public:
  bool quarantined(const ValueDigest& content) const override { return blocked.count(content) != 0; }
  void parsing(const ValueDigest& content, std::string_view path, std::string_view format) override {
    calls.push_back("parsing " + std::string(format) + " " + std::string(path));
    last = content;
  }
  void parsed(const ValueDigest& content) override {
    calls.push_back(content == last ? "parsed" : "parsed (another digest)");
  }

  std::set<ValueDigest> blocked;
  std::vector<std::string> calls;
  ValueDigest last{};
};

BOOST_AUTO_TEST_CASE(documents_are_announced_to_the_quarantine_and_skipped_when_quarantined) {
  test::TempDir dir;
  RecordingQuarantine quarantine;
  ScanOptions options;
  options.quarantine = &quarantine;
  FileScanner scanner = makeScanner(options);
  const std::string rtf = "{\\rtf1\\ansi Contact: seoyeon.lee@seoul.go.kr\\par}";
  const std::string path = dir.write("a.rtf", rtf).string();

  const FileReport read = scanner.scan(entryFor(path));
  BOOST_TEST(read.status == FileStatus::kOk);
  BOOST_TEST(read.count(RuleId::kEmail, Confidence::kLow) == 1u);
  BOOST_REQUIRE(quarantine.calls.size() == 2u);
  BOOST_TEST(quarantine.calls[0] == "parsing rtf " + path);
  BOOST_TEST(quarantine.calls[1] == "parsed");
  // The digest is the scanner's keyed hash of the whole file, never its bytes.
  BOOST_TEST((quarantine.last == test::testDigest(rtf)));

  // Plain text is our own streamed decoder: nothing to quarantine.
  quarantine.calls.clear();
  (void)scanner.scan(entryFor(dir.write("b.txt", "seoyeon.lee@seoul.go.kr\n")));
  BOOST_TEST(quarantine.calls.empty());

  // Quarantined: not parsed, reported as an error of ours, with no findings.
  quarantine.blocked.insert(test::testDigest(rtf));
  const FileReport skipped = scanner.scan(entryFor(path));
  BOOST_TEST(quarantine.calls.empty());
  BOOST_TEST(skipped.status == FileStatus::kError);
  BOOST_TEST((skipped.error_code == ErrorCode::kInternal));
  BOOST_TEST(skipped.detail.find("quarantined") != std::string::npos);
  BOOST_TEST(skipped.total(Confidence::kLow) == 0u);
  BOOST_TEST(skipped.format == "rtf");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
