// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/ppt_extractor.h"

#include <functional>
#include <optional>
#include <unordered_set>

#include "extract/ole/ole_util.h"

namespace jamul::scanner::extract::ole {
namespace {

// [MS-PPT] §2.13.24 RecordType.
constexpr std::uint16_t kTextCharsAtom = 0x0FA0;
constexpr std::uint16_t kTextBytesAtom = 0x0FA8;
constexpr std::uint16_t kCryptSession10Container = 0x2F14;
constexpr std::size_t kRecordsPerClockCheck = 4096;

// '\r' ends a paragraph and 0x0B is a vertical tab (line break) inside a text atom (§2.9.1
// TextCharsAtom); other controls are dropped, tabs kept.
std::string atomText(std::string_view data, bool utf16) {
  std::string raw;
  if (utf16) {
    appendUtf16(data, raw);
  } else {
    appendAnsi(data, false, raw);
  }
  std::string text;
  text.reserve(raw.size() + 1);
  for (const char c : raw) {
    if (c == '\r' || c == 0x0B || c == '\n') {
      text += '\n';
    } else if (c == '\t' || static_cast<unsigned char>(c) >= 0x20) {
      text += c;
    }
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

}  // namespace

ExtractStatus pptDocumentText(std::string_view s, TextSink& sink, ExtractContext& ctx) {
  sink.beginPart("slides", PartKind::kParagraphs);
  // A container's children follow its header directly, so walking the stream record by record,
  // stepping into containers rather than over them, visits every atom once, without recursion.
  std::unordered_set<std::size_t> seen;
  std::uint64_t total = 0;
  std::size_t pos = 0;
  for (std::size_t n = 0; pos < s.size(); ++n) {
    if (n % kRecordsPerClockCheck == 0 && ctx.expired())
      return ExtractStatus::tooLarge("time budget spent");
    if (s.size() - pos < 8) return ExtractStatus::corrupt("truncated PowerPoint Document record");
    const std::uint16_t ver_instance = le16(s, pos);
    const std::uint16_t type = le16(s, pos + 2);
    const std::uint32_t length = le32(s, pos + 4);
    pos += 8;
    if ((ver_instance & 0x0F) == 0x0F) {
      if (type == kCryptSession10Container)
        return ExtractStatus::protectedDoc("password-protected PPT");
      continue;
    }
    if (length > s.size() - pos)
      return ExtractStatus::corrupt("PowerPoint Document record past the stream");
    if (type == kTextCharsAtom || type == kTextBytesAtom) {
      const std::string text = atomText(s.substr(pos, length), type == kTextCharsAtom);
      if (!text.empty() && seen.insert(std::hash<std::string>{}(text)).second) {
        total += text.size();
        if (total > ctx.limits().max_member_bytes)
          return ExtractStatus::tooLarge("PPT text larger than " +
                                         std::to_string(ctx.limits().max_member_bytes) + " bytes");
        sink.append(text);
      }
    }
    pos += length;
  }
  return ExtractStatus::ok();
}

ExtractStatus extractPpt(const CompoundFile& file, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("ppt");
  // [MS-PPT] §2.1.4: an encrypted presentation keeps its summary in "EncryptedSummary".
  if (file.find({"EncryptedSummary"})) return ExtractStatus::protectedDoc("password-protected PPT");
  const std::optional<std::uint32_t> id = file.find({"PowerPoint Document"});
  if (!id) return ExtractStatus::corrupt("PPT without PowerPoint Document stream");
  Result<std::string> stream = file.readStream(*id);
  if (!stream) return ExtractStatus::corrupt(stream.error().message());
  return pptDocumentText(*stream, sink, ctx);
}

}  // namespace jamul::scanner::extract::ole
