// SPDX-License-Identifier: Apache-2.0
// extractOle(): opens the compound file and picks the format by the streams present ([MS-CFB]
// says nothing of the application; each format names its own streams). A compound file that
// cannot be read as one (issue 12: most often cut short, losing the directory and FAT that
// writers put last) is salvaged from its bytes: an HWP document's sections are carved
// (hwp_carver.h), anything else gives its raw text runs (text_runs.h). Salvaged text counts; the
// status stays kCorrupt, its detail naming the damage and saying that text was salvaged.
#include <string>

#include "extract/extractors.h"
#include "extract/ole/compound_file.h"
#include "extract/ole/doc_extractor.h"
#include "extract/ole/hwp_carver.h"
#include "extract/ole/hwp_extractor.h"
#include "extract/ole/msg_extractor.h"
#include "extract/ole/ppt_extractor.h"
#include "extract/ole/text_runs.h"
#include "extract/ole/xls_extractor.h"

namespace jamul::scanner::extract {
namespace {

// Passes text on, noting whether any of it was more than white space.
class TextSeen : public TextSink {
 public:
  explicit TextSeen(TextSink& sink) : sink_(sink) {}
  void beginPart(std::string_view location, PartKind kind) override {
    sink_.beginPart(location, kind);
  }
  void append(std::string_view utf8) override {
    if (!seen_ && utf8.find_first_not_of(" \t\r\n") != std::string_view::npos) seen_ = true;
    sink_.append(utf8);
  }
  bool seen() const { return seen_; }

 private:
  TextSink& sink_;
  bool seen_ = false;
};

// `damage` + what the salvage found, for the status detail (never document text).
std::string salvageDetail(std::string damage, std::string_view found, const ExtractStatus& stop) {
  damage += "; ";
  damage += found;
  if (!stop.isOk()) damage += " (" + stop.detail + ")";
  return damage;
}

ExtractStatus salvageRuns(std::string_view bytes, std::string damage, TextSink& sink,
                          ExtractContext& ctx) {
  const ole::SalvagedRuns runs = ole::salvageTextRuns(bytes, sink, ctx);
  return ExtractStatus::corrupt(salvageDetail(
      std::move(damage), runs.runs > 0 ? "text salvaged from the raw bytes" : "no text salvaged",
      runs.status));
}

// The file is a compound file by its signature but its structures cannot be read (`damage`).
ExtractStatus salvage(std::string_view bytes, std::string damage, TextSink& sink,
                      ExtractContext& ctx) {
  ole::HwpSections storage = ole::HwpSections::kUnknown;
  if (const std::optional<ole::HwpFileHeader> header = ole::findHwpFileHeader(bytes)) {
    ctx.setFormat("hwp");
    if ((header->version >> 24) < 5) return ExtractStatus::unsupported("HWP 3 format");
    // An encrypted body stays unread, whole or not.
    if (std::optional<ExtractStatus> encrypted = ole::hwpProtection(header->flags))
      return *encrypted;
    storage =
        header->compressed() ? ole::HwpSections::kCompressed : ole::HwpSections::kUncompressed;
  }
  // Without a FileHeader the file may still be an HWP whose header lay past the cut: carving
  // finds nothing in other formats' bytes (a section's first record must be there).
  const ole::CarvedSections carved = ole::carveHwpSections(bytes, storage, sink, ctx);
  if (carved.sections > 0) {
    ctx.setFormat("hwp");
    return ExtractStatus::corrupt(
        salvageDetail(std::move(damage),
                      "text salvaged from " + std::to_string(carved.sections) +
                          (carved.sections == 1 ? " BodyText section" : " BodyText sections"),
                      carved.status));
  }
  if (!carved.status.isOk())
    return ExtractStatus::corrupt(
        salvageDetail(std::move(damage), "no text salvaged", carved.status));
  // An HWP without carvable sections still has its preview (UTF-16) and, uncompressed, its
  // text as runs.
  return salvageRuns(bytes, std::move(damage), sink, ctx);
}

// Reads the document in an open compound file by the format its streams name.
ExtractStatus readFormat(const ole::CompoundFile& file, TextSink& sink, ExtractContext& ctx) {
  if (file.find({"FileHeader"})) {
    ctx.setFormat("hwp");
    return ole::extractHwp(file, sink, ctx);
  }
  // [MS-OFFCRYPTO] §2.3.4: an encrypted OOXML package is a compound file holding these streams.
  if (file.find({"EncryptionInfo"}) && file.find({"EncryptedPackage"}))
    return ExtractStatus::protectedDoc("encrypted OOXML document");
  TextSeen seen(sink);
  ExtractStatus status;
  if (file.find({"WordDocument"})) {
    status = ole::extractDoc(file, seen, ctx);
  } else if (file.find({"Workbook"}) || file.find({"Book"})) {
    status = ole::extractXls(file, seen, ctx);
  } else if (file.find({"PowerPoint Document"})) {
    status = ole::extractPpt(file, seen, ctx);
  } else if (ole::isMsg(file)) {
    status = ole::extractMsg(file, seen, ctx);
  } else {
    return ExtractStatus::unsupported("ole2 file of unknown kind");
  }
  // A stream the format needs could not be read (its chain cut off, say) and nothing was read
  // before: its text may still be in the file (issue 12). Text already read is not read twice.
  if (status.status == FileStatus::kCorrupt && !seen.seen())
    return salvageRuns(file.bytes(), std::move(status.detail), sink, ctx);
  return status;
}

}  // namespace

ExtractStatus extractOle(const Document& doc, TextSink& sink, ExtractContext& ctx) {
  // HWP 3.x is not a compound file but shares the signature's first words; it reaches us when a
  // caller routes by name.
  if (doc.bytes.substr(0, 20) == "HWP Document File V3")
    return ExtractStatus::unsupported("HWP 3 format");
  Result<ole::CompoundFile> file = ole::CompoundFile::open(doc.bytes);
  if (!file) {
    if (file.error().code() == ErrorCode::kUnsupportedFormat)
      return ExtractStatus::unsupported(file.error().message());
    return salvage(doc.bytes, file.error().message(), sink, ctx);
  }
  if (ctx.expired()) return ExtractStatus::tooLarge("time budget spent");
  ExtractStatus status = readFormat(*file, sink, ctx);
  // Everything read, but the file lost its end (sectors it uses are gone): not a whole document.
  if (status.isOk() && file->cutShort())
    status = ExtractStatus::corrupt("compound file cut short: sectors in use past its end");
  return status;
}

}  // namespace jamul::scanner::extract
