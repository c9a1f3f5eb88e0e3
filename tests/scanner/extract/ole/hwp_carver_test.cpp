// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/hwp_carver.h"

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <string>
#include <vector>

#include "extract/document_extractor.h"
#include "hwp_test_document.h"
#include "salvage_test_values.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"

namespace jamul::scanner::extract {
namespace {

using testing::CollectingSink;
using testing::countFound;
namespace h = testing::hwp;

// Appends `data` to `file` at the next multiple of 64 bytes (a mini sector boundary).
std::size_t place(std::string& file, const std::string& data) {
  file.resize((file.size() + 63) / 64 * 64, '\0');
  const std::size_t at = file.size();
  file += data;
  return at;
}

// A compound file's first 512 bytes: the header, here only its signature.
std::string header() {
  std::string h(512, '\0');
  h.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
  return h;
}

struct Carved {
  ole::CarvedSections result;
  CollectingSink sink;
};

Carved carve(const std::string& bytes, ole::HwpSections storage, ExtractLimits limits = {}) {
  Carved c;
  ExtractContext ctx = testing::dispatchingContext(limits);
  c.result = ole::carveHwpSections(bytes, storage, c.sink, ctx);
  BOOST_TEST(!c.sink.appended_before_part);
  return c;
}

BOOST_AUTO_TEST_SUITE(ole_hwp_carver)

BOOST_AUTO_TEST_CASE(issue_12_section_records_are_told_from_other_bytes) {
  const std::vector<std::string> rrns = testing::syntheticRrns(3);
  const std::string section = h::registerSection(rrns);
  BOOST_TEST(ole::plausibleSectionPrefix(section) == section.size());
  // What follows a section's end in the file is not taken for more of it.
  BOOST_TEST(ole::plausibleSectionPrefix(section + h::noise(4096)) == section.size());
  // A record deeper than one level below the one before it ends the run.
  const std::string deep = h::record(h::kParaText, 3, h::utf16("x"));
  BOOST_TEST(ole::plausibleSectionPrefix(section + deep) == section.size());
  // A record cut by the end of the bytes is kept: its text is what a cut file still has.
  BOOST_TEST(ole::plausibleSectionPrefix(section.substr(0, section.size() - 7)) ==
             section.size() - 7);
  // Other streams' records, and a section whose first record is not a PARA_HEADER at level 0.
  BOOST_TEST(ole::plausibleSectionPrefix(h::docInfo()) == 0u);
  BOOST_TEST(ole::plausibleSectionPrefix(h::record(h::kParaText, 0, h::utf16("x"))) == 0u);
  BOOST_TEST(ole::plausibleSectionPrefix(h::record(h::kParaHeader, 1, std::string(22, '\0'))) ==
             0u);
  BOOST_TEST(ole::plausibleSectionPrefix(h::record(h::kParaHeader, 0, std::string(200, '\0'))) ==
             0u);
  BOOST_TEST(ole::plausibleSectionPrefix("") == 0u);
}

BOOST_AUTO_TEST_CASE(issue_12_the_file_header_is_found_at_a_mini_sector_boundary) {
  std::string file = header();
  place(file, h::noise(300));
  std::string misplaced = "xx" + h::fileHeader(h::kPassword);  // not on a boundary
  place(file, misplaced);
  BOOST_TEST(!ole::findHwpFileHeader(file).has_value());
  place(file, h::fileHeader(h::kCompressed | h::kDistribution));
  const std::optional<ole::HwpFileHeader> found = ole::findHwpFileHeader(file);
  BOOST_REQUIRE(found.has_value());
  BOOST_TEST(found->flags == (h::kCompressed | h::kDistribution));
  BOOST_TEST(found->version == 0x05000300u);
  BOOST_TEST(found->compressed());
  // The compound-file header itself is never a FileHeader.
  std::string early = h::fileHeader(0);
  early.resize(600, '\0');
  BOOST_TEST(!ole::findHwpFileHeader(early).has_value());
}

BOOST_AUTO_TEST_CASE(issue_12_deflated_sections_are_carved_from_among_other_streams) {
  const std::vector<std::string> rrns = testing::syntheticRrns(60);
  std::string file = header();
  place(file, h::fileHeader(h::kCompressed));
  place(file, h::deflateRaw(h::docInfo()));
  place(file, h::deflateRaw(h::noise(3000)));  // a picture in BinData
  place(file, h::noise(1000));
  place(file, h::deflateRaw(h::registerSection(rrns)));
  place(file, h::deflateRaw(h::paragraph(h::utf16("둘째 구역 010-2345-6789"))));
  place(file, h::noise(2000));
  const Carved c = carve(file, ole::HwpSections::kCompressed);
  BOOST_TEST(c.result.status.isOk(), c.result.status.detail);
  BOOST_TEST(c.result.sections == 2u);
  BOOST_REQUIRE_EQUAL(c.sink.parts.size(), 2u);
  BOOST_TEST(c.sink.parts[0].location == "salvaged section 1");
  BOOST_TEST((c.sink.parts[0].kind == PartKind::kParagraphs));
  BOOST_TEST(c.sink.parts[0].text.starts_with("1. 주민등록번호 " + rrns[0] + "\n"));
  BOOST_TEST(countFound(c.sink.parts[0].text, rrns) == 60u);
  BOOST_TEST(c.sink.parts[1].location == "salvaged section 2");
  BOOST_TEST(c.sink.parts[1].text == "둘째 구역 010-2345-6789\n");
  // Stored as they are, the same sections are read from their records.
  std::string plain = header();
  place(plain, h::fileHeader(0));
  place(plain, h::docInfo());
  place(plain, h::noise(1000));
  place(plain, h::registerSection(rrns));
  const Carved p = carve(plain, ole::HwpSections::kUncompressed);
  BOOST_REQUIRE_EQUAL(p.sink.parts.size(), 1u);
  BOOST_TEST(countFound(p.sink.parts[0].text, rrns) == 60u);
  // Not knowing how they are stored, both are tried.
  BOOST_TEST(carve(file, ole::HwpSections::kUnknown).sink.parts.size() == 2u);
  BOOST_TEST(carve(plain, ole::HwpSections::kUnknown).sink.parts.size() == 1u);
}

BOOST_AUTO_TEST_CASE(issue_12_a_section_whose_sectors_are_not_adjacent_is_read_to_the_gap) {
  const std::vector<std::string> rrns = testing::syntheticRrns(148);
  const std::string compressed = h::deflateRaw(h::registerSection(rrns));
  BOOST_REQUIRE(compressed.size() > 4 * 512);
  std::string file = header();
  // The first four sectors of the section, then a sector of another stream: the inflater runs
  // into it and stops; what came out before is kept, and no noise comes out as text.
  place(file, compressed.substr(0, 4 * 512));
  file += h::deflateRaw(h::noise(2000)).substr(0, 512);
  file += compressed.substr(4 * 512);
  const Carved c = carve(file, ole::HwpSections::kCompressed);
  BOOST_REQUIRE(!c.sink.parts.empty());
  const std::string& text = c.sink.parts[0].text;
  const std::size_t found = countFound(text, rrns);
  BOOST_TEST(found > 20u, found);
  BOOST_TEST(found < 148u, found);
  // Every paragraph but the last (which may end in what the inflater made of the other sector)
  // is the register's, in order.
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = text.find('\n', at);
    lines.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  BOOST_REQUIRE(lines.size() > 1u);
  for (std::size_t k = 0; k + 1 < lines.size(); ++k)
    BOOST_TEST(lines[k] == std::to_string(k + 1) + ". 주민등록번호 " + rrns[k]);
}

BOOST_AUTO_TEST_CASE(issue_12_carving_is_bounded_by_the_limits) {
  std::string body;
  const std::string para = h::paragraph(h::utf16("반복 반복 반복 반복"));
  while (body.size() < (4u << 20)) body += para;
  std::string file = header();
  place(file, h::deflateRaw(body));
  ExtractLimits limits;
  limits.max_member_bytes = 1 << 20;
  const Carved c = carve(file, ole::HwpSections::kCompressed, limits);
  BOOST_TEST((c.result.status.status == FileStatus::kTooLarge), c.result.status.detail);
  BOOST_REQUIRE_EQUAL(c.sink.parts.size(), 1u);
  BOOST_TEST(c.sink.parts[0].text.starts_with("반복 반복"));
  BOOST_TEST(c.sink.parts[0].text.size() < (1u << 20));
  // A spent time budget stops the search for candidates.
  ExtractLimits none;
  none.time_budget = std::chrono::milliseconds(0);
  const Carved late = carve(header() + h::noise(1 << 20), ole::HwpSections::kUnknown, none);
  BOOST_TEST((late.result.status.status == FileStatus::kTooLarge));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
