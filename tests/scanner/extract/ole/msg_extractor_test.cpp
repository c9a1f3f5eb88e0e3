// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/msg_extractor.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "office_test_document.h"
#include "scanner/extract/zip/zip_writer.h"
#include "support/checked_extraction.h"
#include "support/collecting_sink.h"

namespace jamul::scanner::extract {
namespace {

namespace o = testing::office;
using testing::office::msg::properties;
using testing::office::msg::streamName;

constexpr std::uint16_t kUnicode = 0x001F;
constexpr std::uint16_t kString8 = 0x001E;
constexpr std::uint16_t kBinary = 0x0102;

using Run = testing::Extraction;

const testing::CheckedExtractorUnderTest run{extractDocument, "t.msg"};

void addProp(testing::CfbBuilder& b, const std::string& storage, std::uint16_t prop,
             std::uint16_t type, const std::string& data) {
  b.add(storage + streamName(prop, type), data);
}

// A message from 홍길동 to Kim: subject, body, one recipient, a text attachment and an embedded
// message whose 8-bit strings are CP949.
std::string message(bool nested_twice = false) {
  testing::CfbBuilder b;
  b.add("__properties_version1.0", std::string(32, '\0'));
  addProp(b, "", 0x0037, kUnicode, o::utf16("주민번호 안내"));
  addProp(b, "", 0x0C1A, kUnicode, o::utf16("홍길동"));
  addProp(b, "", 0x5D01, kUnicode, o::utf16("hong@example.com"));
  addProp(b, "", 0x0E04, kUnicode, o::utf16("Kim"));
  addProp(b, "", 0x1000, kUnicode, o::utf16("안녕하세요\r\n주민등록번호 900101-1234568\r\n"));
  const std::string recip = "__recip_version1.0_#00000000/";
  b.add(recip + "__properties_version1.0", std::string(8, '\0'));
  addProp(b, recip, 0x3001, kUnicode, o::utf16("Kim"));
  addProp(b, recip, 0x39FE, kUnicode, o::utf16("kim@example.com"));
  const std::string att = "__attach_version1.0_#00000000/";
  b.add(att + "__properties_version1.0", std::string(8, '\0'));
  addProp(b, att, 0x3707, kUnicode, o::utf16("명단.txt"));
  addProp(b, att, 0x3701, kBinary, "RRN 900101-1234568\n");
  const std::string emb = "__attach_version1.0_#00000001/";
  addProp(b, emb, 0x3707, kUnicode, o::utf16("inner.msg"));
  const std::string inner = emb + streamName(0x3701, 0x000D) + "/";
  b.add(inner + "__properties_version1.0", properties(24, 0x3FDE, 949));
  addProp(b, inner, 0x0037, kString8, "inner subject");
  addProp(b, inner, 0x1000, kString8,
          std::string("\xC8\xAB\xB1\xE6\xB5\xBF 010-2000-0000\r\n", 23) + std::string(1, '\0'));
  if (nested_twice) {
    const std::string deeper = inner + "__attach_version1.0_#00000000/";
    addProp(b, deeper, 0x3707, kUnicode, o::utf16("deeper.msg"));
    addProp(b, deeper + streamName(0x3701, 0x000D) + "/", 0x1000, kUnicode, o::utf16("too deep"));
  }
  return b.build();
}

BOOST_AUTO_TEST_SUITE(ole_msg_extractor)

BOOST_AUTO_TEST_CASE(headers_body_and_attachments_are_parts) {
  Run r = run(message());
  BOOST_TEST(r.status.isOk(), r.status.detail);
  BOOST_TEST(r.format == "msg");
  const testing::CollectedPart* headers = r.sink.part("headers");
  BOOST_REQUIRE(headers != nullptr);
  BOOST_TEST((headers->kind == PartKind::kLines));
  BOOST_TEST(headers->text ==
             "Subject: 주민번호 안내\nFrom: 홍길동 <hong@example.com>\nTo: Kim\n"
             "Recipient: Kim <kim@example.com>\n");
  const testing::CollectedPart* body = r.sink.part("body");
  BOOST_REQUIRE(body != nullptr);
  BOOST_TEST((body->kind == PartKind::kParagraphs));
  BOOST_TEST(body->text == "안녕하세요\n주민등록번호 900101-1234568\n");
  const testing::CollectedPart* attachment = r.sink.part("attachment:명단.txt");
  BOOST_REQUIRE(attachment != nullptr);
  BOOST_TEST(attachment->text == "RRN 900101-1234568\n");
  const testing::CollectedPart* inner_body = r.sink.part("attachment:inner.msg!body");
  BOOST_REQUIRE(inner_body != nullptr);
  BOOST_TEST(inner_body->text == "홍길동 010-2000-0000\n");
  const testing::CollectedPart* inner_headers = r.sink.part("attachment:inner.msg!headers");
  BOOST_REQUIRE(inner_headers != nullptr);
  BOOST_TEST(inner_headers->text == "Subject: inner subject\n");
}

BOOST_AUTO_TEST_CASE(messages_nested_past_the_depth_limit_are_too_large) {
  ExtractLimits limits;
  limits.max_depth = 1;
  Run r = run(message(true), limits);
  BOOST_TEST((r.status.status == FileStatus::kTooLarge));
  BOOST_TEST(r.sink.part("attachment:inner.msg!body") != nullptr);
  BOOST_TEST(r.sink.allText().find("too deep") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(html_body_goes_through_the_markup_extractor) {
  testing::CfbBuilder b;
  b.add("__properties_version1.0", std::string(32, '\0'));
  addProp(b, "", 0x1013, kBinary,
          "<html><body><p>전화 <b>010-2000-0000</b></p><script>x=1</script></body></html>");
  Run r = run(b.build());
  BOOST_TEST(r.status.isOk(), r.status.detail);
  const testing::CollectedPart* body = r.sink.part("body");
  BOOST_REQUIRE(body != nullptr);
  BOOST_TEST(body->text.find("전화 010-2000-0000") != std::string::npos);
  BOOST_TEST(body->text.find("<b>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(eight_bit_strings_without_a_code_page_are_utf8_or_windows_1252) {
  testing::CfbBuilder b;
  b.add("__properties_version1.0", std::string(32, '\0'));
  addProp(b, "", 0x0037, kString8, "caf\xE9 900101-1234568");
  addProp(b, "", 0x1000, kString8, "\xEC\xA0\x84\xED\x99\x94 010-2000-0000");  // UTF-8 "전화"
  Run r = run(b.build());
  BOOST_TEST(r.sink.part("headers")->text == "Subject: caf\u00E9 900101-1234568\n");
  BOOST_TEST(r.sink.part("body")->text == "전화 010-2000-0000\n");
}

BOOST_AUTO_TEST_CASE(a_protected_attachment_makes_the_message_protected) {
  testing::CfbBuilder encrypted;
  encrypted.add("EncryptionInfo", std::string(100, '\1'));
  encrypted.add("EncryptedPackage", std::string(100, '\2'));
  testing::CfbBuilder b;
  addProp(b, "", 0x1000, kUnicode, o::utf16("see attachment"));
  addProp(b, "__attach_version1.0_#00000000/", 0x3704, kUnicode, o::utf16("a.xlsx"));
  addProp(b, "__attach_version1.0_#00000000/", 0x3701, kBinary, encrypted.build());
  Run r = run(b.build());
  BOOST_TEST((r.status.status == FileStatus::kProtected));
  BOOST_TEST(r.sink.part("body")->text == "see attachment\n");
}

// Issue 12: an attachment that cannot be read whole is named in the message's status, and what
// was read of it and the rest of the message still count.
BOOST_AUTO_TEST_CASE(issue_12_a_broken_attachment_is_named_and_the_rest_is_read) {
  std::string lines;
  for (int i = 0; i < 200; ++i) lines += std::to_string(i) + " 주민등록번호 900101-1234568\n";
  const std::string zip = testing::zip::buildZip({{"memo.txt", lines, false}});
  testing::CfbBuilder b;
  addProp(b, "", 0x1000, kUnicode, o::utf16("본문 010-2000-0000"));
  addProp(b, "__attach_version1.0_#00000000/", 0x3707, kUnicode, o::utf16("a.txt"));
  addProp(b, "__attach_version1.0_#00000000/", 0x3701, kBinary, "010-3000-0000\n");
  addProp(b, "__attach_version1.0_#00000001/", 0x3707, kUnicode, o::utf16("명단.zip"));
  addProp(b, "__attach_version1.0_#00000001/", 0x3701, kBinary, zip.substr(0, zip.size() / 2));
  Run r = run(b.build());
  BOOST_TEST((r.status.status == FileStatus::kCorrupt));
  BOOST_TEST(r.status.detail ==
             "attachment 2 (명단.zip): truncated zip: no end of central directory");
  BOOST_TEST(r.sink.part("body")->text == "본문 010-2000-0000\n");
  BOOST_TEST(r.sink.part("attachment:a.txt") != nullptr);
  const testing::CollectedPart* memo = r.sink.part("attachment:명단.zip!/memo.txt");
  BOOST_REQUIRE(memo != nullptr);
  BOOST_TEST(memo->text.starts_with("0 주민등록번호 900101-1234568\n"));
}

// Messages cut short or garbled: every run returns in time with bounded text and a clean detail
// (checkedBrokenRun), and a message cut short is never read as whole.
BOOST_AUTO_TEST_CASE(malformed_messages_never_crash) {
  const std::string m = message(true);
  const auto msg = [](std::string_view bytes, const std::string& what) {
    return testing::checkedBrokenRun(
        [&](TextSink& sink, ExtractContext& ctx) {
          return extractDocument({bytes, "t.msg"}, sink, ctx);
        },
        bytes.size(), "900101", what);
  };
  for (std::size_t i = 0; i < m.size(); i += 61) {
    std::string flipped = m;
    flipped[i] = static_cast<char>(~flipped[i]);
    (void)msg(flipped, "byte " + std::to_string(i) + " flipped");
    const testing::Extraction cut = msg(m.substr(0, i), "cut at " + std::to_string(i));
    if (i == 0)
      BOOST_TEST(cut.sink.allText().empty());  // an empty file: nothing to tell it was a message
    else
      BOOST_TEST(!cut.status.isOk(), "cut at " << i);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
