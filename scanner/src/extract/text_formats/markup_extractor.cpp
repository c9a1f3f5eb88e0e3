// SPDX-License-Identifier: Apache-2.0
// HTML and XML extractor (extractors.h, markup_text.h). Tokenizing follows the shape of the HTML
// Living Standard §13.2.5 (data, tag open, attribute, comment states) loosely: error recovery is
// "treat it as text", which is what a PII scan wants.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractors.h"
#include "extract/text_formats/markup_text.h"
#include "jamul/common/utf8.h"
#include "jamul/common/ascii.h"

namespace jamul::scanner::extract::text_formats {
namespace {

constexpr std::size_t kCheckEvery = 1 << 20;  // bytes between time-budget checks

using ascii::isSpace;
using ascii::lower;
bool isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
std::string lowerAscii(std::string_view s) { return ascii::lower(s); }

// Finds `needle` (lower case) in `hay` ignoring ASCII case, from `from`.
std::size_t findIgnoringCase(std::string_view hay, std::string_view needle, std::size_t from) {
  if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && lower(hay[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

// Collects text into lines: blanks collapse to one space, lines are trimmed, empty lines dropped.
class LineBuilder {
 public:
  explicit LineBuilder(std::string& out) : out_(out), line_start_(out.size()) {}
  void text(std::string_view s) {
    for (char c : s) {
      if (isSpace(c)) {
        pending_space_ = true;
        continue;
      }
      if (pending_space_ && out_.size() > line_start_ && out_.back() != '\t') out_ += ' ';
      pending_space_ = false;
      out_ += c;
    }
  }
  void preformatted(std::string_view s) {
    for (char c : s) {
      if (c == '\n') {
        newline();
      } else if (c != '\r') {
        text(std::string_view(&c, 1));
      }
    }
  }
  void space() { pending_space_ = true; }
  // After someone else appended whole lines to `out`.
  void resync() {
    line_start_ = out_.size();
    pending_space_ = false;
  }
  void tab() {
    if (out_.size() > line_start_) out_ += '\t';
    pending_space_ = false;
  }
  void newline() {
    while (out_.size() > line_start_ && (out_.back() == ' ' || out_.back() == '\t'))
      out_.pop_back();
    if (out_.size() > line_start_) {
      out_ += '\n';
      line_start_ = out_.size();
    }
    pending_space_ = false;
  }

 private:
  std::string& out_;
  std::size_t line_start_;
  bool pending_space_ = false;
};

struct NamedEntity {
  std::string_view name;
  char32_t code_point;
};

// The named references office HTML (Word, Outlook, web mail) actually uses; HTML §13.5.
constexpr NamedEntity kEntities[] = {
    {"amp", '&'},      {"lt", '<'},        {"gt", '>'},       {"quot", '"'},
    {"apos", '\''},    {"nbsp", 0xA0},     {"copy", 0xA9},    {"reg", 0xAE},
    {"middot", 0xB7},  {"hellip", 0x2026}, {"ndash", 0x2013}, {"mdash", 0x2014},
    {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C}, {"rdquo", 0x201D},
    {"bull", 0x2022},  {"trade", 0x2122},  {"times", 0xD7},   {"divide", 0xF7},
    {"laquo", 0xAB},   {"raquo", 0xBB},    {"deg", 0xB0},     {"plusmn", 0xB1},
    {"euro", 0x20AC},  {"yen", 0xA5},      {"pound", 0xA3},   {"cent", 0xA2},
    {"sect", 0xA7},    {"para", 0xB6},     {"shy", 0xAD},     {"ensp", 0x2002},
    {"emsp", 0x2003},  {"thinsp", 0x2009}, {"zwnj", 0x200C},  {"zwj", 0x200D},
    {"lrm", 0x200E},   {"rlm", 0x200F},    {"iexcl", 0xA1},   {"iquest", 0xBF},
    {"acute", 0xB4},   {"uml", 0xA8},      {"ordf", 0xAA},    {"ordm", 0xBA},
    {"sup1", 0xB9},    {"sup2", 0xB2},     {"sup3", 0xB3},    {"frac12", 0xBD},
    {"frac14", 0xBC},  {"frac34", 0xBE},   {"micro", 0xB5},   {"larr", 0x2190},
    {"rarr", 0x2192},  {"uarr", 0x2191},   {"darr", 0x2193},  {"hyphen", 0x2010},
    {"minus", 0x2212}, {"sdot", 0x22C5},   {"prime", 0x2032}, {"Prime", 0x2033},
};

// Decodes the reference at s[i] == '&'. Appends its text and returns the bytes consumed, or 0 if
// it is no reference (the '&' is then literal).
std::size_t decodeReference(std::string_view s, std::size_t i, std::string& out) {
  const std::size_t limit = std::min(s.size(), i + 34);
  std::size_t semi = i + 1;
  while (semi < limit && s[semi] != ';' && s[semi] != '&' && s[semi] != '<' && !isSpace(s[semi]))
    ++semi;
  if (semi >= limit || s[semi] != ';' || semi == i + 1) return 0;
  const std::string_view body = s.substr(i + 1, semi - i - 1);
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    std::uint32_t value = 0;
    for (char c : digits) {
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      if (d < 0) return 0;
      value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
      if (value > 0x10FFFF) value = 0x110000;  // saturate; replaced below
    }
    // HTML §13.2.5.80: NUL, surrogates and out-of-range values become U+FFFD.
    if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) value = 0xFFFD;
    utf8::append(out, static_cast<char32_t>(value));
    return semi - i + 1;
  }
  for (const NamedEntity& e : kEntities) {
    if (e.name == body) {
      utf8::append(out, e.code_point);
      return semi - i + 1;
    }
  }
  return 0;
}

std::string decodeReferences(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '&') {
      const std::size_t n = decodeReference(s, i, out);
      if (n > 0) {
        i += n;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

bool isBlockTag(std::string_view name) {
  static constexpr std::string_view kBlocks[] = {
      "p",       "br",     "div",        "tr",         "li",      "h1",       "h2",      "h3",
      "h4",      "h5",     "h6",         "table",      "ul",      "ol",       "dl",      "dt",
      "dd",      "pre",    "hr",         "blockquote", "section", "article",  "header",  "footer",
      "nav",     "aside",  "form",       "fieldset",   "legend",  "caption",  "title",   "option",
      "address", "figure", "figcaption", "main",       "body",    "head",     "html",    "tbody",
      "thead",   "tfoot",  "select",     "textarea",   "center",  "noscript", "details", "summary"};
  for (std::string_view b : kBlocks)
    if (name == b) return true;
  return false;
}

bool isTextAttribute(std::string_view name) {
  return name == "value" || name == "alt" || name == "title" || name == "content" ||
         name == "placeholder";
}

struct Attribute {
  std::string name;  // lower case
  std::string_view value;
};

// Parses a tag starting after '<' at s[i]; returns the index after '>' (or s.size()).
std::size_t parseTag(std::string_view s, std::size_t i, std::string& name, bool& end_tag,
                     std::vector<Attribute>& attributes) {
  attributes.clear();
  end_tag = false;
  if (i < s.size() && s[i] == '/') {
    end_tag = true;
    ++i;
  }
  const std::size_t name_start = i;
  while (i < s.size() && !isSpace(s[i]) && s[i] != '>' && s[i] != '/') ++i;
  name = lowerAscii(s.substr(name_start, i - name_start));
  // An XML prefix (w:p, o:p) says nothing about blocks; the local name does.
  if (const std::size_t colon = name.find(':'); colon != std::string::npos)
    name.erase(0, colon + 1);
  while (i < s.size() && s[i] != '>') {
    if (isSpace(s[i]) || s[i] == '/') {
      ++i;
      continue;
    }
    const std::size_t an = i;
    while (i < s.size() && !isSpace(s[i]) && s[i] != '>' && s[i] != '=' && s[i] != '/') ++i;
    Attribute attribute{lowerAscii(s.substr(an, i - an)), {}};
    if (an == i) ++i;  // a stray character; step over it
    while (i < s.size() && isSpace(s[i])) ++i;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && isSpace(s[i])) ++i;
      if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        const char quote = s[i++];
        const std::size_t vs = i;
        while (i < s.size() && s[i] != quote) ++i;
        attribute.value = s.substr(vs, i - vs);
        if (i < s.size()) ++i;
      } else {
        const std::size_t vs = i;
        while (i < s.size() && !isSpace(s[i]) && s[i] != '>') ++i;
        attribute.value = s.substr(vs, i - vs);
      }
    }
    if (attributes.size() < 64) attributes.push_back(std::move(attribute));
  }
  return i < s.size() ? i + 1 : s.size();
}

// Reads `name` (lower case) among `bytes`' first KiB as an attribute-like "name=value" and
// returns the value.
std::string_view declaredValue(std::string_view head, std::string_view name, std::size_t from) {
  const std::size_t at = findIgnoringCase(head, name, from);
  if (at == std::string_view::npos) return {};
  std::size_t i = at + name.size();
  while (i < head.size() && (isSpace(head[i]) || head[i] == '"' || head[i] == '\'')) ++i;
  const std::size_t start = i;
  while (i < head.size() && !isSpace(head[i]) && head[i] != '"' && head[i] != '\'' &&
         head[i] != ';' && head[i] != '>' && head[i] != '/' && head[i] != '?')
    ++i;
  return head.substr(start, i - start);
}

}  // namespace

Charset declaredMarkupCharset(std::string_view bytes, std::size_t& bom_length) {
  bom_length = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bom_length = 3;
    return Charset::kUtf8;
  }
  if (bytes.substr(0, 2) == "\xFF\xFE") {
    bom_length = 2;
    return Charset::kUtf16Le;
  }
  if (bytes.substr(0, 2) == "\xFE\xFF") {
    bom_length = 2;
    return Charset::kUtf16Be;
  }
  const std::string_view head = bytes.substr(0, 4096);
  // XML 1.0 §4.3.3: the declaration must come first; its encoding= names the charset.
  std::size_t start = 0;
  while (start < head.size() && isSpace(head[start])) ++start;
  if (head.substr(start, 5) == "<?xml") {
    const std::size_t end = head.find("?>", start);
    const std::string_view decl =
        head.substr(start, end == std::string_view::npos ? 200 : end - start);
    const std::string_view enc = declaredValue(decl, "encoding=", 0);
    if (!enc.empty()) return charsetFromName(enc);
  }
  // HTML §4.2.5.5 / §13.2.3.2: <meta charset> or the charset= of an http-equiv content type.
  const std::size_t meta = findIgnoringCase(head, "<meta", 0);
  if (meta != std::string_view::npos) {
    const std::string_view value = declaredValue(head, "charset=", meta);
    if (!value.empty()) return charsetFromName(value);
  }
  return Charset::kUnknown;
}

bool markupToText(std::string_view s, ExtractContext& ctx, std::string& out) {
  LineBuilder lines(out);
  // HTML has inline elements (b, span, a) that join text; XML elements are fields of their own.
  const std::size_t root = findIgnoringCase(s.substr(0, 4096), "<html", 0);
  const bool html =
      root != std::string_view::npos ||
      findIgnoringCase(s.substr(0, 1024), "<!doctype html", 0) != std::string_view::npos;
  std::string name;
  bool end_tag = false;
  std::vector<Attribute> attributes;
  std::string decoded;
  int pre_depth = 0;
  std::size_t next_check = kCheckEvery;
  std::size_t i = 0;
  while (i < s.size()) {
    if (i >= next_check) {
      if (ctx.expired()) return false;
      next_check = i + kCheckEvery;
    }
    if (s[i] != '<') {
      std::size_t end = s.find('<', i);
      if (end == std::string_view::npos) end = s.size();
      const std::string text = decodeReferences(s.substr(i, end - i));
      if (pre_depth > 0) {
        lines.preformatted(text);
      } else {
        lines.text(text);
      }
      i = end;
      continue;
    }
    const std::string_view rest = s.substr(i);
    if (rest.substr(0, 4) == "<!--") {
      const std::size_t end = s.find("-->", i + 4);
      i = end == std::string_view::npos ? s.size() : end + 3;
      continue;
    }
    if (rest.substr(0, 9) == "<![CDATA[") {
      const std::size_t end = s.find("]]>", i + 9);
      const std::size_t stop = end == std::string_view::npos ? s.size() : end;
      const std::string_view cdata = s.substr(i + 9, stop - i - 9);
      // RSS puts escaped HTML in CDATA; its tags are not text.
      if (cdata.find('<') != std::string_view::npos) {
        lines.newline();
        markupToText(cdata, ctx, out);
        lines.resync();
      } else {
        lines.text(cdata);
      }
      i = end == std::string_view::npos ? s.size() : end + 3;
      continue;
    }
    if (rest.size() >= 2 && (rest[1] == '!' || rest[1] == '?')) {
      const std::size_t end = s.find('>', i + 2);
      i = end == std::string_view::npos ? s.size() : end + 1;
      continue;
    }
    if (rest.size() < 2 ||
        !(isAlpha(rest[1]) || (rest[1] == '/' && rest.size() > 2 && isAlpha(rest[2])))) {
      lines.text("<");  // a literal '<' ("a < b")
      ++i;
      continue;
    }
    i = parseTag(s, i + 1, name, end_tag, attributes);
    if (!end_tag && (name == "script" || name == "style") && html) {
      // Raw text elements (HTML §13.1.2.1): everything up to the matching end tag is code.
      const std::size_t end = findIgnoringCase(s, name == "script" ? "</script" : "</style", i);
      if (end == std::string_view::npos) {
        i = s.size();
      } else {
        const std::size_t close = s.find('>', end);
        i = close == std::string_view::npos ? s.size() : close + 1;
      }
      continue;
    }
    if (name == "pre") pre_depth = std::max(0, pre_depth + (end_tag ? -1 : 1));
    if (name == "td" || name == "th") {
      if (!end_tag) lines.tab();
    } else if (!html || isBlockTag(name)) {
      lines.newline();
    } else {
      // Inline elements that are not word joins in practice (<img>, <input>) and unknown tags.
      if (name == "img" || name == "input" || name == "wbr") lines.space();
    }
    if (end_tag) continue;
    bool skip_content = false;  // <meta http-equiv content="text/html; charset=..."> is not text
    for (const Attribute& a : attributes)
      if (a.name == "http-equiv" || a.name == "charset" || a.name == "property")
        skip_content = true;
    for (const Attribute& a : attributes) {
      if (!isTextAttribute(a.name) || a.value.empty()) continue;
      if (a.name == "content" && skip_content) continue;
      lines.newline();
      lines.text(decodeReferences(a.value));
      lines.newline();
    }
  }
  lines.newline();
  return true;
}

std::string markupBytesToText(std::string_view bytes, Charset hint, ExtractContext& ctx,
                              bool& complete) {
  std::size_t bom_length = 0;
  const Charset declared = declaredMarkupCharset(bytes, bom_length);
  // A BOM is certain; a MIME charset beats a <meta> that a mail client did not rewrite.
  Charset charset = hint;
  if (bom_length > 0 || charset == Charset::kUnknown) charset = declared;
  const std::string utf8 = decodeToUtf8(bytes.substr(bom_length), charset);
  std::string text;
  complete = markupToText(utf8, ctx, text);
  return text;
}

}  // namespace jamul::scanner::extract::text_formats

namespace jamul::scanner::extract {

ExtractStatus extractMarkup(const Document& doc, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("html/xml");
  if (ctx.expired()) return ExtractStatus::tooLarge("time budget spent");
  bool complete = true;
  const std::string text =
      text_formats::markupBytesToText(doc.bytes, text_formats::Charset::kUnknown, ctx, complete);
  if (!text.empty()) {
    sink.beginPart("body", PartKind::kParagraphs);
    sink.append(text);
  }
  if (!complete) return ExtractStatus::tooLarge("time budget spent in markup");
  return ExtractStatus::ok();
}

}  // namespace jamul::scanner::extract
