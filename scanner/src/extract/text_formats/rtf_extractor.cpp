// SPDX-License-Identifier: Apache-2.0
// RTF extractor (extractors.h), written from the RTF 1.9.1 specification: a tokenizer of groups,
// control words (\word[-]N + optional space), control symbols (\'hh, \*, \~, \\) and text, with
// a bounded stack of group states (Unicode skip count, font code page, "skip this destination").
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/extractors.h"
#include "extract/text_formats/charset.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::extract {
namespace {

using text_formats::Charset;

constexpr std::size_t kMaxDepth = 512;        // Word nests ~20 deep; fuzzers nest millions
constexpr std::size_t kMaxFonts = 4096;       // font table entries remembered
constexpr std::size_t kCheckEvery = 1 << 20;  // bytes between time-budget checks

struct GroupState {
  int uc = 1;                        // \ucN: bytes that follow \uN as its non-Unicode fallback
  Charset font = Charset::kUnknown;  // \fN's \fcharset; kUnknown = document code page
  bool skip = false;                 // inside a destination whose text is not document text
  bool font_table = false;           // inside {\fonttbl ...}
};

// Destinations whose content is not body text (RTF 1.9.1 "Destinations"; \* marks the rest).
// Header/footer, footnote and field results (\fldrslt) are text and stay.
bool isSkippedDestination(std::string_view word) {
  static constexpr std::string_view kSkipped[] = {"fonttbl",
                                                  "colortbl",
                                                  "stylesheet",
                                                  "info",
                                                  "pict",
                                                  "objdata",
                                                  "objclass",
                                                  "themedata",
                                                  "datastore",
                                                  "colorschememapping",
                                                  "latentstyles",
                                                  "listtable",
                                                  "listoverridetable",
                                                  "rsidtbl",
                                                  "generator",
                                                  "xmlnstbl",
                                                  "mmathPr",
                                                  "fldinst",
                                                  "filetbl",
                                                  "revtbl",
                                                  "pgdsctbl",
                                                  "private",
                                                  "wgrffmtfilter",
                                                  "nonshppict",
                                                  "blipuid",
                                                  "bkmkstart",
                                                  "bkmkend",
                                                  "pntext",
                                                  "pntxta",
                                                  "pntxtb",
                                                  "xe",
                                                  "tc",
                                                  "userprops",
                                                  "docvar",
                                                  "passwordhash",
                                                  "listpicture",
                                                  "fchars",
                                                  "lchars",
                                                  "falt",
                                                  "panose",
                                                  "objalias",
                                                  "objsect",
                                                  "template",
                                                  "operator",
                                                  "author",
                                                  "title",
                                                  "subject",
                                                  "keywords",
                                                  "comment",
                                                  "company",
                                                  "category",
                                                  "doccomm",
                                                  "hlinkbase",
                                                  "bookmark",
                                                  "shpinst",
                                                  "sp",
                                                  "sn",
                                                  "sv"};
  for (std::string_view s : kSkipped)
    if (word == s) return true;
  return false;
}

class RtfReader {
 public:
  RtfReader(std::string_view bytes, ExtractContext& ctx) : s_(bytes), ctx_(ctx) {}

  ExtractStatus read() {
    stack_.push_back(GroupState{});
    std::size_t next_check = kCheckEvery;
    while (i_ < s_.size()) {
      if (s_[i_] != '{' && s_[i_] != '\\' && s_[i_] != '\r' && s_[i_] != '\n') after_brace_ = false;
      if (i_ >= next_check) {
        if (ctx_.expired()) {
          flush();
          return ExtractStatus::tooLarge("time budget spent in RTF");
        }
        next_check = i_ + kCheckEvery;
      }
      const char c = s_[i_];
      if (c == '{') {
        ++i_;
        unicode_skip_ = 0;
        if (stack_.size() >= kMaxDepth) {
          flush();
          return ExtractStatus::corrupt("RTF groups nested deeper than 512");
        }
        stack_.push_back(stack_.back());
        after_brace_ = true;
        continue;
      } else if (c == '}') {
        ++i_;
        unicode_skip_ = 0;
        flush();
        // stack_[0] is the state outside the document group; when that group closes, trailing
        // bytes are not RTF.
        if (stack_.size() > 1) stack_.pop_back();
        if (stack_.size() == 1) break;
      } else if (c == '\\') {
        controlToken();
      } else if (c == '\r' || c == '\n') {
        ++i_;  // line breaks in the file carry no meaning (RTF 1.9.1 "Conventions")
      } else {
        ++i_;
        textByte(static_cast<unsigned char>(c));
      }
    }
    flush();
    // Missing closing braces lose no text (Word opens such files); data cut short does.
    if (truncated_) return ExtractStatus::corrupt("truncated RTF: \\bin data past the end");
    return ExtractStatus::ok();
  }

  std::string& text() { return out_; }

 private:
  GroupState& state() { return stack_.back(); }

  // Bytes owed to the last \uN are its ANSI fallback: drop them instead of printing twice.
  bool consumeSkip() {
    if (unicode_skip_ == 0) return false;
    --unicode_skip_;
    return true;
  }

  void textByte(unsigned char b) {
    if (consumeSkip() || state().skip) return;
    const Charset charset = state().font != Charset::kUnknown ? state().font : document_;
    if (charset != pending_charset_) flush();
    pending_charset_ = charset;
    pending_ += static_cast<char>(b);
  }

  void flush() {
    flushSurrogate();
    if (pending_.empty()) return;
    out_ += text_formats::decodeToUtf8(pending_, pending_charset_);
    pending_.clear();
  }

  void flushSurrogate() {
    if (high_surrogate_ != 0) {
      high_surrogate_ = 0;
      utf8::append(out_, 0xFFFD);
    }
  }

  void emit(std::string_view utf8_text) {
    if (state().skip) return;
    flush();
    out_ += utf8_text;
  }

  void newline() {
    if (state().skip) return;
    flush();
    // Trailing blanks and empty paragraphs carry nothing; paragraph numbers count text lines.
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\t')) out_.pop_back();
    if (!out_.empty() && out_.back() != '\n') out_ += '\n';
  }

  void unicode(int value) {
    unicode_skip_ = state().uc;
    if (state().skip) return;
    flush_pending_bytes_only();
    // \uN is a signed 16-bit value; supplementary characters come as two surrogates.
    std::uint32_t u = static_cast<std::uint32_t>(value < 0 ? value + 65536 : value) & 0xFFFF;
    if (u >= 0xD800 && u <= 0xDBFF) {
      flushSurrogate();
      high_surrogate_ = u;
      return;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) {
      if (high_surrogate_ == 0) {
        utf8::append(out_, 0xFFFD);
        return;
      }
      const char32_t cp = 0x10000 + ((high_surrogate_ - 0xD800) << 10) + (u - 0xDC00);
      high_surrogate_ = 0;
      utf8::append(out_, cp);
      return;
    }
    flushSurrogate();
    utf8::append(out_, u == 0 ? char32_t{0xFFFD} : static_cast<char32_t>(u));
  }

  void flush_pending_bytes_only() {
    if (pending_.empty()) return;
    out_ += text_formats::decodeToUtf8(pending_, pending_charset_);
    pending_.clear();
  }

  static int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  void controlToken() {
    const bool after_brace = after_brace_;
    after_brace_ = false;
    at_group_start_ = after_brace;
    ++i_;  // the backslash
    if (i_ >= s_.size()) return;
    const char c = s_[i_];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter) {
      ++i_;
      controlSymbol(c);
      return;
    }
    const std::size_t start = i_;
    while (i_ < s_.size() && i_ - start < 32 &&
           ((s_[i_] >= 'a' && s_[i_] <= 'z') || (s_[i_] >= 'A' && s_[i_] <= 'Z')))
      ++i_;
    const std::string_view word = s_.substr(start, i_ - start);
    bool has_param = false;
    bool negative = false;
    std::int64_t param = 0;
    if (i_ < s_.size() && s_[i_] == '-') {
      negative = true;
      ++i_;
    }
    int digits = 0;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') {
      if (digits < 10) param = param * 10 + (s_[i_] - '0');
      ++digits;
      ++i_;
    }
    has_param = digits > 0;
    if (negative) param = -param;
    if (i_ < s_.size() && s_[i_] == ' ') ++i_;  // the delimiting space belongs to the word
    controlWord(word, has_param,
                static_cast<int>(param < INT32_MIN   ? INT32_MIN
                                 : param > INT32_MAX ? INT32_MAX
                                                     : param));
  }

  void controlSymbol(char c) {
    switch (c) {
      case '\'': {
        // \'hh: one byte of the current code page; a lead and trail byte of CP949 come as two.
        const int hi = i_ < s_.size() ? hexValue(s_[i_]) : -1;
        const int lo = i_ + 1 < s_.size() ? hexValue(s_[i_ + 1]) : -1;
        if (hi < 0 || lo < 0) return;
        i_ += 2;
        textByte(static_cast<unsigned char>(hi * 16 + lo));
        return;
      }
      case '*':
        // "{\*\dest ...}": an ignorable destination we need not know. Only right after the
        // brace; elsewhere readers ignore it (Word writes "\*\cs7" inside text groups).
        if (at_group_start_) state().skip = true;
        return;
      case '\\':
      case '{':
      case '}':
        textByte(static_cast<unsigned char>(c));
        return;
      case '~':
        if (!consumeSkip()) emit(" ");
        return;
      case '_':
        if (!consumeSkip()) emit("-");
        return;
      case '\n':
      case '\r':
        if (!consumeSkip()) newline();
        return;
      case '\t':
        if (!consumeSkip()) emit("\t");
        return;
      default:
        consumeSkip();  // \- (optional hyphen), \: (subentry) and unknown symbols
        return;
    }
  }

  void controlWord(std::string_view word, bool has_param, int param) {
    if (word == "bin") {
      // \binN: N raw bytes follow (RTF 1.9.1 "Special characters"); never text, never RTF.
      const std::size_t n = has_param && param > 0 ? static_cast<std::size_t>(param) : 0;
      if (n > s_.size() - i_) truncated_ = true;
      i_ += std::min(n, s_.size() - i_);
      consumeSkip();
      return;
    }
    if (word == "u" && has_param) {
      unicode(param);
      return;
    }
    if (consumeSkip()) return;
    if (word == "uc") {
      state().uc = has_param ? std::clamp(param, 0, 16) : 1;
    } else if (word == "ansicpg" && has_param) {
      const Charset cp = text_formats::charsetFromCodePage(param);
      document_ = cp == Charset::kUnknown ? Charset::kCp1252 : cp;
    } else if (word == "fonttbl") {
      state().font_table = true;
      state().skip = true;
    } else if (word == "f" && has_param) {
      if (state().font_table) {
        current_font_ = param;
      } else {
        const auto it = fonts_.find(param);
        state().font = it == fonts_.end() ? Charset::kUnknown : it->second;
      }
    } else if (word == "fcharset" && has_param && state().font_table) {
      if (fonts_.size() < kMaxFonts)
        fonts_[current_font_] = text_formats::charsetFromFontCharset(param);
    } else if (word == "plain") {
      // \plain resets character formatting, the font included, to the default font (\deffN).
      const auto it = fonts_.find(default_font_);
      state().font = it == fonts_.end() ? Charset::kUnknown : it->second;
    } else if (word == "deff" && has_param) {
      default_font_ = param;
    } else if (word == "par" || word == "line" || word == "sect" || word == "page" ||
               word == "row" || word == "softline" || word == "lbr") {
      newline();
    } else if (word == "tab" || word == "cell" || word == "nestcell") {
      emit("\t");
    } else if (word == "emdash") {
      emit("\u2014");
    } else if (word == "endash") {
      emit("\u2013");
    } else if (word == "bullet") {
      emit("\u2022");
    } else if (word == "lquote") {
      emit("\u2018");
    } else if (word == "rquote") {
      emit("\u2019");
    } else if (word == "ldblquote") {
      emit("\u201C");
    } else if (word == "rdblquote") {
      emit("\u201D");
    } else if (word == "emspace" || word == "enspace" || word == "qmspace") {
      emit(" ");
    } else if (isSkippedDestination(word)) {
      state().skip = true;
    }
  }

  std::string_view s_;
  ExtractContext& ctx_;
  std::size_t i_ = 0;
  std::vector<GroupState> stack_;
  Charset document_ = Charset::kCp1252;  // \ansi without \ansicpg
  std::unordered_map<int, Charset> fonts_;
  int current_font_ = 0;
  int default_font_ = 0;
  int unicode_skip_ = 0;
  bool truncated_ = false;
  bool after_brace_ = false;     // no token since the last '{'
  bool at_group_start_ = false;  // the current control token is the group's first
  std::uint32_t high_surrogate_ = 0;
  std::string pending_;  // undecoded bytes of the current run
  Charset pending_charset_ = Charset::kCp1252;
  std::string out_;
};

}  // namespace

ExtractStatus extractRtf(const Document& doc, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("rtf");
  if (ctx.expired()) return ExtractStatus::tooLarge("time budget spent");
  std::string_view bytes = doc.bytes;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  while (!bytes.empty() &&
         (bytes[0] == ' ' || bytes[0] == '\r' || bytes[0] == '\n' || bytes[0] == '\t'))
    bytes.remove_prefix(1);
  if (bytes.substr(0, 5) != "{\\rtf") return ExtractStatus::corrupt("not an RTF document");
  RtfReader reader(bytes, ctx);
  const ExtractStatus status = reader.read();
  std::string& text = reader.text();
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
  if (!text.empty() && text.back() != '\n') text += '\n';
  if (!text.empty()) {
    sink.beginPart("body", PartKind::kParagraphs);
    sink.append(text);
  }
  return status;
}

}  // namespace jamul::scanner::extract
