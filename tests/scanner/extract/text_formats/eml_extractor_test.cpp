// SPDX-License-Identifier: Apache-2.0
// Tests of extractEml() on messages written here (RFC 5322, RFC 2045-2047), with synthetic PII.
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdint>
#include <string>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"

namespace jamul::scanner::extract {
namespace {

using Extracted = testing::Extraction;

const testing::ExtractorUnderTest run{extractEml, "t.eml"};

// base64 of "홍길동 900101-1234568" in CP949.
const std::string kHongRrnCp949B64 = "yKux5rW/IDkwMDEwMS0xMjM0NTY4";

BOOST_AUTO_TEST_SUITE(eml_extractor)

BOOST_AUTO_TEST_CASE(headers_are_unfolded_and_encoded_words_decoded) {
  const Extracted e =
      run("From: =?UTF-8?B?7ZmN6ri464+Z?= <hong@example.com>\r\n"
          "To: =?euc-kr?Q?=C8=AB=B1=E6=B5=BF?= <a@example.com>,\r\n"
          "\tb@example.com\r\n"
          "Subject: =?ks_c_5601-1987?B?yKux5rW/?= =?UTF-8?Q?_900101-1234568?=\r\n"
          "Date: Mon, 1 Jan 2024 00:00:00 +0900\r\n"
          "\r\n"
          "본문 010-2000-0000\r\n둘째 줄\r\n");
  BOOST_TEST(e.status.isOk(), e.status.detail);
  BOOST_TEST(e.part("headers") ==
             "subject: 홍길동 900101-1234568\nfrom: 홍길동 <hong@example.com>\n"
             "to: 홍길동 <a@example.com>,\tb@example.com\n");
  BOOST_TEST(e.part("body") == "본문 010-2000-0000\n둘째 줄\n");
  BOOST_TEST((e.sink.parts[1].kind == PartKind::kParagraphs));
}

BOOST_AUTO_TEST_CASE(multipart_bodies_are_decoded_and_attachments_nested) {
  const std::string mail =
      "From: a@example.com\nTo: b@example.com\nSubject: s\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=\"outer\"\n\n"
      "preamble 000000-0000000\n"
      "--outer\nContent-Type: multipart/alternative; boundary=inner\n\n"
      "--inner\nContent-Type: text/plain; charset=euc-kr\nContent-Transfer-Encoding: base64\n\n" +
      kHongRrnCp949B64 +
      "\n"
      "--inner\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: "
      "quoted-printable\n\n"
      "<html><body><p>=ED=99=8D=EA=B8=B8=EB=8F=99</p><p>010-2000-=\n0000</p></body></html>\n"
      "--inner--\n"
      "--outer\nContent-Type: text/plain; name=\"=?UTF-8?B?66qF64uoLnR4dA==?=\"\n"
      "Content-Disposition: attachment\nContent-Transfer-Encoding: base64\n\n"
      "OTAwMTAxLTEyMzQ1Njg=\n"
      "--outer\nContent-Type: message/rfc822\n\n"
      "From: c@example.com\nSubject: inner mail\n\ninner 010-2000-0000\n"
      "--outer--\nepilogue 000000-0000000\n";
  const Extracted e = run(mail);
  BOOST_TEST(e.status.isOk(), e.status.detail);
  BOOST_TEST(e.part("body") == "홍길동 900101-1234568\n");
  BOOST_TEST(e.part("body 2") == "홍길동\n010-2000-0000\n");
  BOOST_TEST(e.part("attachment:명단.txt") == "900101-1234568");
  BOOST_TEST(e.part("headers 2") == "subject: inner mail\nfrom: c@example.com\n");
  BOOST_TEST(e.part("body 3") == "inner 010-2000-0000\n");
  BOOST_TEST(e.sink.allText().find("000000-0000000") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(broken_mail_never_crashes) {
  BOOST_TEST((run("no headers here\n\nbody").status.status == FileStatus::kCorrupt));
  // Unclosed multipart: the last part runs to the end.
  const Extracted open =
      run("From: a@b\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\n"
          "900101-1234568");
  BOOST_TEST(open.part("body") == "900101-1234568\n");
  // Deep nesting is bounded.
  std::string deep = "From: a@b\nTo: c@d\n";
  for (int i = 0; i < 200; ++i)
    deep += "Content-Type: multipart/mixed; boundary=b" + std::to_string(i) + "\n\n--b" +
            std::to_string(i) + "\n";
  deep += "\nx";
  const Extracted d = run(deep);
  BOOST_TEST((d.status.status == FileStatus::kTooLarge), d.status.detail);
  // Bad base64 and QP do not crash, and say so (issue 12).
  const Extracted bad = run("From: a@b\nTo: c\nContent-Transfer-Encoding: base64\n\n!!!@@@===");
  BOOST_TEST((bad.status.status == FileStatus::kCorrupt));
  BOOST_TEST(bad.status.detail == "body 1: invalid base64");
  BOOST_TEST(bad.part("body") == "!!!@@@===\n");
  const Extracted qp = run("From: a@b\nTo: c\nContent-Transfer-Encoding: quoted-printable\n\n=Z=");
  BOOST_TEST(qp.part("body") == "=Z\n");
  BOOST_TEST(qp.status.detail == "body 1: invalid quoted-printable");
  const std::string m =
      "From: a@b\nSubject: =?utf-8?B?7ZmN?= x\nContent-Type: multipart/mixed; "
      "boundary=q\n\n--q\nContent-Type: text/plain\n\nhi\n--q--\n";
  for (std::size_t cut = 0; cut <= m.size(); ++cut) {
    const Extracted e = run(m.substr(0, cut));
    BOOST_TEST(!e.sink.appended_before_part);
  }
}

BOOST_AUTO_TEST_CASE(mbox_messages_are_all_read) {
  const Extracted e =
      run("From a@b Mon Jan  1 00:00:00 2024\nFrom: a@b\nSubject: one\n\n"
          "900101-1234568\n\nFrom c@d Mon Jan  1 00:00:00 2024\nFrom: c@d\n"
          "Subject: two\n\n010-2000-0000\n");
  BOOST_TEST(e.status.isOk(), e.status.detail);
  BOOST_TEST(e.part("message 1!body") == "900101-1234568\n");
  BOOST_TEST(e.part("message 2!body") == "010-2000-0000\n");
}

// --- issue 12: "the 5 MB attachment that is not valid base64 leaves the mail `ok`" ----------

// A mail with a text body, a good attachment, the attachment `broken` (declared base64) named
// 명단.xlsx, and a text part after it.
std::string mailText(const std::string& broken) {
  return "From: a@example.com\nTo: b@example.com\nSubject: list\nMIME-Version: 1.0\n"
         "Content-Type: multipart/mixed; boundary=\"b\"\n\n"
         "--b\nContent-Type: text/plain; charset=utf-8\n\n본문 010-2000-0000\n"
         "--b\nContent-Type: text/plain; name=\"a.txt\"\nContent-Disposition: attachment\n"
         "Content-Transfer-Encoding: base64\n\nOTAwMTAxLTEyMzQ1Njg=\n"
         "--b\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; "
         "name=\"=?UTF-8?B?66qF64uoLnhsc3g=?=\"\nContent-Disposition: attachment\n"
         "Content-Transfer-Encoding: base64\n\n" +
         broken +
         "\n--b\nContent-Type: text/plain; charset=utf-8\n\n끝 010-3000-0000\n"
         "--b--\n";
}

BOOST_AUTO_TEST_CASE(issue_12_an_attachment_that_is_not_base64_makes_the_mail_corrupt) {
  // Text pasted where base64 belongs: it is read as written, and the status names the part.
  const Extracted m = run(mailText("성명,주민등록번호\n홍길동,900101-1234568\n"));
  BOOST_TEST((m.status.status == FileStatus::kCorrupt));
  BOOST_TEST(m.status.detail == "attachment 2 (명단.xlsx): invalid base64");
  BOOST_TEST(m.part("attachment:명단.xlsx (undecoded)").find("홍길동,900101-1234568") !=
             std::string::npos);
  // The rest of the mail, before and after the broken part, is read.
  BOOST_TEST(m.part("body") == "본문 010-2000-0000\n");
  BOOST_TEST(m.part("attachment:a.txt") == "900101-1234568");
  BOOST_TEST(m.part("body 2") == "끝 010-3000-0000\n");
}

BOOST_AUTO_TEST_CASE(issue_12_base64_cut_or_damaged_is_decoded_as_far_as_it_goes) {
  // base64 of "주민등록번호 900101-1234568\n" (UTF-8), then one character of a cut group.
  const std::string b64 = "7KO866+865Ox66Gd67KI7Zi4IDkwMDEwMS0xMjM0NTY4Cg==";
  const Extracted cut = run("From: a@b\nTo: c\nContent-Transfer-Encoding: base64\n\n" +
                            b64.substr(0, b64.size() - 4) + "Q");
  BOOST_TEST(cut.status.detail == "body 1: invalid base64");
  BOOST_TEST(cut.part("body").find("900101-1234568") != std::string::npos);
  // A stray character (a transmission error) is skipped, as RFC 2045 §6.8 asks, and reported.
  const Extracted stray = run("From: a@b\nTo: c\nContent-Transfer-Encoding: base64\n\n" +
                              b64.substr(0, 20) + "!" + b64.substr(20));
  BOOST_TEST(stray.status.detail == "body 1: invalid base64");
  BOOST_TEST(stray.part("body") == "주민등록번호 900101-1234568\n");
  // Separately padded pieces are one body: decoding goes on after the padding.
  const Extracted pieces =
      run("From: a@b\nTo: c\nContent-Transfer-Encoding: base64\n\nOTAwMTAx\nLQ==\nMTIzNDU2OA==\n");
  BOOST_TEST(pieces.status.isOk(), pieces.status.detail);
  BOOST_TEST(pieces.part("body") == "900101-1234568\n");
}

BOOST_AUTO_TEST_CASE(issue_12_quoted_printable_soft_breaks_and_bad_escapes) {
  // Blanks a transport added after a soft line break's '=' are dropped (RFC 2045 §6.7 rule 3).
  const Extracted soft =
      run("From: a@b\nTo: c\nContent-Transfer-Encoding: quoted-printable\n\n"
          "=EC=A3=BC=EB=AF=BC 900101-=  \r\n1234568\r\n");
  BOOST_TEST(soft.status.isOk(), soft.status.detail);
  BOOST_TEST(soft.part("body") == "주민 900101-1234568\n");
  const Extracted bad =
      run("From: a@b\nTo: c\nContent-Type: multipart/mixed; boundary=q\n\n--q\n\nfirst\n"
          "--q\nContent-Transfer-Encoding: quoted-printable\n\n=EC=A3=BC=EB=AF=BC 900101=2D1234568 "
          "=G1\n"
          "--q--\n");
  BOOST_TEST(bad.status.detail == "body 2: invalid quoted-printable");
  BOOST_TEST(bad.part("body 2") == "주민 900101-1234568 =G1\n");
}

BOOST_AUTO_TEST_CASE(issue_12_a_large_attachment_that_is_not_base64_stays_fast) {
  // 5 MiB of bytes that are not base64 (binary, as a client that forgot to encode sends it).
  std::string junk(std::size_t{5} << 20, '\0');
  std::uint32_t x = 12;
  for (char& c : junk) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
    if (c == '\n' || c == '-') c = '.';
  }
  const auto start = std::chrono::steady_clock::now();
  const Extracted e = run(mailText(junk));
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  BOOST_TEST_MESSAGE("5 MiB of invalid base64: " << ms << " ms");
  BOOST_TEST(ms < 5000);
  BOOST_TEST((e.status.status == FileStatus::kCorrupt));
  BOOST_TEST(e.status.detail == "attachment 2 (명단.xlsx): invalid base64");
  BOOST_TEST(e.part("body") == "본문 010-2000-0000\n");
  BOOST_TEST(e.part("body 2") == "끝 010-3000-0000\n");
  // Binary bytes are not text: the undecoded body is not scanned as such.
  BOOST_TEST(e.sink.part("attachment:명단.xlsx (undecoded)") == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
