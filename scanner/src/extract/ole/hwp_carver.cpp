// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/hwp_carver.h"

#include <zlib.h>

#include <algorithm>
#include <string>

#include "extract/ole/ole_util.h"

namespace jamul::scanner::extract::ole {
namespace {

// [MS-CFB] §2.2: the header takes the first 512 bytes; every sector, and so every mini sector,
// starts at a multiple of 64 bytes after it.
constexpr std::size_t kHeaderBytes = 512;
constexpr std::size_t kMiniSector = 64;
constexpr std::string_view kSignature = "HWP Document File";
// A PARA_HEADER body ("문단 헤더") is 22 bytes, 24 in later 5.0.x versions (the corpus' sections
// have both); a little room for versions to come, none for garbage.
constexpr std::uint64_t kMinParaHeader = 18;
constexpr std::uint64_t kMaxParaHeader = 64;
// The spec's BodyText record tags run from PARA_HEADER (HWPTAG_BEGIN + 50) into the nineties
// (the corpus uses + 50 .. + 77); up to HWPTAG_BEGIN + 239 is allowed for versions to come.
constexpr std::uint32_t kLastBodyTag = kHwpTagBegin + 239;
// Inflating this much tells a section's first records from other data.
constexpr std::size_t kProbeOutput = 256;
constexpr std::size_t kProbeInput = 16 * 1024;
constexpr std::size_t kCandidatesPerClockCheck = 1024;

std::size_t alignUp(std::size_t n) { return (n + kMiniSector - 1) / kMiniSector * kMiniSector; }

// Inflates the start of a candidate stream without charging the budgets: a few hundred bytes per
// sector boundary, most of which fail within their first bytes. One zlib state is reused.
class InflateProbe {
 public:
  InflateProbe() { ready_ = inflateInit2(&z_, -15) == Z_OK; }
  ~InflateProbe() {
    if (ready_) inflateEnd(&z_);
  }
  InflateProbe(const InflateProbe&) = delete;
  InflateProbe& operator=(const InflateProbe&) = delete;

  // True when `compressed` inflates (raw, or zlib-wrapped as some writers store sections) to
  // bytes that begin a section's records.
  bool startsSection(std::string_view compressed) {
    if (startsSection(compressed, -15)) return true;
    // RFC 1950 §2.2: CMF 0x78 (deflate, 32 KiB window) and FCHECK making CMF·256 + FLG a
    // multiple of 31.
    return compressed.size() >= 2 && static_cast<unsigned char>(compressed[0]) == 0x78 &&
           (0x7800u | static_cast<unsigned char>(compressed[1])) % 31 == 0 &&
           startsSection(compressed, 15);
  }

 private:
  bool startsSection(std::string_view compressed, int window_bits) {
    if (!ready_ || inflateReset2(&z_, window_bits) != Z_OK) return false;
    const std::size_t in = std::min(compressed.size(), kProbeInput);
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    z_.avail_in = static_cast<uInt>(in);
    z_.next_out = reinterpret_cast<Bytef*>(out_);
    z_.avail_out = sizeof out_;
    (void)inflate(&z_, Z_SYNC_FLUSH);  // what came out before an error is what is judged
    const std::size_t produced = sizeof out_ - z_.avail_out;
    return plausibleSectionPrefix(std::string_view(out_, produced)) > 0;
  }

  z_stream z_{};
  bool ready_ = false;
  char out_[kProbeOutput];
};

}  // namespace

std::optional<HwpFileHeader> findHwpFileHeader(std::string_view file_bytes) {
  for (std::size_t at = file_bytes.find(kSignature, kHeaderBytes); at != std::string_view::npos;
       at = file_bytes.find(kSignature, at + 1)) {
    if (at % kMiniSector != 0) continue;
    if (std::optional<HwpFileHeader> header = parseHwpFileHeader(file_bytes.substr(at)))
      return header;
  }
  return std::nullopt;
}

std::size_t plausibleSectionPrefix(std::string_view records) {
  std::size_t pos = 0;
  std::uint32_t previous_level = 0;
  while (pos < records.size()) {
    const std::optional<HwpRecordHeader> h = readHwpRecordHeader(records, pos);
    if (!h) break;
    if (pos == 0) {
      if (h->tag != kHwpTagParaHeader || h->level != 0 || h->size < kMinParaHeader ||
          h->size > kMaxParaHeader)
        return 0;
    } else if (h->tag < kHwpTagParaHeader || h->tag > kLastBodyTag ||
               h->level > previous_level + 1) {
      break;
    }
    previous_level = h->level;
    const std::size_t body = pos + h->header_bytes;
    // A record cut by the end of the bytes is the last; its header fit, so its text is kept.
    if (h->size > records.size() - body) return records.size();
    pos = body + h->size;
  }
  return pos;
}

CarvedSections carveHwpSections(std::string_view file_bytes, HwpSections storage, TextSink& sink,
                                ExtractContext& ctx) {
  CarvedSections out;
  InflateProbe probe;
  auto emit = [&](std::string_view records) {
    std::string text;
    (void)hwpSectionText(records, text);  // a cut last record is expected here
    // Sections of empty paragraphs (a stale copy of a section's start, say) make no part.
    if (text.find_first_not_of(" \t\n") == std::string::npos) return;
    ++out.sections;
    sink.beginPart("salvaged section " + std::to_string(out.sections), PartKind::kParagraphs);
    sink.append(text);
  };
  std::size_t candidates = 0;
  for (std::size_t pos = kHeaderBytes; pos + 4 <= file_bytes.size();) {
    if (++candidates % kCandidatesPerClockCheck == 0 && ctx.expired()) {
      out.status = ExtractStatus::tooLarge("time budget spent");
      break;
    }
    const std::string_view rest = file_bytes.substr(pos);
    std::size_t used = 0;
    if (storage != HwpSections::kUncompressed && probe.startsSection(rest)) {
      Inflated inflated = inflateRaw(rest, "salvaged BodyText section", ctx);
      emit(std::string_view(inflated.data).substr(0, plausibleSectionPrefix(inflated.data)));
      used = inflated.consumed;
      // A corrupt end is what a carved stream has; a spent budget ends the carving.
      if (inflated.status.status != FileStatus::kOk &&
          inflated.status.status != FileStatus::kCorrupt) {
        out.status = inflated.status;
        break;
      }
    } else if (storage != HwpSections::kCompressed) {
      used = plausibleSectionPrefix(rest);
      if (used > 0) emit(rest.substr(0, used));
    }
    pos = alignUp(pos + std::max<std::size_t>(used, 1));
  }
  return out;
}

}  // namespace jamul::scanner::extract::ole
