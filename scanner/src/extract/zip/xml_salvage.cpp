// SPDX-License-Identifier: Apache-2.0
#include "extract/zip/xml_salvage.h"

#include <cstdint>
#include <string>
#include <vector>

#include "jamul/common/utf8.h"

namespace jamul::scanner::extract::zip {
namespace {

constexpr std::size_t kCheckEvery = std::size_t{1} << 20;
// The longest reference decoded ("&#x10FFFF;" is 10 bytes); a longer one is kept as written.
constexpr std::size_t kMaxReference = 12;

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
// XML 1.0 §2.3 NameStartChar/NameChar, for ASCII; any non-ASCII byte is taken as a name byte.
bool isNameStart(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u | 0x20) >= 'a' && (u | 0x20) <= 'z' ? true : c == '_' || c == ':' || u >= 0x80;
}
bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.'; }

// XML 1.0 §2.2 Char.
bool isXmlChar(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

// "#123" or "#x7B" (without '&' and ';'); false when it is not a character reference to a Char.
bool characterReference(std::string_view ref, std::uint32_t& code) {
  if (ref.size() < 2 || ref[0] != '#') return false;
  const bool hex = ref[1] == 'x';
  const std::string_view digits = ref.substr(hex ? 2 : 1);
  if (digits.empty()) return false;
  std::uint32_t v = 0;
  for (char c : digits) {
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
    if (d < 0) return false;
    v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
    if (v > 0x10FFFF) return false;
  }
  code = v;
  return isXmlChar(v);
}

// Appends `raw` character data (or an attribute value) to `out`, references decoded and line ends
// normalised.
void appendDecoded(std::string_view raw, std::string& out) {
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\r') {
      out += '\n';
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
      continue;
    }
    if (c != '&') {
      out += c;
      continue;
    }
    const std::size_t semi = raw.substr(i + 1, kMaxReference).find(';');
    if (semi == std::string_view::npos) {
      out += c;
      continue;
    }
    const std::string_view ref = raw.substr(i + 1, semi);
    std::uint32_t code = 0;
    if (ref == "lt") {
      out += '<';
    } else if (ref == "gt") {
      out += '>';
    } else if (ref == "amp") {
      out += '&';
    } else if (ref == "quot") {
      out += '"';
    } else if (ref == "apos") {
      out += '\'';
    } else if (characterReference(ref, code)) {
      utf8::append(out, static_cast<char32_t>(code));
    } else {
      out += c;
      continue;
    }
    i += semi + 1;
  }
}

class Salvager {
 public:
  Salvager(std::string_view xml, XmlHandler& handler) : s_(xml), handler_(handler) {}

  // Reads the tokens in turn, up to the end of the bytes or a construct they cut off.
  ExtractStatus run(ExtractContext& ctx) {
    std::size_t next_check = kCheckEvery;
    while (pos_ < s_.size()) {
      if (pos_ >= next_check) {
        if (ctx.expired()) return ExtractStatus::tooLarge("time budget spent");
        next_check = pos_ + kCheckEvery;
      }
      if (s_[pos_] != '<') {
        const std::size_t lt = std::min(s_.find('<', pos_), s_.size());
        text(s_.substr(pos_, lt - pos_), true);
        pos_ = lt;
      } else if (!markup()) {
        break;
      }
    }
    return ExtractStatus::ok();
  }

 private:
  void text(std::string_view raw, bool decode) {
    if (raw.empty()) return;
    std::string out;
    if (decode)
      appendDecoded(raw, out);
    else
      out.assign(raw);
    if (!utf8::isValid(out)) out = utf8::toValidLossy(out);
    handler_.characters(out);
  }

  // Skips to just past `terminator`; false if the bytes end first.
  bool skipPast(std::string_view terminator) {
    const std::size_t end = s_.find(terminator, pos_);
    if (end == std::string_view::npos) return false;
    pos_ = end + terminator.size();
    return true;
  }

  // At a '<': one tag, comment, CDATA section, PI or declaration. False at a construct cut off
  // by the end of the bytes.
  bool markup() {
    const std::string_view rest = s_.substr(pos_);
    if (rest.starts_with("<!--")) return skipPast("-->");
    if (rest.starts_with("<![CDATA[")) {
      const std::size_t end = rest.find("]]>");
      text(rest.substr(9, end == std::string_view::npos ? std::string_view::npos : end - 9), false);
      if (end == std::string_view::npos) return false;
      pos_ += end + 3;
      return true;
    }
    if (rest.starts_with("<?")) return skipPast("?>");
    if (rest.starts_with("<!")) return skipPast(">");
    const bool closing = rest.size() > 1 && rest[1] == '/';
    std::size_t i = closing ? 2 : 1;
    if (i >= rest.size()) return false;
    if (!isNameStart(rest[i])) {
      // Not a tag: a stray '<' in damaged text.
      text("<", false);
      ++pos_;
      return true;
    }
    const std::size_t name_start = i;
    while (i < rest.size() && isNameChar(rest[i])) ++i;
    const std::string name(rest.substr(name_start, i - name_start));
    attributes_.clear();
    bool empty_element = false;
    // Up to the tag's '>', outside quoted attribute values.
    for (;;) {
      while (i < rest.size() && isSpace(rest[i])) ++i;
      if (i >= rest.size()) return false;
      const char c = rest[i];
      if (c == '>') {
        ++i;
        break;
      }
      if (c == '<') {
        // The tag is damaged: it ends here, unread, and the '<' starts the next token.
        pos_ += i;
        return true;
      }
      if (c == '/') {
        empty_element = i + 1 < rest.size() && rest[i + 1] == '>';
        ++i;
        continue;
      }
      if (closing || !isNameStart(c)) {
        ++i;
        continue;
      }
      const std::size_t attr_start = i;
      while (i < rest.size() && isNameChar(rest[i])) ++i;
      const std::string_view attr = rest.substr(attr_start, i - attr_start);
      while (i < rest.size() && isSpace(rest[i])) ++i;
      if (i >= rest.size()) return false;
      if (rest[i] != '=') continue;
      ++i;
      while (i < rest.size() && isSpace(rest[i])) ++i;
      if (i >= rest.size()) return false;
      const char quote = rest[i];
      if (quote != '"' && quote != '\'') continue;
      const std::size_t value_start = ++i;
      while (i < rest.size() && rest[i] != quote && rest[i] != '<') ++i;
      if (i >= rest.size()) return false;
      if (rest[i] == '<') {
        pos_ += i;
        return true;
      }
      std::string value;
      appendDecoded(rest.substr(value_start, i - value_start), value);
      if (!utf8::isValid(value)) value = utf8::toValidLossy(value);
      attributes_.emplace_back(attr);
      attributes_.push_back(std::move(value));
      ++i;
    }
    pos_ += i;
    if (closing) {
      handler_.endElement(name);
      return true;
    }
    std::vector<const char*> atts;
    atts.reserve(attributes_.size() + 1);
    for (const std::string& a : attributes_) atts.push_back(a.c_str());
    atts.push_back(nullptr);
    handler_.startElement(name, XmlAttributes(atts.data()));
    if (empty_element) handler_.endElement(name);
    return true;
  }

  std::string_view s_;
  XmlHandler& handler_;
  std::size_t pos_ = 0;
  std::vector<std::string> attributes_;  // name, value, name, value...
};

}  // namespace

ExtractStatus salvageXml(std::string_view xml, std::size_t from, XmlHandler& handler,
                         ExtractContext& ctx) {
  if (xml.starts_with("\xFF\xFE") || xml.starts_with("\xFE\xFF") ||
      xml.substr(0, 4).find('\0') != std::string_view::npos || from >= xml.size())
    return ExtractStatus::ok();
  return Salvager(xml.substr(from), handler).run(ctx);
}

}  // namespace jamul::scanner::extract::zip
