// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/msg_extractor.h"

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "decode/text_decoder.h"
#include "extract/extractors.h"
#include "extract/ole/ole_util.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::extract::ole {
namespace {

constexpr std::string_view kPropertyPrefix = "__substg1.0_";
constexpr std::string_view kPropertiesStream = "__properties_version1.0";
constexpr std::string_view kRecipientPrefix = "__recip_version1.0_";
constexpr std::string_view kAttachmentPrefix = "__attach_version1.0_";

// [MS-OXCDATA] §2.11.1 property types.
constexpr std::uint16_t kTypeLong = 0x0003;
constexpr std::uint16_t kTypeObject = 0x000D;
constexpr std::uint16_t kTypeString8 = 0x001E;
constexpr std::uint16_t kTypeUnicode = 0x001F;
constexpr std::uint16_t kTypeBinary = 0x0102;

// [MS-OXPROPS] property ids.
constexpr std::uint16_t kSubject = 0x0037;
constexpr std::uint16_t kTransportHeaders = 0x007D;
constexpr std::uint16_t kSenderName = 0x0C1A;
constexpr std::uint16_t kSenderEmail = 0x0C1F;
constexpr std::uint16_t kDisplayBcc = 0x0E02;
constexpr std::uint16_t kDisplayCc = 0x0E03;
constexpr std::uint16_t kDisplayTo = 0x0E04;
constexpr std::uint16_t kBody = 0x1000;
constexpr std::uint16_t kHtml = 0x1013;
constexpr std::uint16_t kDisplayName = 0x3001;
constexpr std::uint16_t kEmailAddress = 0x3003;
constexpr std::uint16_t kAttachFilename = 0x3704;
constexpr std::uint16_t kAttachData = 0x3701;
constexpr std::uint16_t kAttachLongFilename = 0x3707;
constexpr std::uint16_t kSmtpAddress = 0x39FE;
constexpr std::uint16_t kInternetCodepage = 0x3FDE;
constexpr std::uint16_t kMessageCodepage = 0x3FFD;
constexpr std::uint16_t kSenderSmtp = 0x5D01;

bool startsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

std::optional<std::uint32_t> parseHex(std::string_view s) {
  if (s.size() != 8) return std::nullopt;
  std::uint32_t v = 0;
  for (const char c : s) {
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= static_cast<std::uint32_t>(c - '0');
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
      v |= static_cast<std::uint32_t>((c | 0x20) - 'a' + 10);
    } else {
      return std::nullopt;
    }
  }
  return v;
}

// Prefixes the parts of an embedded message with its attachment's name.
class PrefixingSink final : public TextSink {
 public:
  PrefixingSink(std::string prefix, TextSink& inner) : prefix_(std::move(prefix)), inner_(inner) {}
  void beginPart(std::string_view location, PartKind kind) override {
    inner_.beginPart(location.empty() ? prefix_ : prefix_ + "!" + std::string(location), kind);
  }
  void append(std::string_view utf8) override { inner_.append(utf8); }

 private:
  std::string prefix_;
  TextSink& inner_;
};

std::string oneLine(std::string s) {
  for (char& c : s)
    if (c == '\r' || c == '\n' || c == '\t') c = ' ';
  return s;
}

std::string withoutCarriageReturns(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 1);
  for (const char c : s)
    if (c != '\r') out += c;
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

// The property streams of one storage (a message, a recipient or an attachment).
class PropertyStorage {
 public:
  // `header_size`: [MS-OXMSG] §2.4.1: 32 for the top-level message, 24 for an embedded message,
  // 8 for recipients and attachments.
  PropertyStorage(const CompoundFile& file, std::uint32_t storage, std::size_t header_size,
                  std::uint32_t code_page)
      : file_(file), code_page_(code_page) {
    for (const std::uint32_t id : file.children(storage)) {
      const CompoundFile::Entry& e = file.entries()[id];
      if (startsWith(e.name, kPropertyPrefix)) {
        if (const std::optional<std::uint32_t> tag =
                parseHex(e.name.substr(kPropertyPrefix.size())))
          tags_.emplace(*tag, id);
      } else if (e.name == kPropertiesStream && e.type == CompoundFile::EntryType::kStream) {
        readFixed(id, header_size);
      }
    }
  }

  std::uint32_t codePage() const { return code_page_; }

  std::optional<std::uint32_t> entry(std::uint16_t prop, std::uint16_t type) const {
    const auto it = tags_.find(std::uint32_t{prop} << 16 | type);
    if (it == tags_.end()) return std::nullopt;
    return it->second;
  }

  std::optional<std::string> bytes(std::uint16_t prop, std::uint16_t type) {
    const std::optional<std::uint32_t> id = entry(prop, type);
    if (!id || file_.entries()[*id].type != CompoundFile::EntryType::kStream) return std::nullopt;
    Result<std::string> data = file_.readStream(*id);
    if (!data) {
      foldStatus(status_, ExtractStatus::corrupt(data.error().message()));
      return std::nullopt;
    }
    return std::move(*data);
  }

  // A string property, UTF-16 (001F) or 8-bit (001E), as UTF-8 without trailing NULs.
  std::optional<std::string> text(std::uint16_t prop) {
    if (std::optional<std::string> wide = bytes(prop, kTypeUnicode)) {
      std::string out;
      appendUtf16(*wide, out);
      return out;
    }
    std::optional<std::string> narrow = bytes(prop, kTypeString8);
    if (!narrow) return std::nullopt;
    while (!narrow->empty() && narrow->back() == '\0') narrow->pop_back();
    return decode8Bit(*narrow);
  }

  std::string decode8Bit(std::string_view s) const {
    std::string out;
    if (code_page_ == 949 || code_page_ == 51949) {
      if (auto decoder = decode::makeDecoder(decode::TextEncoding::kCp949)) {
        (*decoder)->decode(s, true, out);
        return out;
      }
    }
    if (code_page_ == 65001 || utf8::isValid(s)) return utf8::toValidLossy(s);
    appendAnsi(s, true, out);
    return out;
  }

  const ExtractStatus& status() const { return status_; }

 private:
  void readFixed(std::uint32_t id, std::size_t header_size) {
    Result<std::string> data = file_.readStream(id);
    if (!data) return;
    std::optional<std::uint32_t> internet;
    std::optional<std::uint32_t> message;
    // §2.4.2.1: 16-byte entries: tag, flags, 8-byte value (a PT_LONG in its first 4 bytes).
    for (std::size_t at = header_size; at + 16 <= data->size(); at += 16) {
      const std::uint32_t tag = le32(*data, at);
      if (tag == (std::uint32_t{kInternetCodepage} << 16 | kTypeLong))
        internet = le32(*data, at + 8);
      if (tag == (std::uint32_t{kMessageCodepage} << 16 | kTypeLong)) message = le32(*data, at + 8);
    }
    if (internet) {
      code_page_ = *internet;
    } else if (message) {
      code_page_ = *message;
    }
  }

  const CompoundFile& file_;
  std::uint32_t code_page_;
  std::map<std::uint32_t, std::uint32_t> tags_;
  ExtractStatus status_;
};

ExtractStatus readMessage(const CompoundFile& file, std::uint32_t storage, std::size_t header_size,
                          int level, TextSink& sink, ExtractContext& ctx);

ExtractStatus readAttachment(const CompoundFile& file, std::uint32_t storage, std::size_t number,
                             std::uint32_t code_page, int level, TextSink& sink,
                             ExtractContext& ctx) {
  PropertyStorage props(file, storage, 8, code_page);
  std::optional<std::string> name = props.text(kAttachLongFilename);
  if (!name || name->empty()) name = props.text(kAttachFilename);
  if (!name || name->empty()) name = props.text(kDisplayName);
  // The status of an attachment that cannot be read names it (issue 12), as mail's do.
  std::string label = "attachment " + std::to_string(number);
  if (name && !name->empty()) label += " (" + detailName(*name) + ")";
  if (!name || name->empty()) name = "attachment " + std::to_string(number);
  const std::string location = "attachment:" + oneLine(*name);
  ExtractStatus status;
  if (!ctx.chargeEntry()) return ExtractStatus::tooLarge("too many attachments");
  if (const std::optional<std::uint32_t> sub = props.entry(kAttachData, kTypeObject);
      sub && file.entries()[*sub].type == CompoundFile::EntryType::kStorage) {
    // An embedded message is a storage, not bytes: it is read here, with the dispatcher's limit.
    if (ctx.depth() + level + 1 > ctx.limits().max_depth) {
      foldStatus(status, ExtractStatus::tooLarge("messages nested deeper than " +
                                                 std::to_string(ctx.limits().max_depth)));
      return status;
    }
    PrefixingSink prefixed(location, sink);
    foldStatus(status, partStatus(label, readMessage(file, *sub, 24, level + 1, prefixed, ctx)));
    return status;
  }
  if (std::optional<std::string> data = props.bytes(kAttachData, kTypeBinary))
    foldStatus(status, partStatus(label, ctx.nested(location, {*data, *name}, sink)));
  foldStatus(status, partStatus(label, props.status()));
  return status;
}

ExtractStatus readMessage(const CompoundFile& file, std::uint32_t storage, std::size_t header_size,
                          int level, TextSink& sink, ExtractContext& ctx) {
  PropertyStorage props(file, storage, header_size, 0);
  std::string headers;
  auto line = [&](std::string_view field, std::optional<std::string> value) {
    if (value && !value->empty()) headers += std::string(field) + ": " + oneLine(*value) + "\n";
  };
  line("Subject", props.text(kSubject));
  std::optional<std::string> from = props.text(kSenderName);
  std::optional<std::string> address = props.text(kSenderSmtp);
  if (!address) address = props.text(kSenderEmail);
  if (address && !address->empty())
    from = (from ? *from + " " : std::string()) + "<" + *address + ">";
  line("From", from);
  line("To", props.text(kDisplayTo));
  line("Cc", props.text(kDisplayCc));
  line("Bcc", props.text(kDisplayBcc));
  std::vector<std::uint32_t> attachments;
  for (const std::uint32_t id : file.children(storage)) {
    const CompoundFile::Entry& e = file.entries()[id];
    if (e.type != CompoundFile::EntryType::kStorage) continue;
    if (startsWith(e.name, kAttachmentPrefix)) attachments.push_back(id);
    if (!startsWith(e.name, kRecipientPrefix)) continue;
    PropertyStorage recipient(file, id, 8, props.codePage());
    std::optional<std::string> who = recipient.text(kDisplayName);
    std::optional<std::string> mail = recipient.text(kSmtpAddress);
    if (!mail) mail = recipient.text(kEmailAddress);
    if (mail && !mail->empty()) who = (who ? *who + " " : std::string()) + "<" + *mail + ">";
    line("Recipient", who);
  }
  if (std::optional<std::string> transport = props.text(kTransportHeaders))
    headers += withoutCarriageReturns(*transport);
  sink.beginPart("headers", PartKind::kLines);
  sink.append(headers);

  ExtractStatus status;
  if (std::optional<std::string> body = props.text(kBody)) {
    sink.beginPart("body", PartKind::kParagraphs);
    sink.append(withoutCarriageReturns(*body));
  } else if (std::optional<std::string> html = props.bytes(kHtml, kTypeBinary)) {
    foldStatus(status, extractMarkup({*html, "body.html"}, sink, ctx));
  } else if (std::optional<std::string> html_text = props.text(kHtml)) {
    foldStatus(status, extractMarkup({*html_text, "body.html"}, sink, ctx));
  }
  foldStatus(status, props.status());

  for (std::size_t i = 0; i < attachments.size(); ++i) {
    if (ctx.expired()) {
      foldStatus(status, ExtractStatus::tooLarge("time budget spent"));
      break;
    }
    foldStatus(status,
               readAttachment(file, attachments[i], i + 1, props.codePage(), level, sink, ctx));
  }
  return status;
}

}  // namespace

bool isMsg(const CompoundFile& file) {
  for (const std::uint32_t id : file.children(CompoundFile::kRootId)) {
    const std::string& name = file.entries()[id].name;
    if (name == kPropertiesStream || startsWith(name, kPropertyPrefix)) return true;
  }
  return false;
}

ExtractStatus extractMsg(const CompoundFile& file, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("msg");
  return readMessage(file, CompoundFile::kRootId, 32, 0, sink, ctx);
}

}  // namespace jamul::scanner::extract::ole
