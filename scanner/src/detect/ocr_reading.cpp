// SPDX-License-Identifier: Apache-2.0
#include "detect/ocr_reading.h"

#include <algorithm>
#include <optional>

namespace jamul::scanner::detect {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
// Characters of a digit run as OCR writes it: digits, letters, and the symbols it reads digits as.
bool isRunChar(char c) { return isDigit(c) || isAsciiAlpha(c) || c == '$' || c == '|' || c == '!'; }

// The digit OCR took this character for, or 0. Tesseract's usual confusions in printed digits.
char digitFor(char c) {
  switch (c) {
    case 'O': case 'o': case 'D': case 'Q': return '0';
    case 'I': case 'l': case '|': case '!': return '1';
    case 'Z': case 'z': return '2';
    case 'S': case 's': case '$': return '5';
    case 'G': return '6';
    case 'B': return '8';
    case 'g': case 'q': return '9';
    default: return isDigit(c) ? c : 0;
  }
}

// The passport type letter (DETECTION.md §3.3: M S R G O D) OCR wrote as `c`, or 0.
char typeLetterFor(char c) {
  switch (c) {
    case '$': case '5': case 's': case 'S': return 'S';
    case 'm': case 'M': return 'M';
    case 'r': case 'R': return 'R';
    case 'g': case 'G': return 'G';
    case 'o': case 'O': return 'O';
    case 'd': case 'D': return 'D';
    default: return 0;
  }
}

// A passport number as OCR may write it ("$821H5375", "S$52359116", "m4812l3268"), repaired; with
// `type` forced to a given letter (the MRZ tries the letters a '0' may be). nullopt when it is
// no passport shape, or needs no repair.
std::optional<std::string> repairPassport(std::string_view g, char type = 0) {
  std::string p(g);
  if (p.size() == 10 && (p[0] == 'S' || p[0] == '$' || p[0] == '5') && (p[1] == 'S' || p[1] == '$'))
    p.erase(0, 1);  // one type letter read twice: "S$626P9975"
  if (p.size() != 9) return std::nullopt;
  const char letter = type != 0 ? type : typeLetterFor(p[0]);
  if (letter == 0) return std::nullopt;
  p[0] = letter;
  for (std::size_t i = 1; i < 9; ++i) {
    if (i == 4) {
      if (!isDigit(p[i]) && !isAsciiAlpha(p[i])) return std::nullopt;
      continue;
    }
    const char d = digitFor(p[i]);
    if (d == 0) return std::nullopt;
    p[i] = d;
  }
  // The 2021 form has a letter in place 4; the old form a digit there.
  if (p == g) return std::nullopt;
  return p;
}

// A run of digit groups joined by '-' or '.', with OCR's letters taken as digits; nullopt when the
// run is not mostly digits or holds a letter that is no digit look-alike.
std::optional<std::string> repairDigits(std::string_view run) {
  std::string out(run);
  int digits = 0, alnum = 0, changed = 0;
  for (char& c : out) {
    if (c == '-' || c == '.') continue;
    ++alnum;
    if (isDigit(c)) {
      ++digits;
      continue;
    }
    const char d = digitFor(c);
    if (d == 0) return std::nullopt;
    c = d;
    ++changed;
  }
  if (changed == 0 || digits < 5 || digits * 10 < alnum * 7) return std::nullopt;
  return out;
}

// Digit groups of a run ("010-47" -> {3, 2}); empty if a group holds anything but digits.
std::vector<std::size_t> groups(std::string_view run) {
  std::vector<std::size_t> out;
  std::size_t n = 0;
  for (char c : run) {
    if (c == '-' || c == '.') {
      out.push_back(n);
      n = 0;
    } else if (isDigit(c)) {
      ++n;
    } else {
      return {};
    }
  }
  out.push_back(n);
  return out;
}

bool isTopLevelDomainWord(std::string_view w) {
  static constexpr std::string_view kWords[] = {"com", "net", "org", "kr", "co", "go", "ac",
                                                "or",  "re",  "ne",  "pe", "edu", "gov", "jp"};
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Domain labels of the addresses Korean documents hold (public bodies, schools, the large mail
// services): in an address's domain OCR writes "g0" for "go" and "g9" for "gg", and a label that
// becomes one of these once its digits are read as letters is taken to be it.
constexpr std::string_view kDomainLabels[] = {
    "go", "ac", "or", "co", "ne", "re", "kr", "gg", "seoul", "busan", "daegu", "incheon", "gwangju",
    "daejeon", "ulsan", "sejong", "korea", "mois", "sen", "naver", "daum", "hanmail", "kakao",
    "nate", "gmail", "outlook", "hotmail", "icloud", "yahoo", "com", "net", "org"};

// The letter OCR wrote as this digit inside a word, or 0.
char letterFor(char c) {
  switch (c) {
    case '0': return 'o';
    case '1': return 'l';
    case '5': return 's';
    case '6': return 'b';
    case '9': return 'g';
    default: return 0;
  }
}

// `label` with its digits read as letters, when that makes a known domain label.
std::optional<std::string> repairDomainLabel(std::string_view label) {
  if (label.find_first_of("0123456789") == std::string_view::npos) return std::nullopt;
  std::string out(label);
  for (char& c : out) {
    if (!isDigit(c)) continue;
    c = letterFor(c);
    if (c == 0) return std::nullopt;
  }
  if (std::find(std::begin(kDomainLabels), std::end(kDomainLabels), out) == std::end(kDomainLabels))
    return std::nullopt;
  return out;
}

// True if `word` holds '@' or what OCR reads it as: '©', '®', "(a)", "(at)".
bool hasAt(std::string_view word) {
  return word.find('@') != std::string_view::npos || word.find("\xC2\xA9") != std::string_view::npos ||
         word.find("\xC2\xAE") != std::string_view::npos ||
         word.find("(a)") != std::string_view::npos || word.find("(at)") != std::string_view::npos;
}

struct Edit {
  std::size_t at = 0, length = 0;  // input bytes replaced
  std::string with;
};

}  // namespace

char mrzCheckDigit(std::string_view field) {
  static constexpr int kWeights[] = {7, 3, 1};
  int sum = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    const int v = isDigit(c) ? c - '0' : (c >= 'A' && c <= 'Z') ? c - 'A' + 10 : 0;
    sum += v * kWeights[i % 3];
  }
  return static_cast<char>('0' + sum % 10);
}

std::string_view OcrReading::read(std::string_view text) {
  shifts_.clear();
  repaired_.clear();
  rejoined_.clear();
  mrz_.clear();
  std::vector<Edit> edits;

  // Words: runs of non-space characters.
  struct Word {
    std::size_t begin, end;
  };
  std::vector<Word> words;
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && isSpace(text[i])) ++i;
    const std::size_t b = i;
    while (i < text.size() && !isSpace(text[i])) ++i;
    if (i > b) words.push_back({b, i});
  }

  // What each word's digit runs became, for the space rule below: (begin, end, repaired text).
  struct Run {
    std::size_t begin, end;
    std::string text;
  };
  std::vector<Run> runs;
  for (const Word& w : words) {
    const std::string_view word = text.substr(w.begin, w.end - w.begin);
    // E-mail addresses: '@' look-alikes, and ',' for '.' in the domain.
    if (hasAt(word)) {
      std::string fixed;
      bool after_at = false;
      // Rules and dashes between columns come out glued to the address: "—kojj85@kakao.com".
      std::size_t start = 0;
      while (start < word.size() && std::string_view("-~_.|'\"`").find(word[start]) !=
                                        std::string_view::npos)
        ++start;
      if (start > 0 && start < word.size() && isRunChar(word[start])) {
        edits.push_back({w.begin, start, ""});
      } else {
        start = 0;
      }
      for (std::size_t i = start; i < word.size();) {
        const std::string_view rest = word.substr(i);
        const bool inside = i > 0 && !fixed.empty();
        if (!after_at && inside && (rest.starts_with("\xC2\xA9") || rest.starts_with("\xC2\xAE"))) {
          fixed += '@';
          after_at = true;
          i += 2;
        } else if (!after_at && inside && rest.starts_with("(at)")) {
          fixed += '@';
          after_at = true;
          i += 4;
        } else if (!after_at && inside && rest.starts_with("(a)")) {
          fixed += '@';
          after_at = true;
          i += 3;
        } else {
          char c = word[i++];
          if (c == '@') after_at = true;
          if (after_at && c == ',') c = '.';
          fixed += c;
        }
      }
      // The domain's labels, with digits OCR took for letters.
      if (const std::size_t at_sign = fixed.find('@'); at_sign != std::string::npos) {
        std::string domain;
        std::size_t label_start = at_sign + 1;
        for (std::size_t k = at_sign + 1; k <= fixed.size(); ++k) {
          if (k < fixed.size() && fixed[k] != '.') continue;
          const std::string label = fixed.substr(label_start, k - label_start);
          const auto repaired = repairDomainLabel(label);
          domain += repaired ? *repaired : label;
          if (k < fixed.size()) domain += '.';
          label_start = k + 1;
        }
        fixed = fixed.substr(0, at_sign + 1) + domain;
      }
      if (fixed != word.substr(start)) edits.push_back({w.begin + start, word.size() - start, fixed});
      continue;
    }
    // Digit runs: groups of run characters joined by single '-' or '.'.
    for (std::size_t i = 0; i < word.size();) {
      if (!isRunChar(word[i])) {
        ++i;
        continue;
      }
      std::size_t e = i;
      while (e < word.size()) {
        if (isRunChar(word[e])) {
          ++e;
        } else if ((word[e] == '-' || word[e] == '.') && e + 1 < word.size() &&
                   isRunChar(word[e + 1])) {
          ++e;
        } else {
          break;
        }
      }
      const std::string_view run = word.substr(i, e - i);
      std::optional<std::string> fixed;
      if (run.find_first_of("-.") == std::string_view::npos) fixed = repairPassport(run);
      if (!fixed) fixed = repairDigits(run);
      if (fixed) edits.push_back({w.begin + i, run.size(), *fixed});
      runs.push_back({w.begin + i, w.begin + e, fixed ? *fixed : std::string(run)});
      i = e;
    }
  }

  // Stray spaces: a single space between two digit runs, next to a group of one or two digits
  // that a hyphen joins to the rest ("01 0-6983-3282", "010-47 57-9890"), or next to the hyphen
  // itself ("010-4121 -6820").
  for (std::size_t r = 0; r + 1 < runs.size(); ++r) {
    const Run& a = runs[r];
    const Run& b = runs[r + 1];
    const std::string_view between = text.substr(a.end, b.begin - a.end);
    if ((between == " -" || between == "- ") && !groups(a.text).empty() && !groups(b.text).empty()) {
      edits.push_back({between == " -" ? a.end : a.end + 1, 1, ""});
      continue;
    }
    if (b.begin != a.end + 1 || text[a.end] != ' ') continue;
    const std::vector<std::size_t> ga = groups(a.text), gb = groups(b.text);
    if (ga.empty() || gb.empty()) continue;
    const bool short_first_of_b = gb.size() >= 2 && gb.front() <= 2 && b.text.find('-') != std::string::npos;
    const bool short_last_of_a = ga.size() >= 2 && ga.back() <= 2 && a.text.find('-') != std::string::npos;
    if (short_first_of_b || short_last_of_a) edits.push_back({a.end, 1, ""});
  }
  // A space in an e-mail address: "naver com", "seoul.go. kr", "yuhee. hwang@snu.ac.kr",
  // "jshong591 7@gg.go.kr" (a local part of three characters or less after a word of three or
  // more that can be one).
  for (std::size_t k = 0; k + 1 < words.size(); ++k) {
    const Word& w = words[k];
    const Word& next = words[k + 1];
    if (next.begin != w.end + 1 || text[w.end] != ' ') continue;
    const std::string_view word = text.substr(w.begin, w.end - w.begin);
    const std::string_view next_word = text.substr(next.begin, next.end - next.begin);
    const auto local_char = [](char c) { return isDigit(c) || isAsciiAlpha(c) || c == '.' || c == '_'; };
    const std::size_t next_at = next_word.find('@');
    if (word.size() >= 3 && !hasAt(word) && std::all_of(word.begin(), word.end(), local_char) &&
        next_at != std::string_view::npos && next_at > 0 && next_at <= 3 &&
        std::all_of(next_word.begin(), next_word.begin() + static_cast<std::ptrdiff_t>(next_at),
                    local_char)) {
      edits.push_back({w.end, 1, ""});
      continue;
    }
    if (word.size() >= 2 && word.back() == '.' && isAsciiAlpha(word.front()) &&
        hasAt(next_word) && isAsciiAlpha(next_word.front()) &&
        std::all_of(word.begin(), word.end(),
                    [](char c) { return isDigit(c) || isAsciiAlpha(c) || c == '.' || c == '_'; })) {
      edits.push_back({w.end, 1, ""});
      continue;
    }
    if (!hasAt(word) || word.find_last_of("@)\xA9\xAE") + 1 >= word.size()) continue;
    std::string_view tld = text.substr(next.begin, next.end - next.begin);
    if (tld.size() >= 3 && tld[0] == '.' && isAsciiAlpha(tld[1]) && isAsciiAlpha(word.back())) {
      edits.push_back({w.end, 1, ""});  // "hdhong4949@daegu .go.kr"
      continue;
    }
    std::size_t letters = 0;
    while (letters < tld.size() && tld[letters] >= 'a' && tld[letters] <= 'z') ++letters;
    if (!isTopLevelDomainWord(tld.substr(0, letters))) continue;
    if (word.back() == '.') {
      edits.push_back({w.end, 1, ""});
    } else if (isAsciiAlpha(word.back())) {
      edits.push_back({w.end, 1, "."});
    }
  }

  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.at < b.at; });
  if (edits.empty()) {
    identity_ = true;
    out_.assign(text);
    findMrz();
    if (mrz_.empty()) return text;
    identity_ = false;  // the MRZ offsets refer to out_, which equals the input
    return out_;
  }
  identity_ = false;
  out_.clear();
  out_.reserve(text.size());
  copied_ = 0;
  for (const Edit& e : edits) {
    if (e.at < copied_) continue;  // overlapping edits: the first wins
    replace(text, e.at, e.at + e.length, e.with);
  }
  copyUpTo(text, text.size());
  findMrz();
  return out_;
}

void OcrReading::copyUpTo(std::string_view text, std::size_t to) {
  out_.append(text.substr(copied_, to - copied_));
  copied_ = to;
}

void OcrReading::replace(std::string_view text, std::size_t from, std::size_t to,
                         std::string_view with) {
  copyUpTo(text, from);
  const std::size_t start = out_.size();
  out_.append(with);
  for (std::size_t i = 0; i < with.size(); ++i)
    if (i >= to - from || with[i] != text[from + i]) repaired_.push_back(start + i);
  if (with.empty()) {
    // A deletion: the characters on both sides now touch. Taking out spaces only rejoins what OCR
    // split: no character changed, so the value needs no more confirmation than unsplit.
    const bool spaces = text.substr(from, to - from).find_first_not_of(' ') == std::string_view::npos;
    std::vector<std::size_t>& marks = spaces ? rejoined_ : repaired_;
    if (start > 0) marks.push_back(start - 1);
    marks.push_back(start);
  }
  copied_ = to;
  if (with.size() != to - from) shifts_.push_back({out_.size(), copied_});
}

std::size_t OcrReading::toInput(std::size_t offset) const {
  if (shifts_.empty()) return offset;
  auto it = std::upper_bound(shifts_.begin(), shifts_.end(), offset,
                             [](std::size_t o, const Shift& s) { return o < s.out; });
  if (it == shifts_.begin()) return offset;
  --it;
  return it->in + (offset - it->out);
}

bool OcrReading::repairedWithin(std::size_t begin, std::size_t end) const {
  auto it = std::lower_bound(repaired_.begin(), repaired_.end(), begin);
  return it != repaired_.end() && *it < end;
}

bool OcrReading::rejoinedWithin(std::size_t begin, std::size_t end) const {
  auto it = std::lower_bound(rejoined_.begin(), rejoined_.end(), begin);
  return it != rejoined_.end() && *it < end;
}

void OcrReading::findMrz() {
  // ICAO 9303 TD3 line 2: document number (9), check digit, nationality "KOR", birth date ...
  // Spaces OCR put inside the line are skipped; the nationality anchors the line.
  for (std::size_t line = 0; line < out_.size();) {
    std::size_t end = out_.find('\n', line);
    if (end == std::string::npos) end = out_.size();
    std::string stripped;
    std::vector<std::size_t> at;  // out_ offset of each stripped character
    for (std::size_t i = line; i < end; ++i) {
      if (out_[i] == ' ') continue;
      stripped.push_back(out_[i]);
      at.push_back(i);
    }
    line = end + 1;
    if (stripped.size() < 30) continue;
    const std::string nationality = stripped.substr(10, 3);
    if (nationality != "KOR" && nationality != "K0R" && nationality != "KDR" && nationality != "KQR")
      continue;
    const char check = digitFor(stripped[9]);
    if (check == 0) continue;
    // The type letter may have come out as a digit ('0' for O or D): try the letters it may be and
    // keep the one the check digit confirms.
    const std::string_view raw = std::string_view(stripped).substr(0, 9);
    std::vector<char> types;
    if (raw[0] == '0' || raw[0] == 'Q') types = {'O', 'D'};
    else types = {0};
    for (char type : types) {
      std::string number(raw);
      if (auto fixed = repairPassport(raw, type)) number = *fixed;
      if (number.size() != 9 || typeLetterFor(number[0]) == 0 || number[0] != typeLetterFor(number[0]))
        continue;
      if (mrzCheckDigit(number) != check) continue;
      // The number as it reads, in place (same length): the finding's masked form shows it.
      for (std::size_t k = 0; k < 9; ++k) {
        if (out_[at[k]] == number[k]) continue;
        out_[at[k]] = number[k];
        repaired_.insert(std::lower_bound(repaired_.begin(), repaired_.end(), at[k]), at[k]);
      }
      mrz_.push_back({at[0], at[8] + 1, number});
      break;
    }
  }
}

}  // namespace jamul::scanner::detect
