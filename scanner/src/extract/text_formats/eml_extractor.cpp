// SPDX-License-Identifier: Apache-2.0
// Internet mail extractor (extractors.h): RFC 5322 header fields (unfolded, §2.2.3), MIME entities
// (RFC 2045 Content-Type / Content-Transfer-Encoding, RFC 2046 §5.1 multipart boundaries, §5.2
// message/rfc822), RFC 2047 encoded words in headers. An mbox file (RFC 4155: messages after
// "From " lines) is read message by message, each prefixed "message N". A part that fails (a body
// that does not decode, a broken attachment) is named in the status and does not stop the mail.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractors.h"
#include "extract/text_formats/charset.h"
#include "extract/text_formats/markup_text.h"
#include "jamul/common/ascii.h"

namespace jamul::scanner::extract {
namespace {

using text_formats::Charset;
using text_formats::equalsIgnoringCase;

constexpr int kMaxMimeDepth = 16;          // multipart in multipart in ...
constexpr std::size_t kMaxHeaders = 2000;  // fields kept per entity
constexpr std::size_t kMaxParts = 10000;   // MIME entities per message

using ascii::lower;
using ascii::trim;
std::string lowerAscii(std::string_view s) { return ascii::lower(s); }
bool isBlank(char c) { return c == ' ' || c == '\t'; }
bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A body or encoded word after its Content-Transfer-Encoding is undone, with what was wrong with
// it (issue 12: a part that does not decode must not pass silently).
struct Decoded {
  std::string bytes;
  const char* problem = nullptr;  // "invalid base64", "invalid quoted-printable", or none
  bool foreign = false;           // base64: characters outside its alphabet were skipped
};

// RFC 2045 §6.8, leniently: characters outside the alphabet are skipped, as §6.8 asks, but noted
// (the section calls them a sign of a transmission error, worth a warning); blanks and line breaks
// are layout. Padding ends a group of four, and decoding goes on after it, since some encoders
// concatenate separately padded pieces. A group of a single character (6 bits, no byte), at the
// end or before padding, cannot be decoded: the body was cut or damaged.
Decoded decodeBase64(std::string_view s) {
  Decoded d;
  d.bytes.reserve(s.size() / 4 * 3 + 3);
  std::uint32_t acc = 0;
  int bits = 0;
  int in_group = 0;  // characters of the current group of four
  bool broken = false;
  for (char c : s) {
    int v = -1;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+')
      v = 62;
    else if (c == '/')
      v = 63;
    if (v < 0) {
      if (c == '=') {
        if (in_group == 1) broken = true;
        acc = 0;
        bits = 0;
        in_group = 0;
      } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        d.foreign = true;
      }
      continue;
    }
    acc = (acc << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    in_group = (in_group + 1) % 4;
    if (bits >= 8) {
      bits -= 8;
      d.bytes += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  if (in_group == 1) broken = true;
  if (broken || d.foreign) d.problem = "invalid base64";
  return d;
}

// RFC 2045 §6.7; `header` is the RFC 2047 §4.2 "Q" variant ('_' is a space). An '=' followed by
// neither two hex digits nor the end of the line is kept as written, as §6.7 note (1) suggests,
// and noted: that note also asks to tell the user that proper decoding was not possible. Blanks
// between a soft line break's '=' and the line end were added in transport and are dropped
// (rule 3).
Decoded decodeQuotedPrintable(std::string_view s, bool header) {
  Decoded d;
  std::string& out = d.bytes;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '=') {
      std::size_t j = i + 1;
      while (j < s.size() && isBlank(s[j])) ++j;
      if (j == s.size()) {
        i = j;  // a soft break at the very end
        continue;
      }
      if (s[j] == '\n' || (s[j] == '\r' && j + 1 < s.size() && s[j + 1] == '\n')) {
        i = s[j] == '\n' ? j : j + 1;
        continue;
      }
      const int hi = i + 1 < s.size() ? hexValue(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? hexValue(s[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
      d.problem = "invalid quoted-printable";
    }
    out += (header && c == '_') ? ' ' : c;
  }
  return d;
}

std::string decodeUnknownHeaderBytes(std::string_view raw) {
  // Raw 8-bit header text (Korean clients write EUC-KR unencoded): sniffed like a text file.
  const bool ascii = std::all_of(raw.begin(), raw.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  return ascii ? std::string(raw) : text_formats::decodeToUtf8(raw, Charset::kUnknown);
}

// RFC 2047 §5/§6: "=?charset?B|Q?text?=" words; blanks between two encoded words vanish.
std::string decodeHeaderValue(std::string_view v) {
  std::string out;
  std::size_t i = 0;
  bool last_was_word = false;
  std::string pending_blank;
  while (i < v.size()) {
    const std::size_t start = v.find("=?", i);
    if (start == std::string_view::npos) break;
    const std::size_t q1 = v.find('?', start + 2);
    const std::size_t q2 = q1 == std::string_view::npos ? q1 : v.find('?', q1 + 1);
    const std::size_t end = q2 == std::string_view::npos ? q2 : v.find("?=", q2 + 1);
    if (end == std::string_view::npos || q2 != q1 + 2) {
      out += decodeUnknownHeaderBytes(v.substr(i, start + 2 - i));
      i = start + 2;
      last_was_word = false;
      continue;
    }
    const std::string_view between = v.substr(i, start - i);
    const bool only_blanks = std::all_of(between.begin(), between.end(), isBlank);
    if (!(last_was_word && only_blanks)) out += decodeUnknownHeaderBytes(between);
    std::string_view charset = v.substr(start + 2, q1 - start - 2);
    charset = charset.substr(0, charset.find('*'));  // RFC 2231 §5 language suffix
    const char encoding = lower(v[q1 + 1]);
    const std::string_view text = v.substr(q2 + 1, end - q2 - 1);
    const std::string bytes =
        encoding == 'b' ? decodeBase64(text).bytes : decodeQuotedPrintable(text, true).bytes;
    out += text_formats::decodeToUtf8(bytes, text_formats::charsetFromName(charset));
    i = end + 2;
    last_was_word = true;
  }
  out += decodeUnknownHeaderBytes(v.substr(std::min(i, v.size())));
  return out;
}

struct Header {
  std::string name;   // lower case
  std::string value;  // unfolded, raw
};

struct Entity {
  std::vector<Header> headers;
  std::string_view body;
  bool has_headers = false;
};

// Splits an entity at its first empty line; header fields unfolded (RFC 5322 §2.2.3).
Entity parseEntity(std::string_view s) {
  Entity e;
  std::size_t pos = 0;
  while (pos < s.size()) {
    std::size_t eol = s.find('\n', pos);
    const std::size_t next = eol == std::string_view::npos ? s.size() : eol + 1;
    std::string_view line = s.substr(pos, (eol == std::string_view::npos ? s.size() : eol) - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      pos = next;
      break;
    }
    if (isBlank(line[0])) {
      if (!e.headers.empty()) e.headers.back().value.append(line);
    } else {
      const std::size_t colon = line.find(':');
      bool valid = colon != std::string_view::npos && colon > 0;
      for (std::size_t k = 0; valid && k < colon; ++k) {
        const auto c = static_cast<unsigned char>(line[k]);
        if (c <= 32 || c >= 127) valid = false;
      }
      if (!valid) {
        // Not a header: the header block was missing or ended without an empty line.
        if (e.headers.empty()) return {{}, s, false};
        break;
      }
      if (e.headers.size() < kMaxHeaders)
        e.headers.push_back(
            {lowerAscii(line.substr(0, colon)), std::string(line.substr(colon + 1))});
    }
    pos = next;
  }
  e.has_headers = !e.headers.empty();
  e.body = s.substr(std::min(pos, s.size()));
  return e;
}

const Header* findHeader(const Entity& e, std::string_view name) {
  for (const Header& h : e.headers)
    if (h.name == name) return &h;
  return nullptr;
}

// "type/subtype; a=b; c="d"" (RFC 2045 §5.1); value lower-cased, parameter names lower-cased.
struct FieldValue {
  std::string value;
  std::vector<std::pair<std::string, std::string>> params;
  std::string param(std::string_view name) const {
    for (const auto& [k, v] : params)
      if (k == name) return v;
    return {};
  }
};

FieldValue parseFieldValue(std::string_view v) {
  FieldValue f;
  std::size_t semi = v.find(';');
  f.value = lowerAscii(trim(v.substr(0, semi)));
  while (semi != std::string_view::npos && f.params.size() < 64) {
    std::size_t i = semi + 1;
    while (i < v.size() && (isBlank(v[i]) || v[i] == '\r' || v[i] == '\n')) ++i;
    const std::size_t eq = v.find('=', i);
    if (eq == std::string_view::npos) break;
    std::string name = lowerAscii(trim(v.substr(i, eq - i)));
    std::size_t j = eq + 1;
    while (j < v.size() && isBlank(v[j])) ++j;
    std::string value;
    if (j < v.size() && v[j] == '"') {
      ++j;
      while (j < v.size() && v[j] != '"') {
        if (v[j] == '\\' && j + 1 < v.size()) ++j;
        value += v[j++];
      }
      semi = v.find(';', j);
    } else {
      semi = v.find(';', j);
      value = std::string(trim(v.substr(j, semi == std::string_view::npos ? semi : semi - j)));
    }
    // RFC 2231 §4: name*=charset'lang'%XX; the value is percent-encoded bytes.
    if (!name.empty() && name.back() == '*') {
      name.pop_back();
      const std::size_t a1 = value.find('\'');
      const std::size_t a2 = a1 == std::string::npos ? a1 : value.find('\'', a1 + 1);
      if (a2 != std::string::npos) {
        const std::string charset = value.substr(0, a1);
        std::string bytes;
        for (std::size_t k = a2 + 1; k < value.size(); ++k) {
          if (value[k] == '%' && k + 2 < value.size() && hexValue(value[k + 1]) >= 0 &&
              hexValue(value[k + 2]) >= 0) {
            bytes += static_cast<char>(hexValue(value[k + 1]) * 16 + hexValue(value[k + 2]));
            k += 2;
          } else {
            bytes += value[k];
          }
        }
        value = text_formats::decodeToUtf8(bytes, text_formats::charsetFromName(charset));
      }
    }
    f.params.emplace_back(std::move(name), std::move(value));
  }
  return f;
}

Decoded decodeTransfer(std::string_view body, std::string_view encoding) {
  if (encoding == "base64") return decodeBase64(body);
  if (encoding == "quoted-printable") return decodeQuotedPrintable(body, false);
  return {std::string(body)};  // 7bit, 8bit, binary, and unknown ones (RFC 2045 §6.4)
}

// Body lines end with '\n', CRs dropped, empty lines kept out of paragraph counting.
std::string toLines(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 1);
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n' && (out.empty() || out.back() == '\n')) continue;
    out += c;
  }
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

// Prefixes locations of a message inside an mbox ("message 2!body").
class PrefixSink final : public TextSink {
 public:
  PrefixSink(std::string prefix, TextSink& inner) : prefix_(std::move(prefix)), inner_(inner) {}
  void beginPart(std::string_view location, PartKind kind) override {
    inner_.beginPart(prefix_ + "!" + std::string(location), kind);
  }
  void append(std::string_view utf8) override { inner_.append(utf8); }

 private:
  std::string prefix_;
  TextSink& inner_;
};

class MailReader {
 public:
  MailReader(TextSink& sink, ExtractContext& ctx) : sink_(sink), ctx_(ctx) {}

  ExtractStatus readMessage(std::string_view bytes) {
    const Entity e = parseEntity(bytes);
    if (!e.has_headers) return ExtractStatus::corrupt("not a mail message: no header fields");
    entity(e, 0);
    return status_;
  }

 private:
  void headers(const Entity& e) {
    static constexpr std::string_view kShown[] = {"subject", "from",     "to",    "cc",
                                                  "bcc",     "reply-to", "sender"};
    std::string text;
    for (std::string_view name : kShown) {
      for (const Header& h : e.headers) {
        if (h.name != name) continue;
        std::string value = decodeHeaderValue(trim(h.value));
        std::replace(value.begin(), value.end(), '\n', ' ');
        std::replace(value.begin(), value.end(), '\r', ' ');
        text += h.name;
        text += ": ";
        text += value;
        text += '\n';
      }
    }
    if (text.empty()) return;
    ++header_parts_;
    sink_.beginPart(header_parts_ == 1 ? "headers" : "headers " + std::to_string(header_parts_),
                    PartKind::kParagraphs);
    sink_.append(text);
  }

  void body(const std::string& text) {
    if (text.empty()) return;
    ++body_parts_;
    sink_.beginPart(body_parts_ == 1 ? "body" : "body " + std::to_string(body_parts_),
                    PartKind::kParagraphs);
    sink_.append(text);
  }

  void entity(const Entity& e, int depth) {
    if (++parts_ > kMaxParts) {
      foldStatus(status_, ExtractStatus::tooLarge("more than 10000 MIME parts"));
      return;
    }
    if (ctx_.expired()) {
      foldStatus(status_, ExtractStatus::tooLarge("time budget spent in mail"));
      return;
    }
    if (depth == 0 || is_message_) headers(e);
    is_message_ = false;
    const Header* ct_header = findHeader(e, "content-type");
    // RFC 2045 §5.2: no Content-Type means text/plain; charset=us-ascii.
    const FieldValue type = parseFieldValue(ct_header ? ct_header->value : "text/plain");
    const Header* cd_header = findHeader(e, "content-disposition");
    const FieldValue disposition = parseFieldValue(cd_header ? cd_header->value : "");
    const Header* cte_header = findHeader(e, "content-transfer-encoding");
    const std::string encoding = cte_header ? lowerAscii(trim(cte_header->value)) : "";

    if (startsWith(type.value, "multipart/")) {
      if (depth >= kMaxMimeDepth) {
        foldStatus(status_, ExtractStatus::tooLarge("MIME parts nested deeper than 16"));
        return;
      }
      const std::string boundary = type.param("boundary");
      if (!boundary.empty()) {
        multipart(e.body, boundary, depth);
        return;
      }
      // A multipart without a boundary is read as text: its content is still there.
    }
    std::string filename = disposition.param("filename");
    if (filename.empty()) filename = type.param("name");
    if (!filename.empty()) filename = decodeHeaderValue(filename);
    const bool textual = type.value.empty() || startsWith(type.value, "text/");
    const bool attachment = disposition.value == "attachment" || !filename.empty();

    if (type.value == "message/rfc822" && !attachment) {
      if (depth >= kMaxMimeDepth) {
        foldStatus(status_, ExtractStatus::tooLarge("MIME parts nested deeper than 16"));
        return;
      }
      const Decoded inner = decodeTransfer(e.body, encoding);
      if (inner.problem != nullptr)
        foldStatus(status_,
                   ExtractStatus::corrupt(std::string("attached message: ") + inner.problem));
      const Entity message = parseEntity(inner.bytes);
      is_message_ = true;
      entity(message, depth + 1);
      return;
    }
    // Issue 12: a part whose transfer encoding does not undo is reported, naming the part, and
    // is still read: decoded as far as it goes (skipping the characters that do not belong) and,
    // when characters other than base64 ones were in it, also as written, for a body that was
    // text mislabelled as base64 (the dispatcher drops it cheaply if it is binary).
    const Decoded decoded = decodeTransfer(e.body, encoding);
    if (attachment || !textual) {
      if (!ctx_.chargeEntry()) {
        foldStatus(status_, ExtractStatus::tooLarge("too many attachments"));
        return;
      }
      ++attachments_;
      const std::string name = filename.empty() ? "part " + std::to_string(attachments_) : filename;
      std::string label = "attachment " + std::to_string(attachments_);
      if (!filename.empty()) label += " (" + detailName(filename) + ")";
      if (decoded.problem != nullptr)
        foldStatus(status_, ExtractStatus::corrupt(label + ": " + decoded.problem));
      foldStatus(status_, partStatus(label, ctx_.nested("attachment:" + name, {decoded.bytes, name},
                                                        sink_)));
      if (decoded.foreign)
        foldStatus(status_, partStatus(label, ctx_.nested("attachment:" + name + " (undecoded)",
                                                          {e.body, name}, sink_)));
      return;
    }
    const std::string label = "body " + std::to_string(body_parts_ + 1);
    if (decoded.problem != nullptr)
      foldStatus(status_, ExtractStatus::corrupt(label + ": " + decoded.problem));
    const Charset charset = text_formats::charsetFromName(type.param("charset"));
    const bool markup = type.value == "text/html" || type.value == "text/xml" ||
                        type.value == "application/xhtml+xml";
    for (const std::string_view text :
         {std::string_view(decoded.bytes), decoded.foreign ? e.body : std::string_view()}) {
      if (text.empty()) continue;
      if (markup) {
        bool complete = true;
        body(text_formats::markupBytesToText(text, charset, ctx_, complete));
        if (!complete) foldStatus(status_, ExtractStatus::tooLarge("time budget spent in mail"));
      } else {
        body(toLines(text_formats::decodeToUtf8(text, charset)));
      }
    }
  }

  // RFC 2046 §5.1.1: parts sit between lines "--boundary"; "--boundary--" closes. Text before
  // the first delimiter (the preamble) and after the last (epilogue) is not content.
  void multipart(std::string_view body, const std::string& boundary, int depth) {
    const std::string delimiter = "--" + boundary;
    std::size_t part_start = std::string_view::npos;
    std::size_t pos = 0;
    while (pos <= body.size()) {
      std::size_t eol = body.find('\n', pos);
      if (eol == std::string_view::npos) eol = body.size();
      std::string_view line = body.substr(pos, eol - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (startsWith(line, delimiter)) {
        const bool close = line.substr(delimiter.size(), 2) == "--";
        if (part_start != std::string_view::npos) {
          // The line break before the delimiter belongs to the delimiter.
          std::size_t end = pos;
          if (end > part_start && body[end - 1] == '\n') --end;
          if (end > part_start && body[end - 1] == '\r') --end;
          // A part that failed (broken, too large, protected) does not end the mail: the parts
          // after it are read too (issue 12). Only the time budget does, in entity().
          entity(parseEntity(body.substr(part_start, end - part_start)), depth + 1);
        }
        if (close) return;
        part_start = eol + 1;
      }
      if (eol >= body.size()) break;
      pos = eol + 1;
    }
    // No closing delimiter (a truncated mail): the last part runs to the end.
    if (part_start != std::string_view::npos && part_start < body.size())
      entity(parseEntity(body.substr(part_start)), depth + 1);
  }

  TextSink& sink_;
  ExtractContext& ctx_;
  ExtractStatus status_ = ExtractStatus::ok();
  int header_parts_ = 0;
  int body_parts_ = 0;
  int attachments_ = 0;
  std::size_t parts_ = 0;
  bool is_message_ = false;
};

// An entity starting with a header line whose name has no colon-free prefix is not mail.
bool isEntityStart(std::string_view s) {
  const Entity e = parseEntity(s.substr(0, std::min<std::size_t>(s.size(), 8192)));
  return e.has_headers;
}

}  // namespace

ExtractStatus extractEml(const Document& doc, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("eml");
  if (ctx.expired()) return ExtractStatus::tooLarge("time budget spent");
  std::string_view bytes = doc.bytes;
  if (startsWith(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  if (!startsWith(bytes, "From ")) return MailReader(sink, ctx).readMessage(bytes);

  // mbox (RFC 4155): every line "From " starts a message; ">From " inside bodies is quoted.
  std::vector<std::string_view> messages;
  std::size_t start = 0;
  for (std::size_t pos = bytes.find("\nFrom ", 0);; pos = bytes.find("\nFrom ", pos + 1)) {
    const std::size_t end = pos == std::string_view::npos ? bytes.size() : pos + 1;
    std::string_view message = bytes.substr(start, end - start);
    message.remove_prefix(std::min(message.size(), message.find('\n') + 1));  // the From_ line
    if (isEntityStart(message)) messages.push_back(message);
    if (pos == std::string_view::npos) break;
    start = end;
  }
  if (messages.empty()) return ExtractStatus::corrupt("mbox without a readable message");
  ExtractStatus status = ExtractStatus::ok();
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (ctx.expired()) {
      foldStatus(status, ExtractStatus::tooLarge("time budget spent in mbox"));
      break;
    }
    PrefixSink prefixed("message " + std::to_string(i + 1), sink);
    foldStatus(status, MailReader(prefixed, ctx).readMessage(messages[i]));
  }
  return status;
}

}  // namespace jamul::scanner::extract
