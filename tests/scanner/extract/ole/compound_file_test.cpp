// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/compound_file.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "cfb_builder.h"

namespace jamul::scanner::extract::ole {
namespace {

using testing::CfbBuilder;

void put32(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

std::string pattern(std::size_t n, char seed) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>(seed + i % 251);
  return s;
}

CfbBuilder sample(std::uint32_t sector_size) {
  CfbBuilder b(sector_size);
  b.add("FileHeader", "small stream");
  b.add("BodyText/Section0", pattern(10000, 'a'));  // regular sectors
  b.add("BodyText/Section1", pattern(300, 'b'));    // mini stream, several mini sectors
  b.add("Big", pattern(70000, 'c'));
  return b;
}

BOOST_AUTO_TEST_SUITE(ole_compound_file)

BOOST_AUTO_TEST_CASE(streams_and_storages_read_back_with_both_sector_sizes) {
  for (const std::uint32_t ss : {512u, 4096u}) {
    BOOST_TEST_CONTEXT("sector size " << ss) {
      const std::string bytes = sample(ss).build();
      Result<CompoundFile> cf = CompoundFile::open(bytes);
      BOOST_REQUIRE_MESSAGE(cf.ok(), (cf.ok() ? "" : cf.error().message()));
      BOOST_TEST(cf->sectorSize() == ss);
      const auto header = cf->find({"fileheader"});  // names compare case-insensitively
      BOOST_REQUIRE(header.has_value());
      Result<std::string> small = cf->readStream(*header);
      BOOST_REQUIRE(small.ok());
      BOOST_TEST(*small == "small stream");
      const auto s0 = cf->find({"BodyText", "Section0"});
      const auto s1 = cf->find({"BodyText", "Section1"});
      const auto big = cf->find({"Big"});
      BOOST_REQUIRE((s0 && s1 && big));
      BOOST_TEST(*cf->readStream(*s0) == pattern(10000, 'a'));
      BOOST_TEST(*cf->readStream(*s1) == pattern(300, 'b'));
      BOOST_TEST(*cf->readStream(*big) == pattern(70000, 'c'));
      const auto body = cf->find({"BodyText"});
      BOOST_REQUIRE(body.has_value());
      BOOST_TEST((cf->entries()[*body].type == CompoundFile::EntryType::kStorage));
      BOOST_TEST(cf->children(*body).size() == 2u);
      BOOST_TEST(!cf->find({"BodyText", "Section2"}).has_value());
      BOOST_TEST(!cf->readStream(*body).ok());  // a storage is not a stream
    }
  }
}

BOOST_AUTO_TEST_CASE(extra_difat_sectors_are_followed) {
  CfbBuilder b = sample(512);
  b.min_fat_sectors = 300;  // 109 in the header, the rest in two DIFAT sectors
  const std::string bytes = b.build();
  Result<CompoundFile> cf = CompoundFile::open(bytes);
  BOOST_REQUIRE_MESSAGE(cf.ok(), (cf.ok() ? "" : cf.error().message()));
  BOOST_TEST(*cf->readStream(*cf->find({"Big"})) == pattern(70000, 'c'));
}

BOOST_AUTO_TEST_CASE(cyclic_and_out_of_range_chains_are_corrupt) {
  CfbBuilder::Layout layout;
  const std::string good = sample(512).build(&layout);
  const std::uint32_t big = layout.start.at("Big");
  for (const std::uint32_t link :
       {big, big + 1, 0x7FFFFFFFu, CfbBuilder::kEnd, CfbBuilder::kFree}) {
    std::string bytes = good;
    put32(bytes, layout.fatEntry(big + 1), link);  // the stream's second sector links on to `link`
    Result<CompoundFile> cf = CompoundFile::open(bytes);
    BOOST_REQUIRE(cf.ok());
    Result<std::string> data = cf->readStream(*cf->find({"Big"}));
    BOOST_TEST_INFO("link " << link);
    BOOST_REQUIRE(!data.ok());
    BOOST_TEST((data.error().code() == ErrorCode::kCorrupt));
  }
  // A mini chain that loops.
  std::string bytes = good;
  Result<CompoundFile> probe = CompoundFile::open(good);
  BOOST_REQUIRE(probe.ok());
  const std::uint32_t s1 = layout.start.at("BodyText/Section1");
  const std::uint32_t mini_fat_sector = layout.first_dir + 1;  // the builder's layout
  put32(bytes, layout.offset(mini_fat_sector) + (s1 + 1) * 4, s1);
  Result<CompoundFile> cf = CompoundFile::open(bytes);
  BOOST_REQUIRE(cf.ok());
  BOOST_TEST(!cf->readStream(*cf->find({"BodyText", "Section1"})).ok());
}

BOOST_AUTO_TEST_CASE(directory_cycles_end_and_list_each_entry_once) {
  CfbBuilder::Layout layout;
  std::string bytes = sample(512).build(&layout);
  // FileHeader's right sibling is BodyText; make BodyText's point back at FileHeader, and
  // Section1's child at the root.
  put32(bytes, layout.dirEntry(layout.entry_id.at("BodyText")) + 72,
        layout.entry_id.at("FileHeader"));
  put32(bytes, layout.dirEntry(layout.entry_id.at("BodyText/Section1")) + 76, 0);
  put32(bytes, layout.dirEntry(layout.entry_id.at("BodyText/Section1")) + 68,
        layout.entry_id.at("BodyText/Section1"));
  Result<CompoundFile> cf = CompoundFile::open(bytes);
  BOOST_REQUIRE(cf.ok());
  BOOST_TEST(cf->children(CompoundFile::kRootId).size() == 2u);  // FileHeader, BodyText
  BOOST_TEST(cf->children(*cf->find({"BodyText"})).size() == 2u);
}

BOOST_AUTO_TEST_CASE(sizes_larger_than_the_file_are_corrupt) {
  CfbBuilder::Layout layout;
  std::string bytes = sample(512).build(&layout);
  put32(bytes, layout.dirEntry(layout.entry_id.at("Big")) + 120, 0xFFFFFFF0u);
  Result<CompoundFile> cf = CompoundFile::open(bytes);
  BOOST_REQUIRE(cf.ok());
  Result<std::string> data = cf->readStream(*cf->find({"Big"}));
  BOOST_REQUIRE(!data.ok());
  BOOST_TEST(data.error().message().find("larger than the file") != std::string::npos);
  // A FAT sector count beyond the file.
  std::string header = sample(512).build();
  put32(header, 44, 0x40000000u);
  BOOST_TEST(!CompoundFile::open(header).ok());
}

BOOST_AUTO_TEST_CASE(bad_headers_and_every_truncation_fail_cleanly) {
  BOOST_TEST(
      (CompoundFile::open("not a compound file").error().code() == ErrorCode::kUnsupportedFormat));
  std::string bytes = sample(512).build();
  std::string shift = bytes;
  shift[30] = 20;
  BOOST_TEST((CompoundFile::open(shift).error().code() == ErrorCode::kCorrupt));
  for (std::size_t cut = 0; cut < bytes.size(); cut += 97) {
    Result<CompoundFile> cf = CompoundFile::open(std::string_view(bytes).substr(0, cut));
    if (!cf) continue;
    for (std::uint32_t id = 0; id < cf->entries().size(); ++id) {
      Result<std::string> data = cf->readStream(id);
      if (data) BOOST_TEST(data->size() == cf->entries()[id].size);
    }
  }
}

// Issue 12: in a file cut short, a stream whose last sectors are gone still gives its first ones.
BOOST_AUTO_TEST_CASE(issue_12_a_broken_chain_gives_the_sectors_before_the_break) {
  CfbBuilder::Layout layout;
  const std::string good = sample(512).build(&layout);
  const std::string big = pattern(70000, 'c');
  Result<CompoundFile> whole = CompoundFile::open(good);
  BOOST_REQUIRE(whole.ok());
  const std::uint32_t id = *whole->find({"Big"});
  const CompoundFile::StreamPrefix all = whole->readStreamPrefix(id);
  BOOST_TEST(all.status.ok());
  BOOST_TEST(all.data == big);
  BOOST_TEST(!whole->cutShort());

  const std::size_t cut = layout.offset(layout.start.at("Big")) + 20 * 512 + 100;
  Result<CompoundFile> cf = CompoundFile::open(std::string_view(good).substr(0, cut));
  BOOST_REQUIRE(cf.ok());
  BOOST_TEST(cf->cutShort());
  const CompoundFile::StreamPrefix prefix = cf->readStreamPrefix(id);
  BOOST_REQUIRE(!prefix.status.ok());
  BOOST_TEST(prefix.status.error().message() == "stream Big larger than the file");
  BOOST_TEST(cf->readStream(id).error().message() == prefix.status.error().message());
  BOOST_REQUIRE(prefix.data.size() == 21u * 512);  // the cut sector zero-padded
  BOOST_TEST(prefix.data.substr(0, 20 * 512 + 100) == big.substr(0, 20 * 512 + 100));
  // Streams before the cut are whole.
  BOOST_TEST(*cf->readStream(*cf->find({"BodyText", "Section0"})) == pattern(10000, 'a'));
  // A chain linking out of the file after two sectors gives those two.
  std::string relinked = good;
  put32(relinked, layout.fatEntry(layout.start.at("Big") + 1), 0x7FFFFFFFu);
  Result<CompoundFile> broken = CompoundFile::open(relinked);
  BOOST_REQUIRE(broken.ok());
  BOOST_TEST(broken->readStreamPrefix(id).data == big.substr(0, 1024));
}

BOOST_AUTO_TEST_CASE(issue_12_a_file_cut_short_is_told_from_one_that_ends_in_free_sectors) {
  const std::string good = sample(512).build();
  Result<CompoundFile> whole = CompoundFile::open(good);
  BOOST_REQUIRE(whole.ok());
  BOOST_TEST(whole->usedSize() == good.size());
  // Free sectors or a stray byte after the last sector in use: whole.
  for (const std::size_t extra : {1u, 3u * 512}) {
    const std::string longer = good + std::string(extra, '\0');
    Result<CompoundFile> cf = CompoundFile::open(longer);
    BOOST_REQUIRE(cf.ok());
    BOOST_TEST(cf->usedSize() == good.size());
    BOOST_TEST(!cf->cutShort());
  }
  // The last sector in use cut: damaged, though every stream but the last reads.
  Result<CompoundFile> cut = CompoundFile::open(std::string_view(good).substr(0, good.size() - 1));
  BOOST_REQUIRE(cut.ok());
  BOOST_TEST(cut->cutShort());
  // Directory and FAT written last (as Hancom and Office do): a FAT or directory sector that the
  // file holds only the start of is not read as if the rest were zeros.
  CfbBuilder last = sample(512);
  last.metadata_last = true;
  CfbBuilder::Layout layout;
  const std::string bytes = last.build(&layout);
  BOOST_REQUIRE(CompoundFile::open(bytes).ok());
  Result<CompoundFile> fat_cut =
      CompoundFile::open(std::string_view(bytes).substr(0, layout.offset(layout.first_fat) + 100));
  BOOST_REQUIRE(!fat_cut.ok());
  BOOST_TEST(fat_cut.error().message() == "FAT sector cut short");
  // Directory first: the file ends inside its first directory sector.
  CfbBuilder::Layout first;
  const std::string early = sample(512).build(&first);
  Result<CompoundFile> dir_cut =
      CompoundFile::open(std::string_view(early).substr(0, first.dirEntry(0) + 300));
  BOOST_REQUIRE(!dir_cut.ok());
  BOOST_TEST(dir_cut.error().message() == "directory cut short");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract::ole
