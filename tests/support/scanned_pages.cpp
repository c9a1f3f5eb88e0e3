// SPDX-License-Identifier: Apache-2.0
// Page layouts written for these tests; every name and number on them is random (synth).
#include "support/scanned_pages.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "support/process.h"
#include "support/synthetic_values.h"
#include "jamul/scanner/rule_catalog.h"

namespace jamul::test {
namespace {

using scanner::RuleId;
using synth::Item;
using synth::Rng;
using SV = std::string_view;

constexpr int kLineStep = 110;  // 11 pt text at 300 dpi with leading

bool exists(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0;
}

std::string hyphenated(const std::string& digits13) {
  return digits13.substr(0, 6) + "-" + digits13.substr(6);
}

// ICAO Doc 9303 Part 3 §4.9: weights 7, 3, 1 repeating; digits count as themselves, A-Z as 10-35,
// the filler '<' as 0.
char mrzCheck(std::string_view field) {
  static constexpr int kWeights[] = {7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 0;
    sum += v * kWeights[i % 3];
  }
  return static_cast<char>('0' + sum % 10);
}

class PageBuilder {
 public:
  PageBuilder(std::uint64_t seed, std::uint64_t index) : rng_(synth::mixSeed(seed ^ 0x0C5ull, index)) {
    static constexpr PageLayout kCycle[] = {PageLayout::kForm,     PageLayout::kIdCard,
                                            PageLayout::kPassport, PageLayout::kStatement,
                                            PageLayout::kLicence,  PageLayout::kContacts};
    page_.layout = kCycle[index % std::size(kCycle)];
    page_.name = "scan_" + std::to_string(index) + "_" + std::string(pageLayoutName(page_.layout));
    name_ = synth::koreanName(rng_);
  }

  ScannedPage build() {
    switch (page_.layout) {
      case PageLayout::kForm: form(); break;
      case PageLayout::kIdCard: idCard(); break;
      case PageLayout::kLicence: licence(); break;
      case PageLayout::kPassport: passport(); break;
      case PageLayout::kStatement: statement(); break;
      case PageLayout::kContacts: contacts(); break;
    }
    // The page ends below its content: a scanner's crop of the sheet, and a quarter of the pixels
    // of a whole A4 page to draw and read.
    int bottom = 0;
    for (const TextLine& l : page_.lines) bottom = std::max(bottom, l.y);
    for (const auto& b : page_.boxes) bottom = std::max(bottom, b[1] + b[3]);
    page_.height = std::min(page_.height, bottom + 300);
    ScanParameters& s = page_.scan;
    static constexpr int kDpi[] = {100, 120, 150, 200, 300};
    s.dpi = kDpi[rng_.below(std::size(kDpi))];
    s.rotate = (static_cast<double>(rng_.below(61)) - 30.0) / 10.0;  // -3.0 .. 3.0 degrees
    s.blur = static_cast<double>(rng_.below(13)) / 10.0;            // 0 .. 1.2
    s.noise = rng_.chance(0.6) ? static_cast<double>(rng_.range(2, 6)) / 10.0 : 0.0;
    s.jpeg_quality = rng_.chance(0.8) ? rng_.range(35, 90) : 0;
    page_.name += s.jpeg_quality > 0 ? ".jpg" : ".png";
    return std::move(page_);
  }

 private:
  void line(std::string text, int x, int y, int points = 11, bool bold = false) {
    page_.lines.push_back({std::move(text), x, y, points, false, bold});
  }
  void expect(RuleId rule, const std::string& text) { page_.expected.push_back({rule, text, {}}); }

  std::string rrn() {
    const Item item = synth::makeRrn(rng_);
    return hyphenated(synth::digitsOf(item.text));
  }
  std::string mobile() {
    for (;;) {
      const Item item = synth::makeMobile(rng_);
      if (item.text.starts_with("010-")) return item.text;
    }
  }
  std::string card() {
    const Item item = synth::makeCard(rng_);
    const std::string d = synth::digitsOf(item.text);
    if (d.size() != 16) return card();
    const char sep = rng_.chance(0.5) ? ' ' : '-';
    return d.substr(0, 4) + sep + d.substr(4, 4) + sep + d.substr(8, 4) + sep + d.substr(12);
  }
  std::pair<std::string, std::string> account() {
    std::size_t bank = 0;
    for (;;) {
      const Item item = synth::makeAccount(rng_, bank);
      if (item.text.find('-') == std::string::npos) continue;  // printed with hyphens
      return {std::string(scanner::bankCatalog()[bank].names[0]), item.text};
    }
  }
  std::string address() {
    static constexpr SV kCities[] = {"서울특별시 종로구", "부산광역시 해운대구", "대구광역시 수성구",
                                     "경기도 수원시 팔달구", "광주광역시 북구"};
    static constexpr SV kRoads[] = {"세종대로", "중앙로", "번영로", "새마을로", "시청로"};
    return std::string(rng_.pick(kCities)) + " " + std::string(rng_.pick(kRoads)) + " " +
           std::to_string(rng_.range(1, 300)) + ", " + std::to_string(rng_.range(101, 1504)) + "호";
  }
  std::string issueDate() {
    return std::to_string(rng_.range(2015, 2024)) + ". " + std::to_string(rng_.range(1, 12)) +
           ". " + std::to_string(rng_.range(1, 28)) + ".";
  }

  // An application form: labelled fields, the labels Korean forms use.
  void form() {
    static constexpr SV kTitles[] = {"환불 신청서", "개인정보 수집 이용 동의서", "회원 가입 신청서",
                                     "민원 신청서"};
    int y = 320;
    line(std::string(rng_.pick(kTitles)), 820, y, 20, true);
    y += 220;
    line("성명: " + name_, 250, y);
    y += kLineStep;
    static constexpr RuleId kRules[] = {RuleId::kKrRrn,    RuleId::kKrPhone,   RuleId::kEmail,
                                        RuleId::kKrBankAccount, RuleId::kCardNumber,
                                        RuleId::kKrPassport, RuleId::kKrPhone, RuleId::kKrPassport};
    std::vector<RuleId> rules(std::begin(kRules), std::end(kRules));
    for (std::size_t i = rules.size(); i > 1; --i) std::swap(rules[i - 1], rules[rng_.below(i)]);
    for (RuleId rule : rules) {
      std::string label, value;
      switch (rule) {
        case RuleId::kKrRrn: label = "주민등록번호"; value = rrn(); break;
        case RuleId::kKrPhone: label = "휴대전화"; value = mobile(); break;
        case RuleId::kEmail:
          label = "이메일";
          value = synth::makeEmail(rng_).text;
          break;
        case RuleId::kKrBankAccount: {
          auto [bank, number] = account();
          label = "환불계좌 " + bank;
          value = number;
          break;
        }
        case RuleId::kCardNumber: label = "카드번호"; value = card(); break;
        case RuleId::kKrPassport:
          label = "여권번호";
          value = synth::makePassport(rng_).text;
          if (rng_.chance(0.4)) value[0] = 'S';
          break;
        default: break;
      }
      if (std::any_of(page_.expected.begin(), page_.expected.end(),
                      [&](const ExpectedValue& e) { return e.rule == rule && e.text == value; }))
        continue;
      line(label + (rng_.chance(0.5) ? ": " : "  ") + value, 250, y);
      expect(rule, value);
      y += kLineStep;
      if (rng_.chance(0.25)) {
        line("위 내용은 사실과 다름이 없음을 확인합니다.", 250, y);
        y += kLineStep;
      }
    }
    y += kLineStep;
    line("주소: " + address(), 250, y);
    y += kLineStep * 2;
    line(issueDate(), 1000, y);
    line("신청인 " + name_ + " (서명)", 1500, y + kLineStep);
  }

  // A copy of an ID card, 1:1 on A4, front only, with the usual caption.
  void idCard() {
    const int x = 250 + static_cast<int>(rng_.below(200)), y = 400 + static_cast<int>(rng_.below(400));
    line("신분증 사본", 250, 250, 14, true);
    page_.boxes.push_back({x, y, 1011, 638});
    page_.boxes.push_back({x + 700, y + 150, 250, 320});  // the photo
    line("주민등록증", x + 320, y + 110, 14, true);
    line(name_, x + 70, y + 230, 12);
    const std::string number = rrn();
    line(number, x + 70, y + 320, 12);
    expect(RuleId::kKrRrn, number);
    line(address(), x + 70, y + 420, 7);
    line(issueDate(), x + 300, y + 530, 7);
    line("서울특별시 종로구청장", x + 280, y + 600, 8);
    line("위 사본은 본인 확인 용도로만 사용합니다.", 250, y + 800, 10);
  }

  // A driver's licence copy: the number in its numeric form, the holder's RRN, the title that names
  // the document.
  void licence() {
    const int x = 250 + static_cast<int>(rng_.below(200)), y = 400 + static_cast<int>(rng_.below(400));
    line("신분증 사본 (운전면허증)", 250, 250, 14, true);
    page_.boxes.push_back({x, y, 1011, 638});
    page_.boxes.push_back({x + 30, y + 170, 250, 320});
    line("자동차운전면허증", x + 300, y + 100, 13, true);
    line("1종 보통", x + 320, y + 170, 8);
    static constexpr int kCodes[] = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28};
    auto two = [&](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
    const std::string number = std::to_string(rng_.pick(kCodes)) + "-" + two(rng_.range(0, 24)) + "-" +
                               std::to_string(rng_.range(100000, 999999)) + "-" +
                               two(rng_.range(10, 99));
    line(number, x + 320, y + 240, 11);
    expect(RuleId::kKrDriverLicense, number);
    line(name_, x + 320, y + 320, 10);
    const std::string holder = rrn();
    line(holder, x + 320, y + 400, 10);
    expect(RuleId::kKrRrn, holder);
    line(address(), x + 320, y + 470, 7);
    line("서울특별시경찰청장", x + 560, y + 600, 8);
  }

  // The data page of a passport: labelled fields, then the machine-readable zone (ICAO 9303 TD3).
  void passport() {
    const int x = 250, y = 500;
    page_.boxes.push_back({x, y, 1476, 1039});
    page_.boxes.push_back({x + 60, y + 260, 330, 420});
    line("대한민국 REPUBLIC OF KOREA", x + 450, y + 90, 11, true);
    line("여권 PASSPORT", x + 450, y + 170, 11);
    const Item item = synth::makePassport(rng_);
    std::string number = item.text;
    if (rng_.chance(0.4)) number[0] = 'S';
    line("종류/Type   발행국/Country   여권번호/Passport No.", x + 450, y + 260, 8);
    line(std::string("P") + (number[0] == 'S' ? "S" : "M") + "    KOR    " + number, x + 450, y + 320, 11);
    expect(RuleId::kKrPassport, number);
    static constexpr SV kSurnames[] = {"HONG", "KIM", "LEE", "PARK", "CHOI", "JUNG"};
    static constexpr SV kGiven[] = {"GILDONG", "MINJUN", "SEOYEON", "JIHO", "HAYOON", "DOYUN"};
    const std::string surname(rng_.pick(kSurnames)), given(rng_.pick(kGiven));
    line("성/Surname", x + 450, y + 400, 8);
    line(surname, x + 450, y + 450, 10);
    line("이름/Given names", x + 450, y + 510, 8);
    line(given, x + 450, y + 560, 10);
    const int yy = rng_.range(60, 99), mm = rng_.range(1, 12), dd = rng_.range(1, 28);
    static constexpr SV kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                     "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    line("생년월일/Date of birth   " + std::to_string(dd) + " " +
             std::string(kMonths[static_cast<std::size_t>(mm - 1)]) + " 19" + std::to_string(yy),
         x + 450, y + 640, 9);
    // MRZ (TD3): two lines of 44 characters.
    std::string l1 = std::string("P") + (number[0] == 'S' ? "S" : "M") + "KOR" + surname + "<<" + given;
    l1.resize(44, '<');
    auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
    const std::string birth = two(yy) + two(mm) + two(dd);
    const std::string expiry = two(rng_.range(26, 35)) + two(mm) + two(dd);
    std::string l2 = number + mrzCheck(number) + "KOR" + birth + mrzCheck(birth) + "M" + expiry +
                     mrzCheck(expiry);
    std::string optional(14, '<');
    l2 += optional + '0';
    l2 += mrzCheck(l2.substr(0, 10) + l2.substr(13, 7) + l2.substr(21, 22));
    page_.lines.push_back({l1, x + 40, y + 900, 11, true, false});
    page_.lines.push_back({l2, x + 40, y + 990, 11, true, false});
  }

  // A card statement: card number, settlement account, e-mail.
  void statement() {
    int y = 320;
    line("카드 이용대금 명세서", 800, y, 18, true);
    y += 220;
    line("회원명 " + name_ + " 님", 250, y);
    y += kLineStep;
    const std::string c = card();
    line("카드번호 " + c, 250, y);
    expect(RuleId::kCardNumber, c);
    y += kLineStep;
    line("결제일 매월 " + std::to_string(rng_.range(1, 27)) + "일", 250, y);
    y += kLineStep;
    auto [bank, number] = account();
    line("결제계좌 " + bank + " " + number, 250, y);
    expect(RuleId::kKrBankAccount, number);
    y += kLineStep;
    line("청구금액 " + std::to_string(rng_.range(10, 999)) + "," + std::to_string(rng_.range(100, 999)) + "원",
         250, y);
    y += kLineStep;
    const std::string mail = synth::makeEmail(rng_).text;
    line("이메일 " + mail, 250, y);
    expect(RuleId::kEmail, mail);
    y += kLineStep * 2;
    line("문의 고객센터 1588-" + std::to_string(rng_.range(1000, 9999)), 250, y);
  }

  // An emergency contact list: a header row, then names, mobiles and e-mail addresses.
  void contacts() {
    int y = 320;
    line("비상 연락망", 1000, y, 18, true);
    y += 220;
    line("성명            연락처               이메일", 250, y, 11, true);
    y += kLineStep;
    const int rows = rng_.range(4, 7);
    for (int r = 0; r < rows; ++r) {
      const std::string phone = mobile();
      const std::string mail = synth::makeEmail(rng_).text;
      line(synth::koreanName(rng_) + "      " + phone + "      " + mail, 250, y);
      expect(RuleId::kKrPhone, phone);
      expect(RuleId::kEmail, mail);
      y += kLineStep;
    }
  }

  Rng rng_;
  ScannedPage page_;
  std::string name_;
};

// ImageMagick interprets '%' escapes in -annotate text; our text has none, but a stray one must not
// turn into a property.
std::string annotateText(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%%";
    else out.push_back(c);
  }
  return out;
}

void formatNumber(char* buf, std::size_t n, double v) { std::snprintf(buf, n, "%.2f", v); }

}  // namespace

std::string_view pageLayoutName(PageLayout layout) {
  switch (layout) {
    case PageLayout::kForm: return "form";
    case PageLayout::kIdCard: return "id-card";
    case PageLayout::kLicence: return "licence";
    case PageLayout::kPassport: return "passport";
    case PageLayout::kStatement: return "statement";
    case PageLayout::kContacts: return "contacts";
  }
  return "form";
}

ScannedPage scannedPage(std::uint64_t seed, std::uint64_t index) {
  return PageBuilder(seed, index).build();
}

Status renderPage(const ScannedPage& page, const std::string& path, const std::string& convert,
                  const std::string& font_dir) {
  if (convert.empty() || font_dir.empty())
    return Error(ErrorCode::kUnavailable, "ImageMagick or fonts-nanum missing");
  const std::string regular = font_dir + "/NanumGothic.ttf";
  const std::string bold = font_dir + "/NanumGothicBold.ttf";
  const std::string mono = font_dir + "/NanumGothicCoding.ttf";
  char num[64];
  std::vector<std::string> argv = {convert, "-size",
                                   std::to_string(page.width) + "x" + std::to_string(page.height),
                                   "xc:white"};
  for (const auto& b : page.boxes) {
    argv.insert(argv.end(), {"-fill", "#F2F2F2", "-stroke", "#555555", "-strokewidth", "3", "-draw",
                             "roundrectangle " + std::to_string(b[0]) + "," + std::to_string(b[1]) +
                                 " " + std::to_string(b[0] + b[2]) + "," +
                                 std::to_string(b[1] + b[3]) + " 20,20"});
  }
  argv.insert(argv.end(), {"-stroke", "none", "-fill", "black"});
  for (const TextLine& l : page.lines) {
    // 1 pt = 300/72 px at 300 dpi; ImageMagick's -pointsize is at 72 dpi unless -density is set.
    argv.insert(argv.end(), {"-font", l.monospace ? mono : l.bold ? bold : regular, "-pointsize",
                             std::to_string(l.points * 300 / 72), "-annotate",
                             "+" + std::to_string(l.x) + "+" + std::to_string(l.y),
                             annotateText(l.text)});
  }
  const ScanParameters& s = page.scan;
  argv.insert(argv.end(), {"-seed", std::to_string(std::hash<std::string>{}(page.name) % 100000),
                           "-background", "white"});
  formatNumber(num, sizeof num, s.rotate);
  argv.insert(argv.end(), {"-rotate", num});
  if (s.blur > 0) {
    formatNumber(num, sizeof num, s.blur);
    argv.insert(argv.end(), {"-blur", std::string("0x") + num});
  }
  // Grey before the scanner's resolution, then its sensor noise at that resolution (and a third of
  // the work: ImageMagick's noise costs per channel and pixel).
  // "-set density" (not "-density", a write setting that would label the result 300 dpi): the
  // file then says the resolution it was scanned at, as a scanner's does.
  argv.insert(argv.end(), {"-colorspace", "Gray", "-units", "PixelsPerInch", "-set", "density",
                           "300", "-resample", std::to_string(s.dpi)});
  if (s.noise > 0) {
    formatNumber(num, sizeof num, s.noise);
    argv.insert(argv.end(), {"-attenuate", num, "+noise", "Gaussian"});
  }
  if (s.jpeg_quality > 0) argv.insert(argv.end(), {"-quality", std::to_string(s.jpeg_quality)});
  argv.push_back(path);
  const ProcessResult r = runProcess(argv);
  if (r.exit_code != 0 || !exists(path))
    return Error(ErrorCode::kInternal, "convert failed: " + r.err.substr(0, 300));
  return okStatus();
}

std::string findImageMagick() {
  const auto is_imagemagick = [](const std::string& program) {
    const ProcessResult r = runProcess({program, "-version"});
    return r.exit_code == 0 && r.out.find("ImageMagick") != std::string::npos;
  };
  if (const char* env = std::getenv("JAMUL_CONVERT"); env != nullptr && is_imagemagick(env))
    return env;
  if (exists("/usr/bin/convert") && is_imagemagick("/usr/bin/convert")) return "/usr/bin/convert";
  return {};
}

std::string findNanumFonts() {
  const std::string dir = "/usr/share/fonts/truetype/nanum";
  return exists(dir + "/NanumGothic.ttf") ? dir : std::string();
}

}  // namespace jamul::test
