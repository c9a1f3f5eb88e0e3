// SPDX-License-Identifier: Apache-2.0
// Plain archives through extractZip(): members as nested documents with their paths, CP949 and
// UTF-8 names, zip64, encrypted members, and the limits (bombs, depth, truncation, bad deflate).
#include <boost/test/unit_test.hpp>
#include <string>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "scanner/extract/zip/zip_writer.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"

namespace jamul::scanner::extract {
namespace {

using testing::CollectedPart;
using testing::CollectingSink;
using testing::zip::buildZip;
using testing::zip::deflateRaw;
using testing::zip::ZipMember;

ExtractStatus run(const std::string& bytes, CollectingSink& sink, ExtractLimits limits = {}) {
  ExtractContext ctx = testing::dispatchingContext(limits);
  return extractZip({bytes, "a.zip"}, sink, ctx);
}

const std::string kRrn = "900101-1234568";

BOOST_AUTO_TEST_SUITE(zip_archive)

BOOST_AUTO_TEST_CASE(members_become_nested_parts_named_by_their_path) {
  const std::string zip = buildZip({{"dir/", ""},
                                    {"dir/명단.txt", "주민등록번호 " + kRrn + "\n"},
                                    {"b.csv", "이름,전화\n홍길동,010-2000-0000\n", false}});
  CollectingSink sink;
  const ExtractStatus st = run(zip, sink);
  BOOST_TEST(st.isOk(), st.detail);
  BOOST_TEST(!sink.appended_before_part);
  BOOST_REQUIRE_EQUAL(sink.parts.size(), 2u);
  BOOST_TEST(sink.parts[0].location == "/dir/명단.txt");
  BOOST_TEST(sink.parts[0].text.find(kRrn) != std::string::npos);
  BOOST_TEST(sink.parts[1].location == "/b.csv");
  BOOST_TEST((sink.parts[1].kind == PartKind::kCsv));
}

BOOST_AUTO_TEST_CASE(cp949_names_without_the_utf8_flag_are_decoded) {
  ZipMember m{"\xB8\xED\xB4\xDC.txt", kRrn};  // "명단" in CP949
  m.utf8_flag = false;
  CollectingSink sink;
  BOOST_TEST(run(buildZip({m}), sink).isOk());
  BOOST_REQUIRE_EQUAL(sink.parts.size(), 1u);
  BOOST_TEST(sink.parts[0].location == "/명단.txt");
  // A UTF-8 name written by a tool that does not set the flag stays as it is.
  ZipMember u{"한글.txt", kRrn};
  u.utf8_flag = false;
  CollectingSink usink;
  BOOST_TEST(run(buildZip({u}), usink).isOk());
  BOOST_REQUIRE_EQUAL(usink.parts.size(), 1u);
  BOOST_TEST(usink.parts[0].location == "/한글.txt");
}

BOOST_AUTO_TEST_CASE(zip64_archives_are_read) {
  CollectingSink sink;
  const ExtractStatus st =
      run(buildZip({{"a.txt", kRrn}, {"b.txt", "010-2000-0000", false}}, true), sink);
  BOOST_TEST(st.isOk(), st.detail);
  BOOST_TEST(sink.allText().find(kRrn) != std::string::npos);
  BOOST_TEST(sink.allText().find("010-2000-0000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(encrypted_members_are_protected_and_the_others_still_read) {
  ZipMember secret{"secret.txt", "hidden " + kRrn};
  secret.encrypted = true;
  CollectingSink sink;
  const ExtractStatus st = run(buildZip({secret, {"open.txt", "010-2000-0000"}}), sink);
  BOOST_TEST((st.status == FileStatus::kProtected));
  BOOST_TEST(st.detail.find(kRrn) == std::string::npos);
  BOOST_TEST(sink.allText().find("010-2000-0000") != std::string::npos);
  BOOST_TEST(sink.allText().find(kRrn) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_high_ratio_member_is_a_bomb_and_is_not_expanded) {
  const std::string zeros(std::size_t{8} << 20, '0');
  CollectingSink sink;
  ExtractLimits limits;
  const ExtractStatus st = run(buildZip({{"bomb.txt", zeros}, {"ok.txt", kRrn}}), sink, limits);
  BOOST_TEST((st.status == FileStatus::kTooLarge));
  BOOST_TEST(st.detail.rfind("zip bomb", 0) == 0, st.detail);
  BOOST_TEST(sink.allText().find(kRrn) != std::string::npos);  // the other member still counts
  for (const auto& p : sink.parts) BOOST_TEST(p.location != "/bomb.txt");

  // A header that understates the size does not get past the actual count.
  ZipMember liar{"liar.txt", zeros};
  liar.declared_size = 100;
  CollectingSink liar_sink;
  const ExtractStatus lied = run(buildZip({liar}), liar_sink);
  BOOST_TEST((lied.status == FileStatus::kTooLarge));
  BOOST_TEST(liar_sink.parts.empty());

  // The member limit holds for members of a harmless ratio too.
  limits.max_member_bytes = 1000;
  CollectingSink big_sink;
  const ExtractStatus big =
      run(buildZip({{"big.txt", std::string(5000, 'x'), false}}), big_sink, limits);
  BOOST_TEST((big.status == FileStatus::kTooLarge));
  BOOST_TEST(big_sink.parts.empty());
}

BOOST_AUTO_TEST_CASE(entry_and_expanded_budgets_stop_the_archive) {
  std::vector<ZipMember> members;
  for (int i = 0; i < 20; ++i) members.push_back({"m" + std::to_string(i) + ".txt", "text"});
  ExtractLimits limits;
  limits.max_entries = 5;
  CollectingSink sink;
  const ExtractStatus st = run(buildZip(members), sink, limits);
  BOOST_TEST((st.status == FileStatus::kTooLarge));
  BOOST_TEST(sink.parts.size() == 5u);
}

BOOST_AUTO_TEST_CASE(bad_deflate_data_is_corrupt_and_other_members_survive) {
  ZipMember bad{"bad.txt", kRrn};
  bad.raw_compressed = std::string("\xFF\xFF\xFF\xFF garbage that is not deflate", 32);
  CollectingSink sink;
  const ExtractStatus st = run(buildZip({bad, {"good.txt", "010-2000-0000"}}), sink);
  BOOST_TEST((st.status == FileStatus::kCorrupt));
  BOOST_TEST(sink.allText().find("010-2000-0000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(members_that_fail_their_end_checks_are_corrupt_but_read) {
  // libarchive checks a member's CRC and sizes once its data is read; the data still counts.
  ZipMember bad_crc{"crc.txt", "주민번호 " + kRrn};
  bad_crc.crc = 12345;
  ZipMember longer{"longer.txt", "전화 010-2000-0000 and more"};
  longer.declared_size = 5;
  for (const ZipMember& m : {bad_crc, longer}) {
    CollectingSink sink;
    const ExtractStatus st = run(buildZip({m, {"ok.txt", "x"}}), sink);
    BOOST_TEST((st.status == FileStatus::kCorrupt), m.name << ": " << st.detail);
    BOOST_TEST(sink.part("/" + m.name) != nullptr, m.name);
    BOOST_TEST(sink.part("/ok.txt") != nullptr, m.name);
  }
}

BOOST_AUTO_TEST_CASE(truncated_archives_keep_what_was_read) {
  const std::string zip = buildZip({{"first.txt", kRrn}, {"second.txt", std::string(4000, 'y')}});
  for (std::size_t cut : {zip.size() - 10, zip.size() / 2, std::size_t{30}, std::size_t{4}}) {
    CollectingSink sink;
    const ExtractStatus st = run(zip.substr(0, cut), sink);
    BOOST_TEST(!st.isOk(), "cut at " << cut);
    if (cut > zip.size() / 2) BOOST_TEST(sink.allText().find(kRrn) != std::string::npos);
  }
  CollectingSink empty;
  BOOST_TEST(!run("PK\x03\x04", empty).isOk());
}

BOOST_AUTO_TEST_CASE(nested_zips_read_to_the_depth_limit) {
  std::string inner = buildZip({{"deep.txt", kRrn}});
  for (int level = 4; level >= 1; --level)
    inner = buildZip({{"level" + std::to_string(level) + ".zip", inner}});
  // Depth 5: a.zip > level1.zip > ... > level4.zip > deep.txt.
  ExtractLimits limits;
  limits.max_depth = 5;
  CollectingSink sink;
  BOOST_TEST(run(inner, sink, limits).isOk());
  BOOST_REQUIRE_EQUAL(sink.parts.size(), 1u);
  BOOST_TEST(sink.parts[0].location == "/level1.zip!/level2.zip!/level3.zip!/level4.zip!/deep.txt");
  limits.max_depth = 3;
  CollectingSink shallow;
  const ExtractStatus st = run(inner, shallow, limits);
  BOOST_TEST((st.status == FileStatus::kTooLarge));
  BOOST_TEST(shallow.parts.empty());
}

BOOST_AUTO_TEST_CASE(an_archive_holding_itself_stops_at_the_depth_limit) {
  // A member that is a copy of an archive containing the same member (a quine in spirit): each
  // level holds the previous one, and the dispatcher goes no deeper than max_depth.
  std::string self = buildZip({{"self.zip", "placeholder"}});
  for (int i = 0; i < 6; ++i) self = buildZip({{"self.zip", self}});
  CollectingSink sink;
  const ExtractStatus st = run(self, sink);
  BOOST_TEST((st.status == FileStatus::kTooLarge));
}

// Issue 12: "what was read of a damaged document still counts" for plain archives too.
std::string numberedLines(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += "line " + std::to_string(i) + " 주민등록번호 " + kRrn + "\n";
  return s;
}

BOOST_AUTO_TEST_CASE(issue_12_a_cut_archive_reads_its_members_and_the_start_of_the_cut_one) {
  const std::string lines = numberedLines(400);
  for (bool deflate : {false, true}) {
    const std::string zip =
        buildZip({{"a.txt", "전화 010-2000-0000\n", deflate}, {"b.txt", lines, deflate}});
    const std::size_t data = zip.find("b.txt") + 5;
    const std::size_t end = zip.find("PK\x01\x02");
    CollectingSink sink;
    const ExtractStatus st = run(zip.substr(0, data + (end - data) / 2), sink);
    BOOST_TEST((st.status == FileStatus::kCorrupt), st.detail);
    BOOST_TEST(sink.allText().find("010-2000-0000") != std::string::npos);
    const CollectedPart* b = sink.part("/b.txt");
    BOOST_REQUIRE(b != nullptr);
    BOOST_TEST(b->text.find("line 0 주민등록번호 " + kRrn) != std::string::npos);
    BOOST_TEST(lines.starts_with(b->text));
  }
}

BOOST_AUTO_TEST_CASE(issue_12_a_member_whose_data_breaks_off_is_scanned_up_to_the_break) {
  // The directory is whole, but the member's deflate stream stops halfway (its sizes say so).
  const std::string lines = numberedLines(2000);
  const std::string full = deflateRaw(lines, 1);
  ZipMember cut{"cut.txt", lines};
  cut.raw_compressed = full.substr(0, full.size() / 2);
  CollectingSink sink;
  const ExtractStatus st = run(buildZip({cut, {"next.txt", "010-2000-0000"}}), sink);
  BOOST_TEST((st.status == FileStatus::kCorrupt), st.detail);
  const CollectedPart* part = sink.part("/cut.txt");
  BOOST_REQUIRE(part != nullptr);
  BOOST_TEST(part->text.find("line 0 주민등록번호 " + kRrn) != std::string::npos);
  BOOST_TEST(sink.allText().find("010-2000-0000") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(issue_12_a_cut_archive_holding_a_stored_zip_is_not_taken_for_the_inner_one) {
  // Cut just after a stored inner zip: the inner zip's end record is the last one in the file,
  // but it is not the outer archive's.
  const std::string inner = buildZip({{"inner.txt", "inner 010-2000-0000"}});
  const std::string outer = buildZip({{"first.txt", "first " + kRrn},
                                      {"inner.zip", inner, false},
                                      {"last.txt", std::string(5000, 'z'), false}});
  const std::size_t inner_end = outer.find(inner) + inner.size();
  CollectingSink sink;
  const ExtractStatus st = run(outer.substr(0, inner_end + 100), sink);
  BOOST_TEST((st.status == FileStatus::kCorrupt), st.detail);
  BOOST_TEST(sink.part("/first.txt") != nullptr);
  BOOST_TEST(sink.part("/inner.zip!/inner.txt") != nullptr);
  BOOST_TEST(sink.part("/inner.txt") == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
