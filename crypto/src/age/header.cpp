// SPDX-License-Identifier: Apache-2.0
// The v1 header grammar (age-encryption.org/v1, "ABNF definition of file header"):
//   header     = v1-line 1*stanza end
//   v1-line    = "age-encryption.org/v1" LF
//   end        = "--- " 43base64char LF
//   stanza     = arg-line *full-line final-line
//   arg-line   = "-> " argument *(SP argument) LF      argument = 1*VCHAR
//   full-line  = 64base64char LF                       final-line = *63base64char LF
#include <algorithm>

#include "age/base64_strict.h"
#include "jamul/common/check.h"
#include "jamul/crypto/age_header.h"

namespace jamul::crypto::age {
namespace {

constexpr std::size_t kColumns = 64;
constexpr std::size_t kMacChars = 43;  // unpadded base64 of 32 bytes

Error headerError(std::string what) { return Error(ErrorCode::kCorrupt, "age header: " + what); }

bool isVchar(char c) { return c >= 0x21 && c <= 0x7E; }

bool isBase64Char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '/';
}

// Hands out the header's lines (without their LF); a line without LF means the input ended.
class Lines {
 public:
  explicit Lines(std::string_view bytes)
      : bytes_(bytes.substr(0, std::min(bytes.size(), kMaxHeaderBytes))),
        cut_(bytes.size() > kMaxHeaderBytes) {}

  Result<std::string_view> next() {
    const auto nl = bytes_.find('\n', pos_);
    if (nl == std::string_view::npos)
      return headerError(cut_ ? "longer than the limit of 1 MiB" : "truncated");
    const std::string_view line = bytes_.substr(pos_, nl - pos_);
    pos_ = nl + 1;
    return line;
  }
  std::size_t position() const { return pos_; }

 private:
  std::string_view bytes_;
  bool cut_;
  std::size_t pos_ = 0;
};

Status parseArguments(std::string_view text, Stanza& stanza) {
  bool first = true;
  for (;;) {
    const auto space = text.find(' ');
    const std::string_view arg = text.substr(0, space);
    if (arg.empty()) return headerError("empty stanza argument");
    if (!std::all_of(arg.begin(), arg.end(), isVchar))
      return headerError("invalid character in a stanza argument");
    if (first)
      stanza.type = arg;
    else
      stanza.args.emplace_back(arg);
    first = false;
    if (space == std::string_view::npos) return okStatus();
    text.remove_prefix(space + 1);
  }
}

// Reads body lines up to and including the first one shorter than 64 columns.
Status parseBody(Lines& lines, Stanza& stanza) {
  std::string text;
  for (;;) {
    JAMUL_ASSIGN_OR_RETURN(std::string_view line, lines.next());
    if (line.starts_with("---") || line.starts_with("->"))
      return headerError("stanza without its final (short) body line");
    if (line.size() > kColumns) return headerError("stanza body line longer than 64 columns");
    if (!std::all_of(line.begin(), line.end(), isBase64Char))
      return headerError("invalid character in a stanza body");
    text += line;
    if (line.size() < kColumns) break;
  }
  auto body = detail::decodeBase64NoPad(text);
  if (!body) return headerError("stanza body is not canonical base64");
  stanza.body = std::move(*body);
  return okStatus();
}

}  // namespace

Result<ParsedHeader> parseHeader(std::string_view bytes) {
  if (!bytes.starts_with(kVersionPrefix)) {
    if (!bytes.empty() && kVersionPrefix.starts_with(bytes)) return headerError("truncated");
    return Error(ErrorCode::kUnsupportedFormat, "not an age file");
  }
  Lines lines(bytes);
  JAMUL_ASSIGN_OR_RETURN(std::string_view version, lines.next());
  if (version != kVersionLine)
    return Error(ErrorCode::kUnsupportedFormat, "age header: unsupported version (not v1)");

  ParsedHeader parsed;
  for (;;) {
    const std::size_t line_start = lines.position();
    JAMUL_ASSIGN_OR_RETURN(std::string_view line, lines.next());
    if (line.starts_with("---")) {
      if (parsed.header.stanzas.empty()) return headerError("no recipient stanza");
      if (line.size() != 4 + kMacChars || line[3] != ' ') return headerError("malformed MAC line");
      if (!detail::decodeBase64NoPadTo(line.substr(4), parsed.header.mac))
        return headerError("MAC is not canonical base64");
      parsed.mac_input_size = line_start + 3;
      parsed.size = lines.position();
      return parsed;
    }
    if (!line.starts_with("-> ")) return headerError("expected a stanza or the MAC line");
    Stanza stanza;
    JAMUL_RETURN_IF_ERROR(parseArguments(line.substr(3), stanza));
    JAMUL_RETURN_IF_ERROR(parseBody(lines, stanza));
    parsed.header.stanzas.push_back(std::move(stanza));
  }
}

std::string serializeHeaderWithoutMac(std::span<const Stanza> stanzas) {
  std::string out(kVersionLine);
  out += '\n';
  for (const Stanza& s : stanzas) {
    JAMUL_CHECK(!s.type.empty());
    out += "-> ";
    out += s.type;
    for (const std::string& a : s.args) {
      JAMUL_CHECK(!a.empty());
      out += ' ';
      out += a;
    }
    out += '\n';
    const std::string body = detail::base64NoPad(s.body);
    // Full 64-column lines, then a shorter one: empty when the body fills its last line exactly.
    std::size_t at = 0;
    for (; body.size() - at >= kColumns; at += kColumns) out.append(body, at, kColumns) += '\n';
    out.append(body, at, std::string::npos) += '\n';
  }
  out += "---";
  return out;
}

std::string serializeHeader(const Header& header) {
  std::string out = serializeHeaderWithoutMac(header.stanzas);
  out += ' ';
  out += detail::base64NoPad(header.mac);
  out += '\n';
  return out;
}

}  // namespace jamul::crypto::age
