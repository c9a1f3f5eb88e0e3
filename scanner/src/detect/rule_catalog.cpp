// SPDX-License-Identifier: Apache-2.0
// The rule catalogue (see rule_catalog.h). Facts, patterns and test vectors come from
// ../shared/DETECTION.md, whose source tags ([PRESIDIO-RRN], ...) are kept on each example; where we
// depart from its recommendations the scoring text says so.

#include "jamul/scanner/rule_catalog.h"

#include <array>

#include "jamul/common/check.h"

namespace jamul::scanner {
namespace {

using C = Confidence;
using SV = std::string_view;

// ---------------------------------------------------------------------------------------------------
// 주민등록번호 (RRN), DETECTION.md §3.1
constexpr SV kRrnPatterns[] = {
    R"((?:^|[^0-9])([0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]) ?-? ?[1-4][0-9]{6}))",
};
constexpr SV kRrnKeywords[] = {
    "주민등록번호", "주민번호", "주민등록", "주민등록증", "주민 번호", "주민 등록 번호", "생년월일",
    "신분증", "본인인증", "실명확인", "RRN", "resident registration", "resident number", "jumin",
    "national id", "social security", "SSN"};
constexpr RuleExample kRrnExamples[] = {
    {"960121-1021413", C::kHigh, 1, "PRESIDIO-RRN-TEST"},
    {"9601211021413", C::kMedium, 1, "PRESIDIO-RRN-TEST"},
    {"050912-2000019", C::kHigh, 1, "PRESIDIO-RRN-TEST"},
    {"0509122000019", C::kMedium, 1, "PRESIDIO-RRN-TEST"},
    {"His RRN is 9601211021413", C::kHigh, 1, "PRESIDIO-RRN-TEST"},
    {"960121-1234567", C::kMedium, 1, "PRESIDIO-RRN-TEST"},
    {"9601211234567", C::kLow, 1, "PRESIDIO-RRN-TEST"},
    {"000505-3637892", C::kMedium, 1, "PRESIDIO-RRN-TEST"},
    {"0005053637892", C::kLow, 1, "PRESIDIO-RRN-TEST"},
    {"001332-1234567", std::nullopt, 0, "PRESIDIO-RRN-TEST"},
    {"0013321234567", std::nullopt, 0, "PRESIDIO-RRN-TEST"},
    {"960121+1021413", std::nullopt, 0, "PRESIDIO-RRN-TEST"},
    {"960111-10214131", std::nullopt, 0, "PRESIDIO-RRN-TEST"},
    {"960303-0021413", std::nullopt, 0, "PRESIDIO-RRN-TEST"},
    {"051102-9234110", std::nullopt, 0, "PRESIDIO-RRN-TEST"},
    {"760413-5212134", std::nullopt, 0, "PRESIDIO-RRN-TEST"},
    {"000402-6214431", std::nullopt, 0, "PRESIDIO-RRN-TEST"},
    {"971013-9019902", std::nullopt, 0, "STDNUM-RRN"},
    {"971310-9019908", std::nullopt, 0, "STDNUM-RRN-TEST"},
    {"991231-4019906", std::nullopt, 0, "STDNUM-RRN-TEST"},
    {"000101-1000002", C::kHigh, 1, "KOKR-ID"},
    {"880411-2238459", C::kHigh, 1, "STDNUM-RRN-TEST"},
    {"760406-1679592", C::kHigh, 1, "STDNUM-RRN-TEST"},
    {"960231-1021413", std::nullopt, 0, "derived (§5): no 31 February"},
    {"주민번호는960121-1021413이고", C::kHigh, 1, "PRESIDIO-PR1807"},
    {"９６０１２１－１０２１４１３", C::kHigh, 1, "derived (§2.1): full-width digits and dash"},
    {"960121 – 1021413", C::kHigh, 1, "derived (§2.1): en dash with spaces"},
    {"201105-3123451", C::kHigh, 1, "derived: born after 2020-10-05, random tail"},
    {"2011053123451", C::kMedium, 1, "derived: born after 2020-10-05, random tail"},
    {"900101-1******", std::nullopt, 0, "derived (§2.5): masked"},
    {"900101-1234568, 850315-2345678", C::kHigh, 2, "derived"},
    {"130111-0006246", std::nullopt, 0, "KOREAN-PII-CORP-D003: a CRN, not an RRN"},
    {"8801231567896", std::nullopt, 0, "derived (GS1-KR): EAN-13 barcode of a Korean product"},
    {"접수번호 240115-1234567", C::kLow, 1, "derived (§3.1): receipt number labelled as such"},
    {"RRN9601211021413", C::kHigh, 1, "derived: a letter before the digits is a boundary"},
    {"900101-1234568\n환불계좌 신한은행 3333-11-5280860", C::kHigh, 1,
     "derived (issue 13): the next line's account label is not this value's"},
    {"성명\t주민등록번호\t은행\t계좌번호\n홍길동\t9001011234567\t신한은행\t110-436-387740",
     C::kHigh, 1, "derived (issue 13): a register row; its column header labels it"},
};

// ---------------------------------------------------------------------------------------------------
// 외국인등록번호 (FRN), DETECTION.md §3.2
constexpr SV kFrnPatterns[] = {
    R"((?:^|[^0-9])([0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]) ?-? ?[5-8][0-9]{6}))",
};
constexpr SV kFrnKeywords[] = {
    "외국인등록번호", "외국인번호", "외국인등록증", "외국인 등록번호", "등록증번호", "영주증",
    "거소신고번호", "국내거소신고", "체류자격", "alien registration", "ARC", "ARN", "FRN",
    "foreigner registration", "residence card", "주민등록번호", "주민번호"};
constexpr RuleExample kFrnExamples[] = {
    {"911124-5678906", C::kHigh, 1, "PRESIDIO-FRN-TEST"},
    {"9111245678906", C::kMedium, 1, "PRESIDIO-FRN-TEST"},
    {"050912-6000012", C::kHigh, 1, "PRESIDIO-FRN-TEST"},
    {"0509126000012", C::kMedium, 1, "PRESIDIO-FRN-TEST"},
    {"911124-5678901", C::kMedium, 1, "PRESIDIO-FRN-TEST"},
    {"000505-7637892", C::kMedium, 1, "PRESIDIO-FRN-TEST"},
    {"0005056637892", C::kLow, 1, "PRESIDIO-FRN-TEST"},
    {"760413-1212134", std::nullopt, 0, "PRESIDIO-FRN-TEST"},
    {"000402-2214431", std::nullopt, 0, "PRESIDIO-FRN-TEST"},
    {"010101-5010105", C::kHigh, 1, "KOKR-ID: RRN formula"},
    {"010101-8010103", C::kHigh, 1, "KOKR-ID: RRN formula"},
    {"940624-5149547", C::kHigh, 1, "STDNUM-RRN-TEST"},
    {"외국인등록번호: 9111245678901", C::kHigh, 1, "derived"},
};

// ---------------------------------------------------------------------------------------------------
// 여권번호, DETECTION.md §3.3. Variant 0: 2021 form M123A4567; variant 1: old form M12345678.
constexpr SV kPassportPatterns[] = {
    R"((?:^|[^0-9A-Za-z])([MSRGODmsrgod][0-9]{3}[A-Za-z][0-9]{4}))",
    R"((?:^|[^0-9A-Za-z])([MSRGODmsrgod][0-9]{8}))",
};
constexpr SV kPassportKeywords[] = {
    "여권", "여권번호", "여권 번호", "여권정보", "대한민국 여권", "passport", "passport no",
    "passport number", "passport#"};
constexpr RuleExample kPassportExamples[] = {
    {"M123A4567", C::kLow, 1, "PRESIDIO-PASSPORT-TEST"},
    {"m456B7890", C::kLow, 1, "PRESIDIO-PASSPORT-TEST"},
    {"d789C1234", C::kLow, 1, "PRESIDIO-PASSPORT-TEST"},
    {"S012D5678", C::kLow, 1, "PRESIDIO-PASSPORT-TEST"},
    {"M678f3456", C::kLow, 1, "PRESIDIO-PASSPORT-TEST"},
    {"여권번호는 M789C1234입니다", C::kHigh, 1, "PRESIDIO-PASSPORT-TEST"},
    {"M12345678", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST: old form needs a keyword"},
    {"대한민국 여권 S87654321", C::kHigh, 1, "PRESIDIO-PASSPORT-TEST"},
    {"Passport No. m87654321", C::kHigh, 1, "PRESIDIO-PASSPORT-TEST"},
    {"M123A4567 and M456B7890", C::kLow, 2, "PRESIDIO-PASSPORT-TEST"},
    {"여권: A123B4567", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST: bad prefix"},
    {"여권: M12A4567", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST"},
    {"여권: M1234A567", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST"},
    {"여권: M123AB567", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST"},
    {"여권: M123A456", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST"},
    {"여권: M123A45678", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST"},
    {"여권: M1234567", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST"},
    {"여권: M123456789", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST"},
    {"여권: 123A4567", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST"},
    {"여권: MM123A4567", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST"},
    {"여권: M123 A4567", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST"},
    {"여권: M123-A4567", std::nullopt, 0, "PRESIDIO-PASSPORT-TEST"},
    {"여권: M123A4567B", std::nullopt, 0, "derived (§4.1.7): trailing letter"},
    {"여권번호 G12345678", C::kHigh, 1, "PASSPORT-GO-KR-2015: 관용 prefix G"},
    {"부품번호 S24010203", std::nullopt, 0, "KOREAN-PII-PASSPORT-FP: part code"},
};

// ---------------------------------------------------------------------------------------------------
// 운전면허번호, DETECTION.md §3.4. Variant 0: numeric region code; variant 1: pre-2014 region name.
constexpr SV kDriverLicensePatterns[] = {
    R"((?:^|[^0-9])((?:1[1-9]|2[0-6]|28)[ -]?[0-9]{2}[ -]?[0-9]{6}[ -]?[0-9]{2}))",
    R"(((?:서울|부산|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산) ?[0-9]{2}[ -]?[0-9]{6}[ -]?[0-9]{2}))",
};
constexpr SV kDriverLicenseKeywords[] = {
    "운전면허", "운전면허번호", "운전 면허", "운전면허증", "면허번호", "면허증", "자동차운전면허",
    "driver's license", "driver license", "drivers license", "driving licence", "driving license",
    "driver's licence", "license", "licence", "DL no", "DL#"};
constexpr RuleExample kDriverLicenseExamples[] = {
    {"11-22-123456-12", C::kLow, 1, "PRESIDIO-DL-TEST"},
    {"112212345612", std::nullopt, 0, "PRESIDIO-DL-TEST: unseparated needs a keyword"},
    {"My license is 13-22-123456-12", C::kHigh, 1, "PRESIDIO-DL-TEST"},
    {"28 22 123456 12", C::kLow, 1, "PRESIDIO-DL-TEST"},
    {"운전면허번호 112212345612", C::kHigh, 1, "derived"},
    {"면허번호 99-22-123456-12", std::nullopt, 0, "PRESIDIO-DL-TEST: invalid region"},
    {"면허번호 11-22-12345-12", std::nullopt, 0, "PRESIDIO-DL-TEST"},
    {"면허번호 11-22-123456-1", std::nullopt, 0, "PRESIDIO-DL-TEST"},
    {"면허번호 11-22-123A56-12", std::nullopt, 0, "PRESIDIO-DL-TEST"},
    {"면허번호 111-22-123456-12", std::nullopt, 0, "PRESIDIO-DL-TEST"},
    {"면허번호 11-22-123456-123", std::nullopt, 0, "PRESIDIO-DL-TEST"},
    {"서울 91-123456-12", C::kHigh, 1, "derived (NDSOFT-2014): pre-2014 region name"},
    {"202401151230", std::nullopt, 0, "derived (§4.1.5): timestamp"},
    {"2023-12-31 235959 00", std::nullopt, 0, "derived (§4.1.5): date-time"},
    {"송장번호 201912345678", std::nullopt, 0, "derived (§4.1.5): tracking number"},
    {"The license was renewed on schedule. Build 202401151230", std::nullopt, 0,
     "derived: a generic keyword far from a bare timestamp"},
    {"License no. 112212345612", C::kHigh, 1, "derived: a label right before bare digits"},
};

// ---------------------------------------------------------------------------------------------------
// 전화번호, DETECTION.md §3.5. Variant 0: mobile 01x; variant 1: fixed line, 070 VoIP, 050x.
constexpr SV kPhonePatterns[] = {
    R"((?:^|[^0-9+])((?:\+82[ -]?(?:\(0\)[ -]?)?|\(?0)1[016789]\)?[ .-]?[0-9]{3,4}[ .-]?[0-9]{4}))",
    R"((?:^|[^0-9+])((?:\+82[ -]?(?:\(0\)[ -]?)?|\(?0)(?:2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70|50[0-9]?)\)?[ .-]?[0-9]{3,4}[ .-]?[0-9]{4}))",
};
constexpr SV kPhoneKeywords[] = {
    "전화", "전화번호", "연락처", "휴대폰", "핸드폰", "휴대전화", "휴대 전화", "휴대폰번호",
    "핸드폰번호", "자택", "집전화", "직장전화", "비상연락처", "보호자 연락처", "모바일", "H.P", "HP",
    "Tel", "Mobile", "Phone", "Cell", "telephone", "cellphone", "contact"};
constexpr SV kPhoneNegativeKeywords[] = {"팩스", "FAX", "대표번호", "대표전화", "고객센터", "콜센터"};
constexpr RuleExample kPhoneExamples[] = {
    {"010-2000-0000", C::kMedium, 1, "LIBPHONE-KR"},
    {"01020000000", C::kMedium, 1, "LIBPHONE-KR"},
    {"+82 10-2000-0000", C::kMedium, 1, "LIBPHONE-KR"},
    {"+82-10-2000-0000", C::kMedium, 1, "LIBPHONE-KR"},
    {"(010)2000-0000", C::kMedium, 1, "LIBPHONE-KR"},
    {"010.2000.0000", C::kMedium, 1, "LIBPHONE-KR"},
    {"011-234-5678", C::kMedium, 1, "derived: legacy mobile"},
    {"휴대폰 010-2000-0000", C::kHigh, 1, "derived"},
    {"02-212-3456", C::kLow, 1, "LIBPHONE-KR"},
    {"022123456", C::kLow, 1, "LIBPHONE-KR"},
    {"+82 2 212 3456", C::kLow, 1, "LIBPHONE-KR"},
    {"전화: 02-212-3456", C::kMedium, 1, "derived"},
    {"070-1234-5678", C::kLow, 1, "LIBPHONE-KR"},
    {"050-1234-5678", C::kLow, 1, "LIBPHONE-KR"},
    {"0504-1234-5678", C::kLow, 1, "LIBPHONE-KR"},
    {"080-123-4567", std::nullopt, 0, "LIBPHONE-KR: toll-free, not personal"},
    {"1544-1234", std::nullopt, 0, "LIBPHONE-KR: business number"},
    {"010-0123-4567", std::nullopt, 0, "derived: mobile block never starts with 0"},
    {"010-123-4567", std::nullopt, 0, "derived: 010 numbers have 11 digits"},
    {"팩스 02-212-3457", std::nullopt, 0, "derived: a fax line"},
    {"Tel 02-212-3456 Fax 02-212-3457", C::kMedium, 1,
     "derived: Tel labels the first number only; the fax line is not reported"},
    {"2024.01.15", std::nullopt, 0, "derived: date"},
    {"140142-0419327 2001:db8::1", std::nullopt, 0, "derived: digits inside a longer number"},
    {"010-2000-0000-1234", std::nullopt, 0, "derived: the number goes on"},
    {"자택 전화번호 053-9136-6805\n민원 처리 현황을 부서별로 정리하여 보고합니다.\n"
     "환불계좌 신한은행 1002-889-577953 예금주 김철수",
     C::kMedium, 1, "derived (issue 13): a labelled phone beside an account stays a phone"},
};

// ---------------------------------------------------------------------------------------------------
// 신용카드번호, DETECTION.md §3.6. Variant 0: 16 digits (4-4-4-4), 15-digit AmEx (4-6-5), 14-digit
// Diners (4-6-4), bare 15-digit UATP and bare 17-19 digits.
constexpr SV kCardPatterns[] = {
    R"((?:^|[^0-9])([0-9]{4}([ -]?)[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}(?:[0-9]{1,3})?|3[47][0-9]{2}[ -]?[0-9]{6}[ -]?[0-9]{5}|3(?:0[0-5]|[689][0-9])[0-9][ -]?[0-9]{6}[ -]?[0-9]{4}|1[0-9]{14}))",
};
constexpr SV kCardKeywords[] = {
    "카드", "카드번호", "카드 번호", "신용카드", "체크카드", "결제카드", "법인카드", "카드사",
    "유효기간", "유효 기간", "CVC", "CVV", "카드소지자", "할부", "비자", "마스터카드", "아멕스",
    "card number", "credit card", "card no", "cvv2", "expiration", "expiry", "visa", "mastercard",
    "amex", "card"};
constexpr RuleExample kCardExamples[] = {
    {"4012888888881881", C::kLow, 1, "PRESIDIO-CC-TEST"},
    {"4012-8888-8888-1881", C::kMedium, 1, "PRESIDIO-CC-TEST"},
    {"4012 8888 8888 1881", C::kMedium, 1, "PRESIDIO-CC-TEST"},
    {"4012888888881881 4012-8888-8888-1881 4012 8888 8888 1881", C::kMedium, 3,
     "PRESIDIO-CC-TEST"},
    {"122000000000003", C::kLow, 1, "PRESIDIO-CC-TEST: UATP"},
    {"371449635398431", C::kLow, 1, "PRESIDIO-CC-TEST"},
    {"5555555555554444", C::kLow, 1, "PRESIDIO-CC-TEST"},
    {"5019717010103742", C::kLow, 1, "PRESIDIO-CC-TEST"},
    {"30569309025904", C::kLow, 1, "PRESIDIO-CC-TEST"},
    {"6011000400000000", C::kLow, 1, "PRESIDIO-CC-TEST"},
    {"3528000700000000", C::kLow, 1, "PRESIDIO-CC-TEST"},
    {"6759649826438453", C::kLow, 1, "PRESIDIO-CC-TEST"},
    {"4111111111111111", C::kLow, 1, "PRESIDIO-CC-TEST"},
    {"4917300800000000", C::kLow, 1, "PRESIDIO-CC-TEST"},
    {"4484070000000000", C::kLow, 1, "PRESIDIO-CC-TEST"},
    {"1748503543012", std::nullopt, 0, "PRESIDIO-CC-TEST"},
    {"4012-8888-8888-1882", std::nullopt, 0, "PRESIDIO-CC-TEST: Luhn fails"},
    {"36168002586008", std::nullopt, 0, "PRESIDIO-CC-TEST: Luhn fails"},
    {"카드번호4111111111111111입니다", C::kHigh, 1, "derived (§4.1.9)"},
    {"2221-0012-3456-7896", C::kMedium, 1, "derived (§4.1.9): Mastercard 2-series"},
    {"9410-1234-5678-9010", C::kMedium, 1, "KAKAOBANK-BIN: Korean domestic-only card"},
    {"신용카드 3714-496353-98431", C::kHigh, 1, "derived: AmEx 4-6-5"},
    {"4012-8888 8888-1881", std::nullopt, 0, "derived: mixed separators"},
    {"7012-8888-8888-1883", std::nullopt, 0, "derived: no network issues 7"},
    {"승인번호 4012-8888-8888-1881", C::kLow, 1, "derived: labelled as an approval number"},
    {"4012-8888-8888-1881 (승인번호)", C::kLow, 1, "derived: a label right after the value"},
    {"4012-8888-8888-1881\n주문번호 2026110712345678", C::kMedium, 1,
     "derived: the next line's label is not this value's"},
};

// ---------------------------------------------------------------------------------------------------
// 계좌번호, DETECTION.md §3.7. Variant 0: grouped with '-', 1: grouped with ' ', 2: bare digits.
// The grouped forms count digits in the pattern itself (10-14, a separator allowed between any two,
// the first two adjacent), so dates and short numbers never match; the code then checks the groups
// (at most five, none longer than nine digits: SC제일's 14-digit layout is XXX-XX-XXXXXXXXX).
constexpr SV kBankAccountPatterns[] = {
    R"((?:^|[^0-9])([0-9]{2}(?:-?[0-9]){8,12}))",
    R"((?:^|[^0-9])([0-9]{2}(?: ?[0-9]){8,12}))",
    R"((?:^|[^0-9])([0-9]{10,14}))",
};
constexpr SV kBankAccountKeywords[] = {
    "계좌", "계좌번호", "입금계좌", "출금계좌", "환불계좌", "급여계좌", "예금주", "입금", "송금",
    "이체", "통장", "가상계좌", "은행", "account no", "account number", "bank account", "acct"};
constexpr RuleExample kBankAccountExamples[] = {
    {"318-081775-01-014", std::nullopt, 0, "KOREAN-ACCOUNT-README: needs context"},
    {"계좌번호: 318-081775-01-014", C::kMedium, 1, "KOREAN-ACCOUNT-README"},
    {"기업은행 318-081775-01-014", C::kHigh, 1, "KOREAN-ACCOUNT-README"},
    {"신한은행 110-436-387740", C::kHigh, 1, "KOREAN-ACCOUNT-README"},
    {"카카오뱅크 3333-12-3456789", C::kHigh, 1, "KOREAN-ACCOUNT-README"},
    {"예금주 홍길동 110 436 387740", C::kMedium, 1, "derived"},
    {"입금계좌 11043638774012", C::kMedium, 1, "derived"},
    {"SC제일은행 524-89-172016295", C::kHigh, 1,
     "KOREAN-ACCOUNT-BANKS: SC 14-digit layout XXX-XX-XXXXXXXXX"},
    {"계좌: 12-34-56", std::nullopt, 0, "derived: too few digits"},
    {"주문번호 110-436-387740", std::nullopt, 0, "derived: no account context"},
    {"자택 전화번호 053-9136-6805\n민원 처리 현황을 부서별로 정리하여 보고합니다.\n"
     "환불계좌 신한은행 1002-889-577953 예금주 김철수",
     C::kHigh, 1, "derived (issue 13): only the value the label names"},
    {"로그 시각 202205020739\n환불계좌 신한은행 110-436-387740", C::kHigh, 1,
     "derived (issue 13): a compact timestamp near an account is not one"},
    {"환불 계좌를 확인해 주세요.\n처리번호 20240315123", std::nullopt, 0,
     "derived (issue 13): a number with a label of its own"},
    {"성명\t주민등록번호\t은행\t계좌번호\n홍길동\t9001011234567\t신한은행\t110-436-387740",
     C::kHigh, 1, "derived (issue 13): the account column, not the RRN column"},
};

// ---------------------------------------------------------------------------------------------------
// 건강보험증번호, DETECTION.md §3.8.
constexpr SV kHealthInsurancePatterns[] = {
    R"((?:^|[^0-9])([0-9][ -]?[0-9]{10}))",
};
constexpr SV kHealthInsuranceKeywords[] = {
    "건강보험증", "건강보험증번호", "건강보험 증번호", "증번호", "보험증번호", "건강보험번호", "건보",
    "국민건강보험", "피보험자", "NHIS", "health insurance"};
constexpr RuleExample kHealthInsuranceExamples[] = {
    {"건강보험증번호 12345678901", C::kMedium, 1, "derived (NHIS-BLOG): shape only"},
    {"건강보험증번호 1-2345678901", C::kMedium, 1, "derived"},
    {"12345678901", std::nullopt, 0, "derived (ETT-REGEX): needs context"},
    {"건강보험증번호 01012345678", C::kMedium, 1, "derived: labelled, so not a phone"},
};

// ---------------------------------------------------------------------------------------------------
// 사업자등록번호 (BRN), DETECTION.md §3.9.
constexpr SV kBrnPatterns[] = {
    R"((?:^|[^0-9])([0-9]{3}(?: ?- ?| )?[0-9]{2}(?: ?- ?| )?[0-9]{5}))",
};
constexpr SV kBrnKeywords[] = {
    "사업자등록번호", "사업자번호", "사업자 등록번호", "사업자등록증", "사업자", "상호", "대표자",
    "개업연월일", "부가가치세", "등록번호", "BRN", "business registration", "tax registration"};
constexpr RuleExample kBrnExamples[] = {
    {"104-86-56659", C::kMedium, 1, "PRESIDIO-BRN-TEST"},
    {"1048656659", std::nullopt, 0, "PRESIDIO-BRN-TEST: bare 10 digits need context"},
    {"104-82-13138", C::kMedium, 1, "PRESIDIO-BRN-TEST"},
    {"My BRN is 1048656659", C::kMedium, 1, "PRESIDIO-BRN-TEST"},
    {"사업자등록번호: 104-86-56659", C::kHigh, 1, "derived"},
    {"104-86-56658", std::nullopt, 0, "PRESIDIO-BRN-TEST: checksum fails"},
    {"123-45-67890", std::nullopt, 0, "PRESIDIO-BRN-TEST: checksum fails"},
    {"사업자번호 110-81-4127", std::nullopt, 0, "PRESIDIO-BRN-TEST"},
    {"사업자번호 110-81-412722", std::nullopt, 0, "PRESIDIO-BRN-TEST"},
    {"사업자번호 110-81-4127A", std::nullopt, 0, "PRESIDIO-BRN-TEST"},
    {"116-82-00276", C::kMedium, 1, "STDNUM-BRN-TEST"},
    {"사업자번호 2098206382", C::kMedium, 1, "STDNUM-BRN-TEST"},
    {"211-86-08983", C::kMedium, 1, "STDNUM-BRN-TEST"},
    {"317 - 81 - 11175", C::kMedium, 1, "STDNUM-BRN-TEST"},
    {"220 88 69974", C::kMedium, 1, "STDNUM-BRN-TEST"},
    {"130-47-17700", C::kMedium, 1, "STDNUM-BRN-TEST"},
    {"100-86-08983", std::nullopt, 0, "STDNUM-BRN-TEST: office code below 101"},
    {"211-00-08983", std::nullopt, 0, "STDNUM-BRN-TEST: type code 00"},
    {"211-86-00003", std::nullopt, 0, "STDNUM-BRN-TEST: serial 0000"},
    {"124-81-00998", C::kMedium, 1, "BRN-PUBLIC"},
    {"120-81-47521", C::kMedium, 1, "BRN-PUBLIC"},
    {"220-81-62517", C::kMedium, 1, "BRN-PUBLIC"},
};

// ---------------------------------------------------------------------------------------------------
// 법인등록번호 (CRN), DETECTION.md §3.10.
constexpr SV kCrnPatterns[] = {
    R"((?:^|[^0-9])([0-9]{4}(?:1[1-5]|2[12]|3[0-9]|4[0-9]|5[0-3]|71|8[1-6]) ?-? ?[0-9]{7}))",
};
constexpr SV kCrnKeywords[] = {
    "법인등록번호", "법인번호", "법인 등록번호", "등기번호", "법인", "주식회사", "(주)", "㈜",
    "corporate registration", "CRN"};
constexpr RuleExample kCrnExamples[] = {
    {"130111-0006246", C::kMedium, 1, "BRN-PUBLIC"},
    {"법인등록번호 130111-0006246", C::kHigh, 1, "BRN-PUBLIC"},
    {"191211-0006639", C::kMedium, 1, "KOREAN-PII-CORP-D003"},
    {"1301110006246", C::kLow, 1, "derived"},
    {"130111-0006247", std::nullopt, 0, "derived: checksum fails"},
    {"960121-1021413", std::nullopt, 0, "PRESIDIO-RRN-TEST: an RRN"},
};

// ---------------------------------------------------------------------------------------------------
// 이메일, DETECTION.md §3.11.
constexpr SV kEmailPatterns[] = {
    R"((?:^|[^A-Za-z0-9._%+-])([A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[Xx][Nn]--[A-Za-z0-9-]{1,59}|[A-Za-z]{2,63})))",
};
constexpr SV kEmailKeywords[] = {"이메일", "메일", "전자우편", "e-mail", "email"};
constexpr RuleExample kEmailExamples[] = {
    {"info@presidio.site", C::kHigh, 1, "PRESIDIO-EMAIL-TEST"},
    {"user@xn--80ak6aa92e.com", C::kHigh, 1, "PRESIDIO-EMAIL-TEST"},
    {"a@xn--d1acufc.xn--p1ai", C::kHigh, 1, "PRESIDIO-EMAIL-TEST"},
    {"info@presidio.", std::nullopt, 0, "PRESIDIO-EMAIL-TEST"},
    {"hello-world", std::nullopt, 0, "PRESIDIO-EMAIL-TEST"},
    {"연락처: hong.gildong@naver.com입니다", C::kHigh, 1, "derived (§4.1.9)"},
    {"＠ 없이 hong＠naver．com", C::kHigh, 1, "derived (§2.1): full-width @ and ."},
    {"image@2x.png", std::nullopt, 0, "derived (§3.11): png is not a top-level domain"},
    {"pkg@1.2.3", std::nullopt, 0, "derived (§3.11)"},
};

// ---------------------------------------------------------------------------------------------------
// IPv4 / IPv6, DETECTION.md §3.12.
constexpr SV kIpv4Patterns[] = {
    R"((?:^|[^0-9.])((?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}))",
};
// Eight groups, or "::" somewhere (compressed), with an optional dotted IPv4 tail and zone; a loose
// superset of the valid forms (clock times and MAC addresses do not match), and inet_pton decides.
constexpr SV kIpv6Patterns[] = {
    R"((?:^|[^0-9A-Za-z:.])((?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){6}[0-9]{1,3}(?:\.[0-9]{1,3}){3}|(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?(?:\.[0-9]{1,3}){0,3})(?:%[0-9A-Za-z]{1,16})?))",
};
constexpr SV kIpKeywords[] = {
    "IP", "IP주소", "아이피", "접속IP", "접속 아이피", "접속지", "로그인 IP", "IPv4", "IPv6",
    "인터넷 주소", "ip address", "internet protocol"};
constexpr RuleExample kIpv4Examples[] = {
    {"IP: 192.168.0.1", C::kHigh, 1, "PRESIDIO-IP-TEST"},
    {"microsoft.com 192.168.0.1", std::nullopt, 0, "PRESIDIO-IP-TEST: IPv4 needs a keyword"},
    {"my ip: 192.168.0", std::nullopt, 0, "PRESIDIO-IP-TEST"},
    {"접속 아이피 10.0.19041.1", std::nullopt, 0, "derived (§3.12): version number"},
    {"IP 1.2.3.4.5", std::nullopt, 0, "derived (§3.12): five parts"},
    {"IP 256.1.1.1", std::nullopt, 0, "derived"},
};
constexpr RuleExample kIpv6Examples[] = {
    {"684D:1111:222:3333:4444:5555:6:77", C::kMedium, 1, "PRESIDIO-IP-TEST"},
    {"684D:1111:222:3333:4444:5555:77", std::nullopt, 0, "PRESIDIO-IP-TEST"},
    {"2345:0425:2CA1::0567:5673:23b5", C::kMedium, 1, "PRESIDIO-IP-TEST"},
    {"2400:c401::5054:ff:fe1b:b031", C::kMedium, 1, "PRESIDIO-IP-TEST"},
    {"fe80::1", C::kMedium, 1, "PRESIDIO-IP-TEST"},
    {"fe80::1%eth0", C::kMedium, 1, "PRESIDIO-IP-TEST"},
    {"2001:db8::1", C::kMedium, 1, "PRESIDIO-IP-TEST"},
    {"::ffff:192.0.2.1", C::kMedium, 1, "PRESIDIO-IP-TEST"},
    {"::ffff:256.0.0.1", std::nullopt, 0, "PRESIDIO-IP-TEST"},
    {"::ffff:192.168.1", std::nullopt, 0, "PRESIDIO-IP-TEST"},
    {"Use local ipv6 ::", C::kLow, 1, "PRESIDIO-IP-TEST: unspecified address"},
    {"IPv6 주소: 2001:db8::1", C::kHigh, 1, "derived"},
    {"10:30:00", std::nullopt, 0, "derived (§3.12): time"},
    {"00:1A:2B:3C:4D:5E", std::nullopt, 0, "derived (§3.12): MAC address"},
    {"std::vector, Foo::Bar, be::ef", std::nullopt, 0, "derived: C++ scope operators"},
};

// ---------------------------------------------------------------------------------------------------
// 비밀번호, DETECTION.md §3.13: label, ':' or '=', then a printable ASCII value.
constexpr SV kPasswordPatterns[] = {
    R"((?:^|[^A-Za-z])((?:비밀번호|패스워드|비번|암호|(?i:password|passwd|pwd|pw))[ \t]{0,4}[:=][ \t]{0,4}[\x21-\x7E]{4,128}))",
};
constexpr RuleExample kPasswordExamples[] = {
    {"password: hunter22", C::kHigh, 1, "derived"},
    {"비밀번호: abcd1234", C::kHigh, 1, "derived"},
    {"비밀번호 : 1234", C::kHigh, 1, "derived"},
    {"DB_PASSWORD=S3cr3t!x", C::kHigh, 1, "derived"},
    {"비밀번호: 관리자에게 문의", std::nullopt, 0, "FLUXGUARD-KO"},
    {"암호화: AES-256", std::nullopt, 0, "derived (§3.13)"},
    {"password: ********", std::nullopt, 0, "derived: masked"},
    {"password=${DB_PASS}", std::nullopt, 0, "derived: placeholder"},
    {"비밀번호 변경 안내", std::nullopt, 0, "derived"},
};

constexpr SV kNegativeKeywords[] = {
    "주문번호", "주문 번호", "송장번호", "운송장", "접수번호", "문서번호", "상품코드", "상품번호",
    "모델명", "모델번호", "품번", "부품번호", "제품번호", "시리얼", "S/N", "바코드", "ISBN",
    "우편번호", "일련번호", "승인번호", "거래번호", "전표", "관리번호", "계약번호", "사건번호",
    "증권번호", "order no", "order number", "invoice", "tracking", "serial", "barcode", "SKU",
    "model no"};

// Printed verbatim (Markdown) as the numbered list of docs/detection-rules.md "Whose label is it".
constexpr SV kAttributionRule[] = {
    "**Values and cells.** Candidates that overlap are one *value* (`053-9136-6805` is a phone "
    "number and, by its digits, an account number). A *cell* ends at a line break, a tab or the "
    "table's delimiter; a *row* at a line break. A keyword counts for the value it is attributed "
    "to, never for every value within ±100 characters.",
    "**A label labels what follows it.** A keyword labels the nearest value after it in its own "
    "cell that it fits (the value has a candidate of the keyword's rule), preferring a value that "
    "does not validate as a stricter type of another rule. It reaches no further than its sentence "
    "(`…확인하였습니다. `), and not past another label: a keyword of another kind that fits the "
    "value (`팩스 042-…`), or a label word in front of the value that no rule knows (`처리번호`, "
    "`로그 시각`, `회원ID`). Keywords in a row form one label (`환불계좌 신한은행 …`, `Health "
    "insurance card No.: …`).",
    "**Right after a value.** In brackets right after a value a keyword is that value's "
    "(`960121-1021413 (주민번호)`). After the last value of its cell it labels the nearest value "
    "before it that it fits, if that value has no label in front of it (`… 예금주 김철수` adds to "
    "an account; `요청번호 2022… 계좌 확인` does not make a record number an account).",
    "**A cell of its own.** A keyword alone in a cell of a row that holds values (a bank name "
    "column) labels the nearest value of that row that it fits well, passing over values whose "
    "column header names another kind.",
    "**Column headers.** A column's header labels the cells below it and no others: CSV, TSV and "
    "spreadsheet headers, and for rows of tab-separated cells without a known structure (HWP, "
    "DOCX and HWPX tables, one row a line) the cell of the block's first line in the same column. "
    "A table's header row is not context for the values near it.",
    "**Ambient context.** A keyword on a line without values (a heading, a label on the line above "
    "its value, the header cells of a table written one cell per line) counts for the "
    "values within ±100 characters that have no label of their own, known or not, and only for a "
    "rule that fits them well: a value that validates as one type (an RRN with a real birth date, "
    "a valid phone number, a card number, a 12- or 14-digit `YYYYMMDDhhmm[ss]` timestamp) is not "
    "made an account or health-insurance number by ambient context alone. A bank name alone on "
    "its line names one value: the nearest that fits it. Ambient negative labels count only right "
    "above a value.",
    "**Lists.** A value right after a labelled value with a candidate of the same rule, separated "
    "only by `, `, `/`, `;` or ` 및 `, shares its labels (`IP 10.0.0.1, 10.0.0.2`).",
    "**Own label first.** Where candidates of several rules read one value, the one whose rule's "
    "keyword is the value's own label (its column header, or in front of it in its cell or row) "
    "wins, even against a higher-confidence reading; then confidence and the rest of the order "
    "below.",
};

// ---------------------------------------------------------------------------------------------------
// Unstructured personal data (issue 18), ../shared/UNSTRUCTURED.md. These rules are found by the
// unstructured pass (detect/unstructured_pass.h), not by the numeric rules' candidate windows: their
// patterns are RE2 in UTF-8 mode, anchored where a label, a column or a building number points, and
// {SIDO}, {SGG}, {ADMGU} stand for the gazetteer's 시·도, 시·군·구 and 행정구 names (scanner/data/,
// longest first). Their keywords are their labels; they are not context for the numeric rules.

// 주소, UNSTRUCTURED.md §2. Variants: 0 도로명 address, 1 지번 address, 2 road and number alone
// (after an address label or in an address column), 3 the detail after the number.
constexpr SV kAddressPatterns[] = {
    R"((?:^|[^가-힣])((?:({SIDO})\s*)?({SGG})\s*(?:({ADMGU})\s*)?(?:([가-힣]{1,4}[읍면])\s+)?([가-힣](?:[가-힣0-9.·]{0,20}[\x{AC00}-\x{C73B}\x{C73D}-\x{D7A3}0-9])?(?:로|길)(?:\s?[0-9]{1,4}번?[가-힣]?길)?)\s*((?:지하\s?)?[1-9][0-9]{0,4}(?:-[1-9][0-9]{0,3})?)))",
    R"((?:^|[^가-힣])((?:({SIDO})\s*)?({SGG})\s*(?:({ADMGU})\s*)?(?:([가-힣]{1,4}[읍면])\s+)?([가-힣][가-힣0-9.·]{0,8}[동리가])\s*(산\s?)?([1-9][0-9]{0,4}(?:-[1-9][0-9]{0,3})?)(?:\s?번지)?))",
    R"(([가-힣](?:[가-힣0-9.·]{0,20}[\x{AC00}-\x{C73B}\x{C73D}-\x{D7A3}0-9])?(?:로|길)(?:\s?[0-9]{1,4}번?[가-힣]?길)?)\s*((?:지하\s?)?[1-9][0-9]{0,4}(?:-[1-9][0-9]{0,3})?))",
    R"(,?\s*(?:([0-9A-Za-z가-힣]{1,8}동)\s*)?(?:지하\s?)?(?:[0-9]{1,3}층\s*)?([0-9]{1,5}호)?(?:\s*\([가-힣0-9]{1,10}[동가리](?:,\s*[^)\n]{1,30})?\))?)",
};
constexpr SV kAddressKeywords[] = {
    "주소", "주소지", "거주지", "현주소", "자택 주소", "집 주소", "실거주지", "등록기준지", "본적",
    "배송지", "수령지", "도로명주소", "지번주소", "상세주소"};
constexpr RuleExample kAddressExamples[] = {
    {"서울특별시 종로구 세종대로 209", C::kMedium, 1, "UNSTRUCTURED §2.6"},
    {"서울 강남구 테헤란로7길 22, 3층 (역삼동)", C::kMedium, 1, "UNSTRUCTURED §2.6"},
    {"주소: 서울시 강남구 테헤란로 152", C::kHigh, 1, "UNSTRUCTURED §2.6"},
    {"경기도 수원시 영통구 광교중앙로 140", C::kMedium, 1, "UNSTRUCTURED §2.6: 행정구"},
    {"세종특별자치시 한누리대로 2130", C::kMedium, 1, "UNSTRUCTURED §2.6: no 시·군·구"},
    {"충남 당진시 무수동7길 124, 108동 206호(읍내동, 코오롱하늘채)", C::kHigh, 1,
     "UNSTRUCTURED §2.6: a 동·호 tail is a dwelling"},
    {"강원도 춘천시 퇴계로77번길 42", C::kMedium, 1, "UNSTRUCTURED §2.6: former 시·도 name"},
    {"서울특별시 종로구 새문안로5가길 28 지1층", C::kMedium, 1, "UNSTRUCTURED §2.6"},
    {"부산광역시 기장군 기장읍 기장해안로 268", C::kMedium, 1, "UNSTRUCTURED §2.6: 읍"},
    {"경북 구미시 봉곡로 24길 33-11(봉곡e편한세상)", C::kMedium, 1,
     "UNSTRUCTURED §2.6: a space inside the 길 name"},
    {"서울특별시 종로구 종로 1", C::kMedium, 1, "UNSTRUCTURED §2.6: one-syllable road stem"},
    {"(06236) 서울특별시 강남구 테헤란로 152, 1203호", C::kHigh, 1, "UNSTRUCTURED §2.6"},
    {"경기 화성시 동탄구 동탄기흥로257번가길 24-11 1층", C::kMedium, 1, "UNSTRUCTURED §2.6"},
    {"서울특별시 영등포구 여의대로 지하 40", C::kMedium, 1, "UNSTRUCTURED §2.6"},
    {"인천광역시 서해구 환경로 42", C::kMedium, 1, "UNSTRUCTURED §2.6: 2026 name"},
    {"중구 세종대로 110에 위치한", C::kLow, 1,
     "UNSTRUCTURED §2.6: a particle after the number; 중구 alone does not say which city"},
    {"서울특별시 강남구 삼성동 338-3", C::kMedium, 1, "UNSTRUCTURED §2.6: 지번"},
    {"경상남도 창원시 의창구 대산면 가술리 323-4", C::kMedium, 1, "UNSTRUCTURED §2.6: 지번"},
    {"세종특별자치시 조치원읍 신흥리 24-3", C::kMedium, 1, "UNSTRUCTURED §2.6: 지번"},
    {"서울 중구 을지로3가 12번지", C::kMedium, 1, "UNSTRUCTURED §2.6: 지번"},
    {"강원 평창군 대관령면 횡계리 산 12-3", C::kMedium, 1, "UNSTRUCTURED §2.6: 산 lot"},
    {"주소: 테헤란로 152", C::kMedium, 1, "UNSTRUCTURED §2.5: road and number after a label"},
    {"성명 김민수, 주소 서울특별시 종로구 세종대로 209", C::kHigh, 1,
     "UNSTRUCTURED §2.4: a name in the same record"},
    {"서울특별시 중구 세종대로 110 서울특별시청", std::nullopt, 0,
     "UNSTRUCTURED §2.6: the agency's own address"},
    {"우 04524 서울특별시 중구 세종대로 110 전화 02-120", std::nullopt, 0,
     "UNSTRUCTURED §2.4: a 공문 footer"},
    {"서울시 정책", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"강남역 3번 출구", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"제3조 제2항", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"123-45번 버스", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"서울시 강남구 중심으로 5개 지역을 선정", std::nullopt, 0, "UNSTRUCTURED §2.6: -으로"},
    {"강남구 기준으로 3개월간", std::nullopt, 0, "UNSTRUCTURED §2.6: -으로"},
    {"세종대로 3번 출구 앞", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"서울특별시 강남구청", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"경기도 광주시", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"올림픽대로 12km 구간", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"서울 종로구 일대에서 2024년", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"용산구 관내 학교로 3명 배정", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"경부고속도로 서울요금소", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"대구 중구 동성로 상권", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"서울 중구 을지로 3가", std::nullopt, 0, "UNSTRUCTURED §2.6: a counter after the number"},
    {"서울 강남구 테헤란로 2번 출구", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"강남구 테헤란로 일대 3곳", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"법 제2조 제1항 제3호로 정한다", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"강남구 삼성동 일대", std::nullopt, 0, "UNSTRUCTURED §2.6: 지번"},
    {"강남구 역삼동 5개 지점", std::nullopt, 0, "UNSTRUCTURED §2.6: 지번"},
    {"서울시 강남구 역삼동 2024년 개발", std::nullopt, 0, "UNSTRUCTURED §2.6: 지번"},
    {"우편번호: 06236", std::nullopt, 0, "UNSTRUCTURED §2.3: a postcode alone"},
    {"이메일 주소 입력란", std::nullopt, 0, "UNSTRUCTURED §2.6"},
    {"서울시 강남구 테헤란로 ***", std::nullopt, 0, "UNSTRUCTURED §7: masked"},
};

// 성명, UNSTRUCTURED.md §3. Variant 0: the value after a label (an optional title, then the
// syllables, on the label's line; where the name ends is decided in code: before a non-Hangul
// character, or before an honorific, a copula or a particle).
constexpr SV kNamePatterns[] = {
    R"((?:(?:주무관|사무관|서기관|과장|팀장|계장|주임|대리|부장|차장|실장|국장|원장|교수|선생님)[ \t]*)?([가-힣]{2,6}))",
};
constexpr SV kNameKeywords[] = {
    "성명", "이름", "성함", "대표자", "신청인", "신청자", "담당자", "예금주", "수취인", "수령인",
    "보호자", "피보험자", "계약자", "환자명", "환자 성명", "민원인", "청구인", "작성자", "보증인",
    "임대인", "임차인", "상속인", "대리인", "위임인", "수임인", "고객명", "회원명", "가입자", "세대주",
    "배우자"};
constexpr RuleExample kNameExamples[] = {
    {"성명: 김민수", C::kHigh, 1, "UNSTRUCTURED §3.6"},
    {"성 명 : 박서연", C::kHigh, 1, "UNSTRUCTURED §3.6"},
    {"예금주 이정훈", C::kMedium, 1, "UNSTRUCTURED §3.6"},
    {"대표자 성명: 최영호", C::kHigh, 1, "UNSTRUCTURED §3.6"},
    {"담당자 주무관 정하늘", C::kMedium, 1, "UNSTRUCTURED §3.6"},
    {"보호자 남궁민수", C::kMedium, 1, "UNSTRUCTURED §3.6: compound surname"},
    {"이름은 윤서진입니다", C::kMedium, 1, "UNSTRUCTURED §3.6"},
    {"신청인: 황보혜정 (인)", C::kHigh, 1, "UNSTRUCTURED §3.6"},
    {"성명: 김구", C::kHigh, 1, "UNSTRUCTURED §3.6: one-syllable given name"},
    {"성명\t김지은", C::kHigh, 1, "UNSTRUCTURED §3.6"},
    {"성명: 김민서", C::kHigh, 1, "UNSTRUCTURED §3.6: 서 is part of the name"},
    {"학생 이름: 선우진", C::kHigh, 1, "UNSTRUCTURED §3.6"},
    {"성   명: 이수빈", C::kHigh, 1, "UNSTRUCTURED §7: spaced label"},
    {"성명: 탁수진", C::kHigh, 1, "derived: a tier-B surname"},
    {"성명: 쿠엔티", C::kLow, 1, "UNSTRUCTURED §3.4: surname not in the list, colon label"},
    {"성명: 홍길동", std::nullopt, 0, "UNSTRUCTURED §3.6: placeholder"},
    {"성명: 김OO", std::nullopt, 0, "UNSTRUCTURED §3.6: masked"},
    {"파일이름: 최종본", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"이름표를 붙이세요", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"성명 및 연락처", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"담당자: 민원실", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"대표자: 미정", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"성명: 해당없음", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"작성자: 총무과", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"성명(한글)", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"보호자 동의서를 제출", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"보호자 동의서 제출", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"신청인 주소", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"담당자 지정", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"수취인 부담", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"예금주 확인", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"성명 기재", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"담당자: 과장", std::nullopt, 0, "UNSTRUCTURED §3.6"},
    {"공동 성명서를 발표했다", std::nullopt, 0, "UNSTRUCTURED §7: 성명서"},
    {"김민수 과장이 보고했다", std::nullopt, 0, "UNSTRUCTURED §3.5: unlabelled Hangul"},
};

// 생년월일, UNSTRUCTURED.md §4.1. The date after a label or in a birth-date column.
constexpr SV kBirthDatePatterns[] = {
    R"(((?:19|20)[0-9]{2}\s*[.\-/년]\s*[0-9]{1,2}\s*[.\-/월]\s*[0-9]{1,2}(?:\s*일)?|[0-9]{8}|[0-9]{6}|[0-9]{2}\.\s?[0-9]{1,2}\.\s?[0-9]{1,2}))",
};
constexpr SV kBirthDateKeywords[] = {"생년월일", "출생연월일", "출생년월일", "출생일", "생일", "DOB",
                                     "D.O.B", "date of birth", "birth date", "birthday"};
constexpr RuleExample kBirthDateExamples[] = {
    {"생년월일: 1985.03.12", C::kHigh, 1, "UNSTRUCTURED §4.1"},
    {"생년월일 850312", C::kHigh, 1, "UNSTRUCTURED §4.1"},
    {"생년월일: 1985년 3월 12일", C::kHigh, 1, "UNSTRUCTURED §4.1"},
    {"DOB 1990-01-02", C::kHigh, 1, "UNSTRUCTURED §4.1"},
    {"출생일 19900102", C::kHigh, 1, "UNSTRUCTURED §4.1"},
    {"생 년 월 일 : 79. 4. 5.", C::kHigh, 1, "UNSTRUCTURED §7: spaced label, short year"},
    {"Date of birth: 2001/11/30", C::kHigh, 1, "derived"},
    {"생년월일: 1985.13.12", std::nullopt, 0, "UNSTRUCTURED §4.1: no 13th month"},
    {"작성일: 2024.03.12", std::nullopt, 0, "UNSTRUCTURED §4.1: not a birth date"},
    {"생년월일 ________", std::nullopt, 0, "UNSTRUCTURED §4.1: a blank form"},
    {"생년월일: 2099.01.01", std::nullopt, 0, "derived: in the future"},
    {"생년월일 900101-1234568", std::nullopt, 0, "UNSTRUCTURED §4.1: the RRN's digits"},
    {"생일 축하합니다 12월 3일", std::nullopt, 0, "derived"},
};

// 건강·장애 정보, UNSTRUCTURED.md §4.3: a health or disability field with a value. Variants: 0 the
// value (to the end of its cell or line), 1 a KCD code under a code label.
constexpr SV kHealthPatterns[] = {
    R"(([^\t\n]{1,60}))",
    R"(([A-TV-Z][0-9]{2}(?:\.[0-9]{1,2})?)(?:$|[^A-Za-z0-9]))",
};
constexpr SV kHealthKeywords[] = {
    "병명", "질병명", "상병명", "진단명", "진단코드", "상병코드", "질병코드", "주상병", "부상병", "병력",
    "과거력", "기왕력", "가족력", "기저질환", "복용약", "투약", "처방", "처방약", "처방내역",
    "진료내역", "수술명", "수술이력", "장애등급", "장애정도", "장애유형", "장애인등록", "건강상태",
    "검진결과", "알레르기"};
constexpr RuleExample kHealthExamples[] = {
    {"성명: 김민수, 진단명: 주요우울장애", C::kHigh, 1,
     "UNSTRUCTURED §4.4: a field in a record with a name"},
    {"장애등급: 3급\t연락처: 010-2345-6789", C::kHigh, 1, "UNSTRUCTURED §4.4"},
    {"주민등록번호 900101-1234568 상병코드: F32.9", C::kHigh, 1, "UNSTRUCTURED §4.3"},
    {"진단명: 주요우울장애", C::kLow, 1, "UNSTRUCTURED §4.4: no identifier in the record"},
    {"상병코드 E11", C::kLow, 1, "UNSTRUCTURED §4.3"},
    {"건강보험 안내", std::nullopt, 0, "UNSTRUCTURED §4.3"},
    {"상병코드: UX12", std::nullopt, 0, "UNSTRUCTURED §4.3: not a KCD code"},
    {"성명: 김민수, 병력: 없음", std::nullopt, 0, "derived: an empty field"},
    {"장애인 복지 정책의 방향", std::nullopt, 0, "UNSTRUCTURED §4.3: a policy text"},
};

// 나이·성별, UNSTRUCTURED.md §4.2: quasi-identifiers, reported only in a record that holds a direct
// identifier. Variants: 0 an age, 1 a sex.
constexpr SV kAgeSexPatterns[] = {
    R"((?:만\s*)?([0-9]{1,3})\s*(?:세|살)?(?:$|[^0-9]))",
    R"((남성|여성|남자|여자|남|여|[Mm]ale|[Ff]emale|[MmFf])(?:$|[^가-힣A-Za-z]))",
};
constexpr SV kAgeSexKeywords[] = {"나이", "연령", "만나이", "성별"};
constexpr RuleExample kAgeSexExamples[] = {
    {"성명: 김민수 나이: 34세 성별: 여", C::kHigh, 2, "UNSTRUCTURED §4.2"},
    {"010-2345-6789 만 67세의 남성", C::kHigh, 1, "UNSTRUCTURED §4.2"},
    {"나이: 34세", std::nullopt, 0, "UNSTRUCTURED §4.2: never alone"},
    {"만 34세의 여성", std::nullopt, 0, "UNSTRUCTURED §4.2"},
    {"성별 구분 없이", std::nullopt, 0, "UNSTRUCTURED §4.2"},
    {"만원", std::nullopt, 0, "UNSTRUCTURED §4.2"},
};

constexpr SV kNone[] = {""};
constexpr std::span<const SV> kNoKeywords(kNone, 0);

// Conventions for the prose below: it is printed verbatim into docs/detection-rules.md.
constexpr std::array<RuleInfo, kRuleCount> kCatalog = {{
    {RuleId::kKrRrn, "Resident registration number", "주민등록번호",
     "고유식별정보; must be encrypted on PCs (개인정보 보호법 §24-2②, 고시 §7⑤)",
     "`YYMMDD-SBBBBNC`, 13 digits: birth date, sex/century digit S (1-4), then six digits; the last is "
     "a check digit for numbers issued before 2020-10-05.",
     kRrnPatterns,
     "Real calendar date with the century from S (1,2: 1900s; 3,4: 2000s), not in the future. "
     "Check digit `(11 - Σ dᵢwᵢ mod 11) mod 10`, weights 2-9,2-5. A failed check digit lowers "
     "confidence but never rejects: numbers issued from 2020-10-05 have random tails, so a birth "
     "date on or after that day counts as a pass. A number that fails the RRN check but passes the "
     "corporate-number check with a valid type code is a CRN (rule `kr_crn`), unless an RRN keyword "
     "is near. An unhyphenated 880/881… number that is a valid EAN-13 barcode drops one level.",
     "high: hyphenated with a passing check, or any form with a keyword or column header; medium: "
     "hyphenated with a failing check, or unhyphenated with a passing check; low: unhyphenated, "
     "failing check, no keyword. A negative label (주문번호, 접수번호, …) nearer than any keyword "
     "drops one level, to low at most when it labels the value directly.",
     kRrnKeywords, kNoKeywords, kRrnExamples,
     {.priority = 2, .numeric = true, .repair = RepairCheck::kCheckDigit}},
    {RuleId::kKrFrn, "Foreigner registration number", "외국인등록번호",
     "고유식별정보; must be encrypted on PCs (고시 §7⑤)",
     "As the RRN, with S = 5-8 (5,6: born 1900s; 7,8: 2000s).", kFrnPatterns,
     "Real calendar date, not in the future. Two check-digit formulas are in public use (the RRN "
     "formula and the eGovFrame \"+2\" variant `(13 - S mod 11) mod 10`); either counts as a pass.",
     "As the RRN: high with a hyphen and a passing check, or with a keyword; medium with a hyphen or "
     "a passing check; low otherwise.",
     kFrnKeywords, kNoKeywords, kFrnExamples,
     {.priority = 3, .numeric = true, .repair = RepairCheck::kCheckDigit}},
    {RuleId::kKrPassport, "Passport number", "여권번호", "고유식별정보; must be encrypted on PCs",
     "Type letter M, S, R, G, O or D, then either the 2021 form `123A4567` or the older eight digits.",
     kPassportPatterns,
     "Shape only: the printed number has no check digit. No letter or digit may follow.",
     "2021 form: high with a keyword, low without. Old form: high with a keyword, not reported "
     "without one (the shape is common in part and order codes). In OCR text, a number read from "
     "a passport's machine-readable zone whose ICAO check digit verifies: high.",
     kPassportKeywords, kNoKeywords, kPassportExamples,
     {.priority = 8,
      .numeric = true,
      .min_match_bytes = 9,
      .leading = {Boundary::kAlnum, Boundary::kAlnum},
      .trailing = Boundary::kAlnum,
      .repair = RepairCheck::kMrz}},
    {RuleId::kKrDriverLicense, "Driver's licence number", "운전면허번호",
     "고유식별정보; must be encrypted on PCs",
     "12 digits `AA-BB-CCCCCC-DD`: region code (11-26, 28), year, serial, check/reissue digits; "
     "before 2014 the region was printed as a name (`서울 91-123456-12`).",
     kDriverLicensePatterns,
     "Region code in the set; separators consistent (all '-', all ' ', or none). The check algorithm "
     "is not public.",
     "Region-name form: high. Numeric form: high when separated and a keyword is near, or when a "
     "keyword labels it (column header, or right before it); low when separated without keyword; "
     "bare 12 digits without such a label are not reported (12-digit timestamps).",
     kDriverLicenseKeywords, kNoKeywords, kDriverLicenseExamples,
     // The region-name form (pattern 1) starts with a Hangul name: nothing to guard.
     {.priority = 7, .numeric = true, .leading = {Boundary::kNumber, Boundary::kNone}}},
    {RuleId::kKrPhone, "Phone number", "전화번호", "개인정보; encrypt when it is 이용자 data",
     "Mobile `01X-XXXX-XXXX`; fixed line with area code (02, 031-064); 070 VoIP; 050X personal "
     "numbers; `+82` forms drop the leading 0.",
     kPhonePatterns,
     "Digit count per prefix (010: 11; 011/016-019: 10-11; 02: 9-10; other areas: 10-11; 070: 11; "
     "050X: 11-12); a mobile's middle block does not start with 0. Business numbers (15XX, 080, 060) "
     "are not matched.",
     "Mobile: medium, high with a keyword. Fixed line, 070, 050X: low, medium with a keyword. A "
     "fax/대표번호 label drops one level.",
     kPhoneKeywords, kPhoneNegativeKeywords, kPhoneExamples,
     {.priority = 9,
      .numeric = true,
      .min_match_bytes = 9,
      .leading = {Boundary::kNumberOrPlus, Boundary::kNumberOrPlus}}},
    {RuleId::kCardNumber, "Payment card number", "신용카드번호", "must be encrypted for 이용자 (고시 §7②)",
     "14-19 digits, usually 4-4-4-4; AmEx 4-6-5; Diners 4-6-4.", kCardPatterns,
     "Luhn; issuer range and length (Visa, Mastercard incl. 2221-2720, AmEx, Diners, JCB, Discover, "
     "UnionPay, Maestro, UATP, Korean domestic-only cards starting with 9); separators consistent; "
     "not all one digit.",
     "high with a keyword; medium when grouped with consistent separators; low when unformatted. A "
     "negative label (승인번호, 주문번호, …) drops one level.",
     kCardKeywords, kNoKeywords, kCardExamples,
     {.priority = 5, .numeric = true, .repair = RepairCheck::kLuhn}},
    {RuleId::kKrBankAccount, "Bank account number", "계좌번호",
     "must be encrypted for 이용자 (고시 §7②)",
     "10-14 digits in groups (per-bank layouts in the KFTC CMS table).", kBankAccountPatterns,
     "10-14 digits, one kind of separator. Check digits are not published.",
     "Never reported without account context. medium with an account keyword (계좌, 예금주, 은행, …) "
     "or a bank name; high when a bank is named and the number fits one of that bank's layouts "
     "(length and known prefix).",
     kBankAccountKeywords, kNoKeywords, kBankAccountExamples,
     {.priority = 11, .needs_context = true, .numeric = true, .min_match_bytes = 10}},
    {RuleId::kKrHealthInsurance, "Health insurance card number", "건강보험증번호",
     "개인정보; encrypt when it is 이용자 data",
     "11 digits, no public structure or check digit.", kHealthInsurancePatterns,
     "11 digits.", "medium with a keyword; never reported without one.",
     kHealthInsuranceKeywords, kNoKeywords, kHealthInsuranceExamples,
     {.priority = 10, .needs_context = true, .numeric = true, .min_match_bytes = 11}},
    {RuleId::kKrBrn, "Business registration number", "사업자등록번호",
     "personal only for 개인사업자; no encryption duty",
     "`XXX-XX-XXXXX`, 10 digits: office, type code, serial, check digit.", kBrnPatterns,
     "Check digit (weights 1,3,7,1,3,7,1,3,5 plus ⌊d₉·5/10⌋); office code ≥ 101, type code ≠ 00, "
     "serial ≠ 0000.",
     "high: formatted with a keyword; medium: formatted, or bare 10 digits with a keyword (DETECTION.md "
     "suggests low for the latter; a labelled number is plainly a BRN); bare without keyword: not "
     "reported.",
     kBrnKeywords, kNoKeywords, kBrnExamples,
     {.priority = 6, .numeric = true, .min_match_bytes = 10, .repair = RepairCheck::kValidated}},
    {RuleId::kKrCrn, "Corporate registration number", "법인등록번호",
     "not personal; reported so that it is not mistaken for an RRN",
     "`AAAABB-CCCCCCD`, 13 digits: registry office, corporate type code, serial, check digit.",
     kCrnPatterns,
     "Check digit with weights 1,2,1,2,… (plain products, no digit sums); type code 11-15, 21-22, "
     "31-53, 71, 81-86. A number that passes the RRN check with a real birth date is left to the RRN "
     "rule unless a corporate keyword is near.",
     "high with a keyword; medium when hyphenated; low when bare.", kCrnKeywords, kNoKeywords,
     kCrnExamples,
     {.priority = 4, .numeric = true, .repair = RepairCheck::kValidated}},
    {RuleId::kEmail, "E-mail address", "이메일", "개인정보; encrypt when it is 이용자 data",
     "local@domain with an ASCII domain; stops at Hangul particles (`hong@naver.com입니다`).",
     kEmailPatterns,
     "The top-level domain is a real one (IANA list via the Public Suffix List, or an `xn--` IDN).",
     "high whenever it validates.", kEmailKeywords, kNoKeywords, kEmailExamples,
     {.priority = 1,
      .min_match_bytes = 6,
      .leading = {Boundary::kEmail, Boundary::kEmail},
      .trailing = Boundary::kEmail,
      .repair = RepairCheck::kValidated}},
    {RuleId::kIpv4, "IPv4 address", "IPv4 주소", "개인정보 when linkable to a person",
     "Four dotted decimal octets.", kIpv4Patterns,
     "Octets 0-255 without leading zeros; not followed by a digit or by '.' and a digit (version "
     "numbers).",
     "high with a keyword (IP, 아이피, 접속지, …); not reported without one.", kIpKeywords, kNoKeywords,
     kIpv4Examples,
     {.priority = 12,
      .needs_context = true,
      .min_match_bytes = 7,
      .leading = {Boundary::kIpv4, Boundary::kIpv4},
      .trailing = Boundary::kIpv4}},
    {RuleId::kIpv6, "IPv6 address", "IPv6 주소", "개인정보 when linkable to a person",
     "Eight hex groups, or `::` compression, with an optional dotted IPv4 tail and zone.",
     kIpv6Patterns,
     "inet_pton accepts it; at least one decimal digit or four non-empty groups (so `be::ef` in "
     "source code is not an address).",
     "high with a keyword; medium otherwise; the unspecified and loopback addresses are low.",
     kIpKeywords, kNoKeywords, kIpv6Examples,
     {.priority = 13,
      .min_match_bytes = 2,
      .leading = {Boundary::kIpv6, Boundary::kIpv6},
      .trailing = Boundary::kIpv6}},
    {RuleId::kPassword, "Password", "비밀번호", "인증정보; must be stored one-way (고시 §7①)",
     "A label (비밀번호, 패스워드, 비번, 암호, password, passwd, pwd, pw), ':' or '=', then a printable "
     "ASCII value of 4-128 characters.",
     kPasswordPatterns,
     "The value is not a mask (`********`) or a template placeholder (`${…}`, `<…>`, `%…%`).",
     "high whenever it validates.", kNoKeywords, kNoKeywords, kPasswordExamples,
     {.priority = 0,
      .min_match_bytes = 7,
      .leading = {Boundary::kLetter, Boundary::kLetter},
      .trailing = Boundary::kNone,
      .label_in_pattern = true}},
    {RuleId::kKrAddress, "Postal address", "주소",
     "개인정보 (개인정보 보호법 §2); a person's address identifies with a name or record",
     "도로명주소 (도로명주소법 시행령 §6): 시·도, 시·군·구, 행정구, 읍·면, 도로명 (…대로, …로, …길, "
     "…로N번길), 건물번호 (`지하` allowed, `-` 가지번호), then 상세주소 after a comma; or 지번주소: 동·리·가 "
     "and a lot number (`산`, `번지`). Old and new names of every 시·도 and 시·군·구 (2023-2026 "
     "renamings, 행정구) are matched.",
     kAddressPatterns,
     "The building or lot number is followed by the end, punctuation, space or a particle (에, 의, "
     "로, 으로 …), never a counter (개, 명, 곳, 번, 년 …); the road word does not end in the particle "
     "-으로 and is no common noun (도로, 교차로, 산책로, 출근길 …). A generic place without a number "
     "(`테헤란로 일대`) and a postcode alone are not addresses. An agency's address is not a person's: "
     "one followed by an office name (…청, …센터, 우체국, 학교 …) or on a line with 전화/TEL/팩스/FAX/"
     "홈페이지 or a 공문 footer's `우 NNNNN` is not reported. Placeholder rows (홍길동) are sample data.",
     "high with a person signal: an address label (주소:, 거주지:, …) or column, a 동·호 tail (a "
     "dwelling), or a name, resident number, phone number or e-mail in the same record; medium with "
     "the 시·도, or with a 시·군·구 name that is unique; low with a 시·군·구 name used in several "
     "cities (중구, 동구, 서구, 남구, 북구, 강서구, 고성군, 군위군) and no signal. A road and number "
     "without a 시·군·구: medium after an address label or in an address column, else nothing.",
     kAddressKeywords, kNoKeywords, kAddressExamples,
     {.priority = 20, .min_match_bytes = 8, .unstructured = true}},
    {RuleId::kPersonName, "Person name", "성명",
     "개인정보 (개인정보 보호법 §2); identifies with any other item of a record",
     "2-4 Hangul syllables (5 with a compound surname) after a name label (성명, 이름, 성함, 예금주, "
     "신청인, 보호자, 담당자 …), in a column headed by one (also 직원명, 참석자, 대상자, 수급자, 환자, "
     "name …), with an optional title between label and name (담당자 주무관 정하늘).",
     kNamePatterns,
     "Surname gate: the first syllable is one of the surnames of scanner/data/kr-surnames.tsv (the "
     "153 surnames with ≥1,000 bearers cover 99.8% of people), or the first two a compound surname "
     "(남궁, 황보 …). Not a name: a placeholder (홍길동, 김철수, 이영희, 아무개, 성춘향; the record it is "
     "in is sample data), a masked name (김OO, 홍*동), form vocabulary (미정, 해당없음, 동의서, 주소, "
     "확인 …), a title alone, a department (…과, …팀, …실, …센터), a word ending in a particle "
     "(동의서를), a label with a word glued before it (파일이름, 사용자이름). Unlabelled Hangul is "
     "never a name.",
     "high after a label and a colon or tab, or in a name column; medium after a label and a space "
     "in prose; low when only the surname gate fails after a colon label (rare and naturalised "
     "surnames).",
     kNameKeywords, kNoKeywords, kNameExamples,
     {.priority = 21, .min_match_bytes = 6, .unstructured = true}},
    {RuleId::kBirthDate, "Date of birth", "생년월일", "개인정보; with a name it identifies a person",
     "A date after a birth-date label (생년월일, 출생일, 생일, DOB, date of birth …) or in a column "
     "headed by one: 1985.03.12, 1985-3-12, 1985년 3월 12일, 19850312, 850312, 85.03.12.",
     kBirthDatePatterns,
     "A real calendar date, not in the future, at most 120 years ago (two-digit years take the "
     "century that gives the smaller age). Six digits followed by `-` and more digits are a "
     "resident number's (rule kr_rrn). Unlabelled dates are never birth dates.",
     "high whenever it validates.", kBirthDateKeywords, kNoKeywords, kBirthDateExamples,
     {.priority = 22, .min_match_bytes = 6, .unstructured = true}},
    {RuleId::kSensitiveHealth, "Health or disability field", "건강·장애 정보",
     "민감정보 (개인정보 보호법 §23); processing needs separate consent or a legal basis",
     "The value of a health or disability field: after its label and a colon or tab (진단명, 병명, "
     "상병코드, 병력, 복용약, 장애등급, 장애유형, 검진결과, 알레르기 …), or in a column headed by one. "
     "Code labels take a KCD code (`F32.9`, `E11`), with or without a colon.",
     kHealthPatterns,
     "The value is not empty or a blank (없음, 해당없음, 무, -); a code label's value has the KCD "
     "shape (a letter other than U, two digits, an optional decimal part). Words in prose "
     "(건강보험 안내, 장애인 복지 정책) are not fields.",
     "high when the same record (table row, or block of lines) holds a direct identifier: a name, "
     "a resident, foreigner, passport, licence or health-insurance number, a phone number, an "
     "e-mail or an address; low otherwise.",
     kHealthKeywords, kNoKeywords, kHealthExamples,
     {.priority = 23, .min_match_bytes = 1, .unstructured = true}},
    {RuleId::kAgeSex, "Age or sex", "나이·성별",
     "개인정보 when the record identifies a person (quasi-identifiers)",
     "An age after 나이/연령 or `만 N세`, or a sex after 성별 (남, 여, 남성, 여성, M, F …), or in a "
     "column headed by one.",
     kAgeSexPatterns,
     "An age of 0-120.",
     "high when the same record holds a direct identifier (as for health fields); never reported "
     "alone.",
     kAgeSexKeywords, kNoKeywords, kAgeSexExamples,
     {.priority = 24, .min_match_bytes = 1, .unstructured = true}},
}};

// Account layouts per bank from the KFTC CMS table as transcribed in [KOREAN-ACCOUNT-BANKS]
// (DETECTION.md §3.7); 우체국, 새마을금고 and 신협 from their published account formats.
constexpr SV kAny[] = {""};
constexpr std::span<const SV> kAnyPrefix(kAny, 0);
constexpr SV kKdb14[] = {"013", "020", "019", "011", "022"};
constexpr SV kKb11[] = {"0", "9"};
constexpr SV kHana12[] = {"611", "620", "600", "601", "630", "621", "631", "610"};
constexpr SV kNh13[] = {"301", "302", "312", "306", "305", "317"};
constexpr SV kShinhan12[] = {"100", "101", "102", "103", "104", "105", "106", "107", "108", "109",
                             "110", "111", "112", "113", "114", "115", "116", "117", "118", "119",
                             "120", "121", "122", "123", "124", "125", "126", "127", "128", "129",
                             "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
                             "140", "141", "142", "143", "144", "145", "146", "147", "148", "149",
                             "150", "151", "152", "153", "154", "155", "156", "157", "158", "159",
                             "160", "161", "268", "269", "298"};
constexpr SV kKakao13[] = {"3333"};
constexpr SV kToss12[] = {"100", "150"};

constexpr AccountLayout kKdbLayouts[] = {{11, kAnyPrefix}, {14, kKdb14}};
constexpr AccountLayout kIbkLayouts[] = {{10, kAnyPrefix}, {11, kAnyPrefix}, {12, kAnyPrefix},
                                         {14, kAnyPrefix}};
constexpr AccountLayout kKbLayouts[] = {{10, kAnyPrefix}, {11, kKb11}, {12, kAnyPrefix},
                                        {14, kAnyPrefix}};
constexpr AccountLayout kHanaLayouts[] = {{11, kAnyPrefix}, {12, kHana12}, {14, kAnyPrefix}};
constexpr AccountLayout kSuhyupLayouts[] = {{11, kAnyPrefix}, {12, kAnyPrefix}, {14, kAnyPrefix}};
constexpr AccountLayout kNhLayouts[] = {{11, kAnyPrefix}, {12, kAnyPrefix}, {13, kNh13},
                                        {14, kAnyPrefix}};
constexpr AccountLayout kWooriLayouts[] = {{11, kAnyPrefix}, {12, kAnyPrefix}, {13, kAnyPrefix},
                                           {14, kAnyPrefix}};
constexpr AccountLayout kScLayouts[] = {{10, kAnyPrefix}, {14, kAnyPrefix}};
constexpr AccountLayout kCitiLayouts[] = {{10, kAnyPrefix}, {11, kAnyPrefix}, {12, kAnyPrefix},
                                          {13, kAnyPrefix}};
constexpr AccountLayout kImLayouts[] = {{12, kAnyPrefix}, {13, kAnyPrefix}, {14, kAnyPrefix}};
constexpr AccountLayout k12Or13Layouts[] = {{12, kAnyPrefix}, {13, kAnyPrefix}};
constexpr AccountLayout kJejuLayouts[] = {{10, kAnyPrefix}, {12, kAnyPrefix}};
constexpr AccountLayout k11Or13Layouts[] = {{11, kAnyPrefix}, {13, kAnyPrefix}};
constexpr AccountLayout kShinhanLayouts[] = {{11, kAnyPrefix}, {12, kShinhan12}, {13, kAnyPrefix},
                                             {14, kAnyPrefix}};
constexpr AccountLayout kKbankLayouts[] = {{10, kAnyPrefix}, {13, kAnyPrefix}, {14, kAnyPrefix}};
constexpr AccountLayout kKakaoLayouts[] = {{13, kKakao13}};
constexpr AccountLayout kTossLayouts[] = {{12, kToss12}};
constexpr AccountLayout kPostLayouts[] = {{14, kAnyPrefix}};
constexpr AccountLayout kMgLayouts[] = {{13, kAnyPrefix}};

constexpr SV kKdbNames[] = {"산업은행", "KDB"};
constexpr SV kIbkNames[] = {"기업은행", "IBK"};
constexpr SV kKbNames[] = {"국민은행", "KB국민", "KB"};
constexpr SV kHanaNames[] = {"하나은행", "외환은행"};
constexpr SV kSuhyupNames[] = {"수협"};
constexpr SV kNhNames[] = {"농협", "NH농협", "NH"};
constexpr SV kWooriNames[] = {"우리은행"};
constexpr SV kScNames[] = {"SC제일", "제일은행"};
constexpr SV kCitiNames[] = {"씨티은행", "한국씨티"};
constexpr SV kImNames[] = {"iM뱅크", "대구은행"};
constexpr SV kBusanNames[] = {"부산은행"};
constexpr SV kGwangjuNames[] = {"광주은행"};
constexpr SV kJejuNames[] = {"제주은행"};
constexpr SV kJeonbukNames[] = {"전북은행"};
constexpr SV kGyeongnamNames[] = {"경남은행"};
constexpr SV kShinhanNames[] = {"신한은행", "신한"};
constexpr SV kKbankNames[] = {"케이뱅크", "K뱅크"};
constexpr SV kKakaoNames[] = {"카카오뱅크"};
constexpr SV kTossNames[] = {"토스뱅크"};
constexpr SV kPostNames[] = {"우체국"};
constexpr SV kMgNames[] = {"새마을금고"};
constexpr SV kCuNames[] = {"신협"};

constexpr BankInfo kBanks[] = {
    {"KDB산업은행", kKdbNames, kKdbLayouts},   {"IBK기업은행", kIbkNames, kIbkLayouts},
    {"KB국민은행", kKbNames, kKbLayouts},      {"하나은행", kHanaNames, kHanaLayouts},
    {"수협은행", kSuhyupNames, kSuhyupLayouts}, {"NH농협은행", kNhNames, kNhLayouts},
    {"우리은행", kWooriNames, kWooriLayouts},  {"SC제일은행", kScNames, kScLayouts},
    {"한국씨티은행", kCitiNames, kCitiLayouts}, {"iM뱅크", kImNames, kImLayouts},
    {"부산은행", kBusanNames, k12Or13Layouts}, {"광주은행", kGwangjuNames, k12Or13Layouts},
    {"제주은행", kJejuNames, kJejuLayouts},    {"전북은행", kJeonbukNames, k11Or13Layouts},
    {"경남은행", kGyeongnamNames, k11Or13Layouts}, {"신한은행", kShinhanNames, kShinhanLayouts},
    {"케이뱅크", kKbankNames, kKbankLayouts},  {"카카오뱅크", kKakaoNames, kKakaoLayouts},
    {"토스뱅크", kTossNames, kTossLayouts},    {"우체국", kPostNames, kPostLayouts},
    {"새마을금고", kMgNames, kMgLayouts},      {"신협", kCuNames, k12Or13Layouts},
};

}  // namespace

std::span<const RuleInfo> ruleCatalog() { return kCatalog; }

const RuleInfo& ruleInfo(RuleId rule) {
  const RuleInfo& info = kCatalog[ruleIndex(rule)];
  JAMUL_CHECK(info.id == rule);
  return info;
}

std::span<const std::string_view> negativeKeywords() { return kNegativeKeywords; }

std::span<const std::string_view> attributionRule() { return kAttributionRule; }

std::span<const BankInfo> bankCatalog() { return kBanks; }

}  // namespace jamul::scanner
