// SPDX-License-Identifier: Apache-2.0
// walkLocalHeaders() and LocalMemberReader (issue 12): the members of archives whose central
// directory is gone, found from their local headers: sizes in the header or in a data descriptor
// (signed, unsigned, zip64), members cut by the end of the file, junk before and between members.
#include "extract/zip/local_headers.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "scanner/extract/zip/zip_writer.h"

namespace jamul::scanner::extract::zip {
namespace {

using testing::zip::buildZip;
using testing::zip::ZipMember;

std::string readAll(std::string_view bytes, const LocalMember& m, ExtractStatus& status) {
  LocalMemberReader reader(bytes, m);
  std::string out;
  char buffer[1000];
  for (;;) {
    const std::ptrdiff_t n = reader.read(buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      status = reader.failure();
      return out;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  status = ExtractStatus::ok();
  return out;
}

std::string text(std::size_t n, char seed) {
  std::string s;
  for (std::size_t i = 0; s.size() < n; ++i)
    s +=
        "line " + std::to_string(i) + " " + std::string(1, static_cast<char>(seed + i % 20)) + "\n";
  return s.substr(0, n);
}

BOOST_AUTO_TEST_SUITE(local_headers)

BOOST_AUTO_TEST_CASE(members_with_sizes_in_their_headers_are_found_in_order) {
  const std::string a = text(5000, 'a');
  const std::string b = text(3000, 'A');
  const std::string zip = buildZip({{"dir/", ""}, {"a.txt", a, false}, {"b.txt", b}});
  const LocalWalk walk = walkLocalHeaders(zip, 100);
  BOOST_TEST(!walk.skipped_garbage);
  BOOST_REQUIRE_EQUAL(walk.members.size(), 3u);
  BOOST_TEST(walk.members[0].is_directory);
  BOOST_TEST(walk.members[1].raw_name == "a.txt");
  BOOST_TEST(walk.members[1].method == 0);
  BOOST_TEST(walk.members[1].declared_size == 5000);
  BOOST_TEST(walk.members[2].method == 8);
  for (const LocalMember& m : walk.members) BOOST_TEST(m.complete);
  ExtractStatus st;
  BOOST_TEST(readAll(zip, walk.members[1], st) == a);
  BOOST_TEST(st.isOk());
  BOOST_TEST(readAll(zip, walk.members[2], st) == b);
  BOOST_TEST(st.isOk());
  BOOST_TEST(walkLocalHeaders(zip, 2).members.size() == 2u);
}

BOOST_AUTO_TEST_CASE(data_descriptors_signed_unsigned_and_zip64_end_their_members) {
  const std::string a = text(4000, 'a');
  const std::string b = text(2000, 'A');
  for (bool zip64 : {false, true}) {
    for (bool signature : {true, false}) {
      for (bool deflate : {false, true}) {
        ZipMember ma{"a.txt", a, deflate};
        ma.descriptor = true;
        ma.descriptor_signature = signature;
        ZipMember mb{"b.txt", b, deflate};
        mb.descriptor = true;
        mb.descriptor_signature = signature;
        const std::string zip = buildZip({ma, mb, {"c.txt", "c"}}, zip64);
        const LocalWalk walk = walkLocalHeaders(zip, 100);
        const std::string what = "zip64 " + std::to_string(zip64) + " signature " +
                                 std::to_string(signature) + " deflate " + std::to_string(deflate);
        BOOST_REQUIRE_MESSAGE(walk.members.size() == 3u, what);
        BOOST_TEST(!walk.skipped_garbage, what);
        BOOST_TEST(walk.members[0].declared_size == 4000, what);
        BOOST_TEST(walk.members[1].declared_size == 2000, what);
        ExtractStatus st;
        BOOST_TEST(readAll(zip, walk.members[0], st) == a, what);
        BOOST_TEST(readAll(zip, walk.members[1], st) == b, what);
        BOOST_TEST(st.isOk(), what);
        BOOST_TEST(walk.members[2].raw_name == "c.txt", what);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_member_cut_by_the_end_of_the_file_reads_up_to_the_cut) {
  const std::string a = text(20000, 'a');
  for (bool deflate : {false, true}) {
    for (bool descriptor : {false, true}) {
      ZipMember m{"a.txt", a, deflate};
      m.descriptor = descriptor;
      const std::string zip = buildZip({{"first.txt", "first"}, m});
      const std::size_t data = zip.find("a.txt") + 5;
      const std::string cut = zip.substr(0, data + (zip.find("PK\x01\x02") - data) / 2);
      const LocalWalk walk = walkLocalHeaders(cut, 100);
      BOOST_REQUIRE_EQUAL(walk.members.size(), 2u);
      BOOST_TEST(walk.members[0].complete);
      BOOST_TEST(!walk.members[1].complete);
      ExtractStatus st;
      const std::string prefix = readAll(cut, walk.members[1], st);
      BOOST_TEST((st.status == FileStatus::kCorrupt));
      BOOST_TEST(st.detail == "truncated zip member");
      // Stored: every byte present; deflated: what inflates from the first half of the stream.
      BOOST_TEST(prefix.size() > (deflate ? 1000u : 9000u), prefix.size());
      BOOST_TEST(a.starts_with(prefix));
    }
  }
}

BOOST_AUTO_TEST_CASE(headers_cut_off_junk_before_and_between_members) {
  const std::string zip = buildZip({{"a.txt", "alpha", false}, {"b.txt", "bravo", false}});
  const std::size_t second = zip.find("PK\x03\x04", 4);
  // Cut inside the second member's header, or its name: only the first member is there.
  for (std::size_t cut : {second + 2, second + 20, second + 32})
    BOOST_TEST(walkLocalHeaders(zip.substr(0, cut), 100).members.size() == 1u);
  BOOST_TEST(walkLocalHeaders("", 100).members.empty());
  BOOST_TEST(walkLocalHeaders("PK\x03\x04", 100).members.empty());
  // A self-extractor's stub before the archive; garbage between the members.
  const std::string stub = "MZ stub " + std::string(300, '\x90');
  BOOST_TEST(walkLocalHeaders(stub + zip, 100).members.size() == 2u);
  const std::string junk = zip.substr(0, second) + "garbage" + zip.substr(second);
  const LocalWalk walk = walkLocalHeaders(junk, 100);
  BOOST_TEST(walk.skipped_garbage);
  BOOST_REQUIRE_EQUAL(walk.members.size(), 2u);
  ExtractStatus st;
  BOOST_TEST(readAll(junk, walk.members[1], st) == "bravo");
}

BOOST_AUTO_TEST_CASE(damaged_deflate_data_and_unknown_methods_fail_after_what_they_gave) {
  ZipMember bad{"bad.txt", "x"};
  bad.raw_compressed = std::string("\xFF\xFF\xFF\xFF not deflate", 16);
  const std::string zip = buildZip({bad});
  const LocalWalk walk = walkLocalHeaders(zip, 100);
  BOOST_REQUIRE_EQUAL(walk.members.size(), 1u);
  ExtractStatus st;
  BOOST_TEST(readAll(zip, walk.members[0], st).empty());
  BOOST_TEST(st.detail == "unreadable zip member data");
  LocalMember odd = walk.members[0];
  odd.method = 14;  // LZMA
  BOOST_TEST(readAll(zip, odd, st).empty());
  BOOST_TEST(st.detail == "unsupported zip compression method");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract::zip
