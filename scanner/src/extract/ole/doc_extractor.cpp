// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/doc_extractor.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "extract/ole/ole_util.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::extract::ole {
namespace {

// §2.5.2 FibBase.
constexpr std::uint16_t kWordIdent = 0xA5EC;
constexpr std::uint16_t kWord6Ident = 0xA5DC;  // Word 6 and 95 FIB
constexpr std::uint16_t kFComplex = 0x0004;
constexpr std::uint16_t kFEncrypted = 0x0100;
constexpr std::uint16_t kFWhichTblStm = 0x0200;
constexpr std::size_t kFibBaseSize = 32;
// nFib of Word 97 is 0x00C1; Word 6 and 95 wrote 0x0065..0x0068 with their own FIB layout.
constexpr std::uint16_t kFirstWord97Fib = 0x00C0;
// §2.5.6 FibRgFcLcb97: fcClx/lcbClx is the 34th (fc, lcb) pair.
constexpr std::size_t kClxPair = 33;
constexpr std::size_t kFlushBytes = 64 * 1024;

struct Fib {
  std::uint16_t n_fib = 0;
  std::uint16_t flags = 0;
  std::uint32_t fc_clx = 0;
  std::uint32_t lcb_clx = 0;
};

// The FIB's fixed part and the variable arrays up to fcClx (§2.5.1: csw, fibRgW, cslw, fibRgLw,
// cbRgFcLcb, fibRgFcLcbBlob), each count checked against the stream.
std::optional<Fib> readFib(std::string_view s, std::string& error) {
  if (s.size() < kFibBaseSize || (le16(s, 0) != kWordIdent && le16(s, 0) != kWord6Ident)) {
    error = "WordDocument without a Word FIB";
    return std::nullopt;
  }
  Fib fib;
  fib.n_fib = le16(s, 2);
  fib.flags = le16(s, 0x0A);
  if (fib.n_fib < kFirstWord97Fib) return fib;
  std::size_t pos = kFibBaseSize;
  if (s.size() < pos + 2) return fib;
  pos += 2 + std::size_t{le16(s, pos)} * 2;  // fibRgW
  if (s.size() < pos + 2) return fib;
  pos += 2 + std::size_t{le16(s, pos)} * 4;  // fibRgLw
  if (s.size() < pos + 2) return fib;
  const std::size_t pairs = le16(s, pos);
  pos += 2;
  if (pairs > kClxPair && s.size() >= pos + (kClxPair + 1) * 8) {
    fib.fc_clx = le32(s, pos + kClxPair * 8);
    fib.lcb_clx = le32(s, pos + kClxPair * 8 + 4);
  }
  return fib;
}

// Turns Word's text stream into lines (§2.4.2 ff. special characters).
class TextWriter {
 public:
  TextWriter(TextSink& sink, ExtractContext& ctx) : sink_(sink), ctx_(ctx) {}

  // False once the text passes limits().max_member_bytes.
  bool put(char32_t c) {
    const bool cell = c == 0x07;
    switch (c) {
      case 0x13:  // field begin: its code follows, hidden
        if (fields_.size() < kMaxFieldDepth) {
          fields_.push_back(false);
          ++hidden_;
        }
        break;
      case 0x14:  // field separator: its result follows, shown
        if (!fields_.empty() && !fields_.back()) {
          fields_.back() = true;
          --hidden_;
        }
        break;
      case 0x15:  // field end
        if (!fields_.empty()) {
          if (!fields_.back()) --hidden_;
          fields_.pop_back();
        }
        break;
      default:
        if (hidden_ > 0) break;
        if (c == 0x0D || c == 0x0B || c == 0x0C) {
          out_ += '\n';
        } else if (cell) {
          // A row ends with a row mark right after its last cell's mark (§2.4.4).
          out_ += after_cell_ ? '\n' : '\t';
        } else if (c == 0x09) {
          out_ += '\t';
        } else if (c == 0x1E) {
          out_ += '-';  // non-breaking hyphen
        } else if (c == 0xA0) {
          out_ += ' ';
        } else if (c >= 0x20) {
          utf8::append(out_, c);
        }
        break;
    }
    after_cell_ = cell && !after_cell_;
    if (out_.size() >= kFlushBytes) return flush();
    return true;
  }

  bool flush() {
    total_ += out_.size();
    if (total_ > ctx_.limits().max_member_bytes) return false;
    sink_.append(out_);
    out_.clear();
    return true;
  }

  // Ends the text with a line break, so the last paragraph is a whole line.
  bool finish() {
    if (!out_.empty() && out_.back() != '\n') out_ += '\n';
    return flush();
  }

 private:
  static constexpr std::size_t kMaxFieldDepth = 1024;
  TextSink& sink_;
  ExtractContext& ctx_;
  std::string out_;
  std::uint64_t total_ = 0;
  std::vector<bool> fields_;  // per open field: in its result (true) or its code (false)
  std::size_t hidden_ = 0;    // open fields still in their code
  bool after_cell_ = false;
};

ExtractStatus tooMuchText(const ExtractContext& ctx) {
  return ExtractStatus::tooLarge("DOC text larger than " +
                                 std::to_string(ctx.limits().max_member_bytes) + " bytes");
}

// Word 6/95 (not fast-saved): the text is the 8-bit run [fcMin, fcMac) of the stream.
ExtractStatus word6Text(std::string_view s, const Fib& fib, TextSink& sink, ExtractContext& ctx) {
  if (fib.flags & kFComplex) return ExtractStatus::unsupported("fast-saved Word 6/95 document");
  if (s.size() < 0x20) return ExtractStatus::corrupt("truncated Word 6/95 FIB");
  const std::uint32_t fc_min = le32(s, 0x18);
  const std::uint32_t fc_mac = le32(s, 0x1C);
  ExtractStatus status;
  std::size_t end = fc_mac;
  if (fc_min > fc_mac || fc_min > s.size())
    return ExtractStatus::corrupt("bad Word 6/95 text range");
  if (end > s.size()) {
    end = s.size();
    status = ExtractStatus::corrupt("Word 6/95 text past the WordDocument stream");
  }
  TextWriter writer(sink, ctx);
  for (std::size_t i = fc_min; i < end; ++i)
    if (!writer.put(cp1252(static_cast<unsigned char>(s[i])))) return tooMuchText(ctx);
  if (!writer.finish()) return tooMuchText(ctx);
  return status;
}

}  // namespace

ExtractStatus docText(std::string_view word_document, std::string_view table, TextSink& sink,
                      ExtractContext& ctx) {
  const std::string_view s = word_document;
  std::string error;
  const std::optional<Fib> fib = readFib(s, error);
  if (!fib) return ExtractStatus::corrupt(error);
  if (fib->flags & kFEncrypted) return ExtractStatus::protectedDoc("password-protected DOC");
  sink.beginPart("body", PartKind::kParagraphs);
  if (fib->n_fib < kFirstWord97Fib) return word6Text(s, *fib, sink, ctx);
  if (fib->lcb_clx == 0) return ExtractStatus::corrupt("DOC without a piece table");
  if (fib->fc_clx > table.size() || fib->lcb_clx > table.size() - fib->fc_clx)
    return ExtractStatus::corrupt("DOC piece table past the table stream");
  const std::string_view clx = table.substr(fib->fc_clx, fib->lcb_clx);

  // §2.9.38 Clx: Prc (clxt 1, cbGrpprl, grpprl) records, then the Pcdt (clxt 2, lcb, PlcPcd).
  std::string_view plc;
  for (std::size_t pos = 0; pos < clx.size();) {
    const auto clxt = static_cast<unsigned char>(clx[pos]);
    if (clxt == 1 && clx.size() - pos >= 3) {
      pos += 3 + std::size_t{le16(clx, pos + 1)};
    } else if (clxt == 2 && clx.size() - pos >= 5) {
      const std::uint32_t lcb = le32(clx, pos + 1);
      if (lcb > clx.size() - pos - 5) return ExtractStatus::corrupt("DOC piece table truncated");
      plc = clx.substr(pos + 5, lcb);
      break;
    } else {
      return ExtractStatus::corrupt("bad DOC piece table");
    }
  }
  // §2.8.35 PlcPcd: n + 1 character positions, then n 8-byte Pcds.
  if (plc.size() < 4 + 12) return ExtractStatus::corrupt("DOC without pieces");
  const std::size_t pieces = (plc.size() - 4) / 12;
  ExtractStatus status;
  TextWriter writer(sink, ctx);
  for (std::size_t i = 0; i < pieces; ++i) {
    if (ctx.expired()) {
      foldStatus(status, ExtractStatus::tooLarge("time budget spent"));
      break;
    }
    const std::uint32_t cp_start = le32(plc, i * 4);
    const std::uint32_t cp_end = le32(plc, (i + 1) * 4);
    if (cp_end <= cp_start) {
      foldStatus(status, ExtractStatus::corrupt("DOC piece table out of order"));
      break;
    }
    const std::uint32_t fc_compressed = le32(plc, (pieces + 1) * 4 + i * 8 + 2);
    const bool compressed = (fc_compressed & 0x40000000u) != 0;
    const std::uint32_t fc = fc_compressed & 0x3FFFFFFFu;
    const std::size_t offset = compressed ? fc / 2 : fc;
    const std::size_t unit = compressed ? 1 : 2;
    std::size_t count = cp_end - cp_start;
    if (offset > s.size() || count > (s.size() - offset) / unit) {
      foldStatus(status, ExtractStatus::corrupt("DOC piece past the WordDocument stream"));
      if (offset > s.size()) continue;
      count = (s.size() - offset) / unit;
    }
    const std::string_view bytes = s.substr(offset, count * unit);
    for (std::size_t k = 0; k < bytes.size();) {
      const char32_t c =
          compressed ? cp1252(static_cast<unsigned char>(bytes[k++])) : nextUtf16(bytes, k);
      if (!writer.put(c)) return tooMuchText(ctx);
    }
  }
  if (!writer.finish()) return tooMuchText(ctx);
  return status;
}

ExtractStatus extractDoc(const CompoundFile& file, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("doc");
  const std::optional<std::uint32_t> word_id = file.find({"WordDocument"});
  if (!word_id) return ExtractStatus::corrupt("DOC without WordDocument stream");
  Result<std::string> word = file.readStream(*word_id);
  if (!word) return ExtractStatus::corrupt(word.error().message());
  std::string error;
  const std::optional<Fib> fib = readFib(*word, error);
  if (!fib) return ExtractStatus::corrupt(error);
  if (fib->flags & kFEncrypted) return ExtractStatus::protectedDoc("password-protected DOC");
  std::string table;
  if (fib->n_fib >= kFirstWord97Fib) {
    const std::optional<std::uint32_t> table_id =
        file.find({(fib->flags & kFWhichTblStm) ? "1Table" : "0Table"});
    if (!table_id) return ExtractStatus::corrupt("DOC without its table stream");
    Result<std::string> read = file.readStream(*table_id);
    if (!read) return ExtractStatus::corrupt(read.error().message());
    table = std::move(*read);
  }
  return docText(*word, table, sink, ctx);
}

}  // namespace jamul::scanner::extract::ole
