// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/xls_extractor.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>
#include <vector>

#include "decode/text_decoder.h"
#include "extract/ole/ole_util.h"

namespace jamul::scanner::extract::ole {
namespace {

// [MS-XLS] §2.3 record types.
constexpr std::uint16_t kFormula = 0x0006;
constexpr std::uint16_t kEof = 0x000A;
constexpr std::uint16_t kFilePass = 0x002F;
constexpr std::uint16_t kContinue = 0x003C;
constexpr std::uint16_t kCodePage = 0x0042;
constexpr std::uint16_t kBoundSheet = 0x0085;
constexpr std::uint16_t kMulRk = 0x00BD;
constexpr std::uint16_t kRString = 0x00D6;
constexpr std::uint16_t kSst = 0x00FC;
constexpr std::uint16_t kLabelSst = 0x00FD;
constexpr std::uint16_t kNumber = 0x0203;
constexpr std::uint16_t kLabel = 0x0204;
constexpr std::uint16_t kBoolErr = 0x0205;
constexpr std::uint16_t kString = 0x0207;
constexpr std::uint16_t kRk = 0x027E;
constexpr std::uint16_t kBof = 0x0809;
// BOF records of BIFF2, 3 and 4 (before substreams and shared strings).
constexpr std::uint16_t kOldBof[] = {0x0009, 0x0209, 0x0409};

// §2.4.21 BOF dt: substream types.
constexpr std::uint16_t kGlobals = 0x0005;
constexpr std::uint16_t kWorksheet = 0x0010;

constexpr std::uint32_t kMaxColumns = 256;
constexpr std::size_t kRecordsPerClockCheck = 4096;

struct Record {
  std::uint16_t type = 0;
  std::string_view data;
  std::size_t offset = 0;
};

struct Cell {
  std::uint16_t row;
  std::uint16_t col;
  std::string text;
};

struct Sheet {
  std::uint32_t offset;
  std::string name;
  bool worksheet;  // BOUNDSHEET8 dt 0; charts, macro and VB sheets hold no cells to read
};

// An integer-valued number reads as Excel's General format shows it (no ".0", no exponent below
// 1e15), so that a 13-digit RRN typed as a number is still 13 digits.
std::string formatNumber(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
    return std::to_string(static_cast<long long>(v));
  char buffer[32];
  const std::to_chars_result r = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, r.ptr);
}

double readDouble(std::string_view s, std::size_t at) {
  const std::uint64_t bits = le32(s, at) | std::uint64_t{le32(s, at + 4)} << 32;
  double v;
  std::memcpy(&v, &bits, sizeof v);
  return v;
}

// §2.5.217 RkNumber: 30 bits of an integer or of a double's high word, optionally / 100.
double rkValue(std::uint32_t rk) {
  double v;
  if (rk & 2) {
    v = static_cast<double>(static_cast<std::int32_t>(rk) >> 2);
  } else {
    const std::uint64_t bits = std::uint64_t{rk & 0xFFFFFFFCu} << 32;
    std::memcpy(&v, &bits, sizeof v);
  }
  return (rk & 1) ? v / 100 : v;
}

void sanitizeCell(std::string& s) {
  std::replace_if(
      s.begin(), s.end(), [](char c) { return c == '\t' || c == '\r' || c == '\n'; }, ' ');
}

// Reads a string whose characters may continue in the following CONTINUE records: `bounds` are
// the offsets in `buf` where each continuation starts. §2.5.293: when a string's characters are
// split, the continuation opens with a new flags byte whose fHighByte holds for the rest.
class ContinuedReader {
 public:
  ContinuedReader(std::string_view buf, const std::vector<std::size_t>& bounds)
      : buf_(buf), bounds_(bounds) {}

  bool atEnd() const { return pos_ >= buf_.size(); }
  bool skip(std::size_t n) {
    if (n > buf_.size() - pos_) return false;
    pos_ += n;
    return true;
  }
  std::optional<std::uint32_t> read(std::size_t width) {
    if (width > buf_.size() - pos_) return std::nullopt;
    std::uint32_t v = 0;
    for (std::size_t k = 0; k < width; ++k)
      v |= std::uint32_t{static_cast<unsigned char>(buf_[pos_ + k])} << (8 * k);
    pos_ += width;
    return v;
  }
  bool chars(std::size_t count, bool high_byte, std::string& out) {
    for (;;) {
      const auto next = std::upper_bound(bounds_.begin(), bounds_.end(), pos_);
      const std::size_t limit = next == bounds_.end() ? buf_.size() : *next;
      const std::size_t unit = high_byte ? 2 : 1;
      const std::size_t take = std::min(count, (limit - pos_) / unit);
      const std::string_view bytes = buf_.substr(pos_, take * unit);
      if (high_byte) {
        appendUtf16(bytes, out);
      } else {
        appendAnsi(bytes, false, out);
      }
      pos_ += take * unit;
      count -= take;
      if (count == 0) return true;
      if (pos_ != limit || limit >= buf_.size()) return false;  // split inside a character
      high_byte = (static_cast<unsigned char>(buf_[pos_]) & 1) != 0;
      ++pos_;
    }
  }

 private:
  std::string_view buf_;
  const std::vector<std::size_t>& bounds_;
  std::size_t pos_ = 0;
};

class WorkbookReader {
 public:
  WorkbookReader(std::string_view stream, TextSink& sink, ExtractContext& ctx)
      : stream_(stream), sink_(sink), ctx_(ctx) {}

  ExtractStatus run();

 private:
  std::optional<Record> next(std::size_t& pos, bool& truncated) const {
    if (pos >= stream_.size()) return std::nullopt;
    if (stream_.size() - pos < 4) {
      truncated = true;
      return std::nullopt;
    }
    Record r;
    r.offset = pos;
    r.type = le16(stream_, pos);
    const std::uint16_t size = le16(stream_, pos + 2);
    if (size > stream_.size() - pos - 4) {
      truncated = true;
      return std::nullopt;
    }
    r.data = stream_.substr(pos + 4, size);
    pos += 4 + std::size_t{size};
    return r;
  }

  void readSst(std::string_view first, std::size_t& pos);
  // An 8-bit string of a BIFF5 workbook, in its CODEPAGE.
  void appendCodePage(std::string_view bytes, std::string& out);
  // §2.5.294 XLUnicodeString (BIFF8: 16-bit count, flags) or the BIFF5 8-bit string at `at`.
  std::optional<std::string> unicodeString(std::string_view data, std::size_t at);
  void addCell(std::string_view data, std::string text);
  void cellRecord(const Record& r);
  void emitSheet();

  std::string_view stream_;
  TextSink& sink_;
  ExtractContext& ctx_;
  ExtractStatus status_;
  bool biff8_ = true;
  std::uint16_t code_page_ = 1252;
  std::unique_ptr<decode::TextDecoder> cp949_;
  std::vector<Sheet> sheets_;
  std::vector<std::string> sst_;
  std::vector<Cell> cells_;
  std::optional<std::pair<std::uint16_t, std::uint16_t>> pending_string_;  // a FORMULA's cell
  std::string sheet_name_;
  std::uint64_t emitted_ = 0;
  bool stop_ = false;
};

void WorkbookReader::appendCodePage(std::string_view bytes, std::string& out) {
  if (code_page_ == 949) {
    if (!cp949_) {
      if (auto d = decode::makeDecoder(decode::TextEncoding::kCp949)) cp949_ = std::move(*d);
    }
    if (cp949_) {
      cp949_->decode(bytes, true, out);
      return;
    }
  }
  appendAnsi(bytes, true, out);
}

std::optional<std::string> WorkbookReader::unicodeString(std::string_view data, std::size_t at) {
  std::string out;
  if (!biff8_) {
    if (data.size() < at + 2) return std::nullopt;
    const std::size_t cch = le16(data, at);
    if (cch > data.size() - at - 2) return std::nullopt;
    appendCodePage(data.substr(at + 2, cch), out);
    return out;
  }
  if (data.size() < at + 3) return std::nullopt;
  const std::size_t cch = le16(data, at);
  const bool high = (static_cast<unsigned char>(data[at + 2]) & 1) != 0;
  const std::size_t bytes = cch * (high ? 2 : 1);
  if (bytes > data.size() - at - 3) return std::nullopt;
  if (high) {
    appendUtf16(data.substr(at + 3, bytes), out);
  } else {
    appendAnsi(data.substr(at + 3, bytes), false, out);
  }
  return out;
}

void WorkbookReader::readSst(std::string_view first, std::size_t& pos) {
  // The SST and its CONTINUE records form one buffer (§2.4.265, §2.4.58).
  std::string buf(first);
  std::vector<std::size_t> bounds;
  for (;;) {
    std::size_t at = pos;
    bool truncated = false;
    const std::optional<Record> r = next(at, truncated);
    if (!r || r->type != kContinue) break;
    bounds.push_back(buf.size());
    buf.append(r->data);
    pos = at;
  }
  ContinuedReader in(buf, bounds);
  const std::optional<std::uint32_t> total = in.read(4);
  const std::optional<std::uint32_t> unique = in.read(4);
  if (!total || !unique) {
    foldStatus(status_, ExtractStatus::corrupt("truncated SST"));
    return;
  }
  // A lying count costs nothing: each string takes at least 3 bytes of the buffer.
  sst_.reserve(std::min<std::size_t>(*unique, buf.size() / 3));
  for (std::uint32_t i = 0; i < *unique; ++i) {
    const std::optional<std::uint32_t> cch = in.read(2);
    const std::optional<std::uint32_t> flags = in.read(1);
    if (!cch || !flags) {
      foldStatus(status_, ExtractStatus::corrupt("SST holds fewer strings than it counts"));
      return;
    }
    std::optional<std::uint32_t> runs = 0;
    std::optional<std::uint32_t> ext = 0;
    if (*flags & 8) runs = in.read(2);
    if (*flags & 4) ext = in.read(4);
    std::string text;
    if (!runs || !ext || !in.chars(*cch, (*flags & 1) != 0, text) || !in.skip(4 * *runs) ||
        !in.skip(*ext)) {
      sst_.push_back(std::move(text));
      foldStatus(status_, ExtractStatus::corrupt("truncated SST string"));
      return;
    }
    sst_.push_back(std::move(text));
  }
}

void WorkbookReader::addCell(std::string_view data, std::string text) {
  const std::uint16_t row = le16(data, 0);
  const std::uint16_t col = le16(data, 2);
  if (col >= kMaxColumns) {
    foldStatus(status_, ExtractStatus::corrupt("cell column past 256"));
    return;
  }
  emitted_ += text.size() + 1;
  if (emitted_ > ctx_.limits().max_member_bytes) {
    foldStatus(status_,
               ExtractStatus::tooLarge("workbook text larger than " +
                                       std::to_string(ctx_.limits().max_member_bytes) + " bytes"));
    stop_ = true;
    return;
  }
  sanitizeCell(text);
  cells_.push_back({row, col, std::move(text)});
}

void WorkbookReader::cellRecord(const Record& r) {
  const std::string_view d = r.data;
  auto bad = [&] { foldStatus(status_, ExtractStatus::corrupt("short cell record in Workbook")); };
  switch (r.type) {
    case kLabelSst: {
      if (d.size() < 10) return bad();
      const std::uint32_t index = le32(d, 6);
      if (index >= sst_.size()) {
        foldStatus(status_, ExtractStatus::corrupt("LABELSST index past the SST"));
        return;
      }
      addCell(d, sst_[index]);
      return;
    }
    case kLabel:
    case kRString: {
      std::optional<std::string> text = d.size() >= 6 ? unicodeString(d, 6) : std::nullopt;
      if (!text) return bad();
      addCell(d, std::move(*text));
      return;
    }
    case kNumber:
      if (d.size() < 14) return bad();
      addCell(d, formatNumber(readDouble(d, 6)));
      return;
    case kRk:
      if (d.size() < 10) return bad();
      addCell(d, formatNumber(rkValue(le32(d, 6))));
      return;
    case kMulRk: {
      // §2.4.175: row, first column, (ixfe, RK) per column, last column.
      if (d.size() < 6) return bad();
      const std::uint16_t row = le16(d, 0);
      const std::uint16_t first = le16(d, 2);
      const std::size_t count = (d.size() - 6) / 6;
      for (std::size_t k = 0; k < count && !stop_; ++k) {
        std::string cell(4, '\0');
        cell[0] = static_cast<char>(row & 0xFF);
        cell[1] = static_cast<char>(row >> 8);
        const auto col = static_cast<std::uint32_t>(first + k);
        cell[2] = static_cast<char>(col & 0xFF);
        cell[3] = static_cast<char>((col >> 8) & 0xFF);
        if (col > 0xFFFF) return bad();
        addCell(cell, formatNumber(rkValue(le32(d, 4 + k * 6 + 2))));
      }
      return;
    }
    case kBoolErr:
      // §2.4.24: a boolean (fError 0) reads TRUE/FALSE; error values hold no text.
      if (d.size() < 8) return bad();
      if (d[7] == 0) addCell(d, d[6] ? "TRUE" : "FALSE");
      return;
    case kFormula: {
      // §2.5.133 FormulaValue: a double, or 0xFFFF in the top word and a type in the first
      // byte (0 string, in the next STRING record; 1 boolean; 2 error; 3 empty string).
      if (d.size() < 14) return bad();
      if (le16(d, 12) != 0xFFFF) {
        addCell(d, formatNumber(readDouble(d, 6)));
      } else if (d[6] == 0) {
        pending_string_.emplace(le16(d, 0), le16(d, 2));
      } else if (d[6] == 1) {
        addCell(d, d[8] ? "TRUE" : "FALSE");
      }
      return;
    }
    case kString: {
      if (!pending_string_) return;
      std::string cell(4, '\0');
      cell[0] = static_cast<char>(pending_string_->first & 0xFF);
      cell[1] = static_cast<char>(pending_string_->first >> 8);
      cell[2] = static_cast<char>(pending_string_->second & 0xFF);
      cell[3] = static_cast<char>(pending_string_->second >> 8);
      pending_string_.reset();
      std::optional<std::string> text = unicodeString(d, 0);
      if (!text) return bad();
      addCell(cell, std::move(*text));
      return;
    }
    default:
      return;
  }
}

void WorkbookReader::emitSheet() {
  std::stable_sort(cells_.begin(), cells_.end(), [](const Cell& a, const Cell& b) {
    return a.row != b.row ? a.row < b.row : a.col < b.col;
  });
  std::string text;
  std::uint32_t row = 0;
  std::uint32_t col = 0;
  bool any = false;
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    const Cell& c = cells_[i];
    if (i > 0 && c.row == cells_[i - 1].row && c.col == cells_[i - 1].col) continue;
    if (!any || c.row != row) {
      if (any) text += '\n';
      text.append(c.row - (any ? row + 1 : 0), '\n');
      row = c.row;
      col = 0;
      any = true;
    }
    text.append(c.col - col, '\t');
    col = c.col;
    text += c.text;
    if (text.size() > 1 << 20) {
      sink_.append(text);
      text.clear();
    }
  }
  if (any) text += '\n';
  sink_.append(text);
  cells_.clear();
}

ExtractStatus WorkbookReader::run() {
  std::size_t pos = 0;
  bool truncated = false;
  std::optional<Record> first = next(pos, truncated);
  if (!first) return ExtractStatus::corrupt("empty Workbook stream");
  for (const std::uint16_t old : kOldBof)
    if (first->type == old) return ExtractStatus::unsupported("Excel 2-4 (BIFF2-4) workbook");
  if (first->type != kBof || first->data.size() < 4)
    return ExtractStatus::corrupt("Workbook does not start with BOF");
  biff8_ = le16(first->data, 0) == 0x0600;

  // Globals substream (§2.1.7.20.1): sheet directory, encryption, shared strings.
  int depth = 1;
  for (std::size_t n = 0; depth > 0; ++n) {
    std::optional<Record> r = next(pos, truncated);
    if (!r) break;
    if (n % kRecordsPerClockCheck == 0 && ctx_.expired())
      return ExtractStatus::tooLarge("time budget spent");
    switch (r->type) {
      case kBof:
        ++depth;
        break;
      case kEof:
        --depth;
        break;
      case kFilePass:
        return ExtractStatus::protectedDoc("password-protected XLS");
      case kCodePage:
        if (r->data.size() >= 2) code_page_ = le16(r->data, 0);
        break;
      case kBoundSheet: {
        // §2.4.28: lbPlyPos, hsState, dt (0 worksheet), ShortXLUnicodeString name.
        if (r->data.size() < 7) break;
        if (r->data[5] != 0) {
          sheets_.push_back({le32(r->data, 0), {}, false});
          break;
        }
        std::string name;
        const std::size_t cch = static_cast<unsigned char>(r->data[6]);
        if (biff8_ && r->data.size() >= 8) {
          const bool high = (static_cast<unsigned char>(r->data[7]) & 1) != 0;
          const std::string_view chars = r->data.substr(8, cch * (high ? 2 : 1));
          if (high) {
            appendUtf16(chars, name);
          } else {
            appendAnsi(chars, false, name);
          }
        } else if (!biff8_) {
          appendCodePage(r->data.substr(7, cch), name);
        }
        sanitizeCell(name);
        sheets_.push_back({le32(r->data, 0), std::move(name), true});
        break;
      }
      case kSst:
        if (biff8_) readSst(r->data, pos);
        break;
      default:
        break;
    }
  }

  // Sheet substreams, in stream order; each is named by the BOUNDSHEET pointing at its BOF.
  std::size_t substream = 0;
  while (!stop_) {
    // Bytes after the last substream (padding, a cut-off tail) hold no cells.
    bool tail_cut = false;
    std::optional<Record> r = next(pos, tail_cut);
    if (!r) break;
    if (r->type != kBof) continue;  // padding between substreams
    if (ctx_.expired()) {
      foldStatus(status_, ExtractStatus::tooLarge("time budget spent"));
      break;
    }
    const std::uint16_t type = r->data.size() >= 4 ? le16(r->data, 2) : 0;
    const Sheet* sheet = nullptr;
    for (const Sheet& s : sheets_)
      if (s.offset == r->offset) sheet = &s;
    if (sheet == nullptr && substream < sheets_.size()) sheet = &sheets_[substream];
    ++substream;
    const bool worksheet = type == kWorksheet && (sheet == nullptr || sheet->worksheet);
    std::string name = sheet ? sheet->name : std::string();
    if (name.empty()) name = "sheet " + std::to_string(substream);
    pending_string_.reset();
    depth = 1;
    bool ended = false;
    for (std::size_t n = 1; !stop_; ++n) {
      std::optional<Record> c = next(pos, truncated);
      if (!c) break;
      if (n % kRecordsPerClockCheck == 0 && ctx_.expired()) {
        foldStatus(status_, ExtractStatus::tooLarge("time budget spent"));
        stop_ = true;
        break;
      }
      if (c->type == kBof) {
        ++depth;
      } else if (c->type == kEof) {
        if (--depth == 0) {
          ended = true;
          break;
        }
      } else if (depth == 1 && worksheet) {
        cellRecord(*c);
      }
    }
    if (worksheet) {
      sink_.beginPart(name, PartKind::kTable);
      emitSheet();
    }
    if (!ended && !stop_) truncated = true;
  }
  if (truncated) foldStatus(status_, ExtractStatus::corrupt("truncated Workbook stream"));
  return status_;
}

}  // namespace

ExtractStatus xlsWorkbookText(std::string_view workbook, TextSink& sink, ExtractContext& ctx) {
  WorkbookReader reader(workbook, sink, ctx);
  return reader.run();
}

ExtractStatus extractXls(const CompoundFile& file, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("xls");
  std::optional<std::uint32_t> id = file.find({"Workbook"});
  if (!id) id = file.find({"Book"});
  if (!id) return ExtractStatus::corrupt("XLS without Workbook stream");
  Result<std::string> stream = file.readStream(*id);
  if (!stream) return ExtractStatus::corrupt(stream.error().message());
  return xlsWorkbookText(*stream, sink, ctx);
}

}  // namespace jamul::scanner::extract::ole
