// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/file_scanner.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "decode/encoding_sniffer.h"
#include "decode/text_decoder.h"
#include "extract/document_extractor.h"
#include "jamul/common/utf8.h"
#include "platform/file_reader.h"
#include "scan/table_layout.h"

namespace jamul::scanner {
namespace {

constexpr std::size_t kHeadBytes = 64 * 1024;  // what the sniffer sees
constexpr std::size_t kReadBytes = 1 << 20;

std::string_view baseName(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string humanSize(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int unit = 0;
  std::uint64_t value = bytes;
  while (value >= 1024 && value % 1024 == 0 && unit < 4) {
    value /= 1024;
    ++unit;
  }
  return std::to_string(value) + " " + kUnits[unit];
}

void setFailure(FileReport& report, const Error& error) {
  report.status = error.code() == ErrorCode::kUnsupportedFormat ? FileStatus::kUnsupported
                                                                 : FileStatus::kError;
  report.error_code = error.code();
  report.detail = error.message();
}

// Number of '\n' bytes in `text`. Called on every byte of every file (line numbers must be known
// before a window's text is dropped), so it is vectorised: 16 bytes per step.
std::uint64_t countNewlines(std::string_view text) {
  std::uint64_t n = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  // Each match subtracts -1 from a byte lane; lanes are summed (psadbw) before they can overflow.
  // (Baseline x86-64 has no POPCNT instruction, so movemask + popcount would be a library call.)
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  const auto sum_lanes = [&](__m128i acc) {
    const __m128i sums = _mm_sad_epu8(acc, zero);
    return static_cast<std::uint64_t>(_mm_cvtsi128_si64(sums)) +
           static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  };
  __m128i acc = zero;
  int steps = 0;
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(v, newline));
    if (++steps == 255) {
      n += sum_lanes(acc);
      acc = zero;
      steps = 0;
    }
  }
  n += sum_lanes(acc);
#endif
  for (; i < text.size(); ++i) n += text[i] == '\n' ? 1 : 0;
  return n;
}

// Moves `pos` back to the start of the UTF-8 character it points into.
std::size_t charBoundary(std::string_view text, std::size_t pos) {
  while (pos > 0 && pos < text.size() && utf8::isContinuation(static_cast<unsigned char>(text[pos])))
    --pos;
  return pos;
}

struct FindingKey {
  RuleId rule;
  Confidence confidence;
  ValueDigest digest;
  bool operator==(const FindingKey&) const = default;
};

struct FindingKeyHash {
  std::size_t operator()(const FindingKey& k) const {
    std::size_t h = 0;
    std::memcpy(&h, k.digest.data(), sizeof h);  // the digest is already uniformly distributed
    return h ^ (static_cast<std::size_t>(k.rule) << 8) ^ static_cast<std::size_t>(k.confidence);
  }
};

// Runs the detector over a decoded text stream in overlapping windows (see Detector::kWindowOverlap)
// and folds the matches into the report.
// Buffers a TextScan uses, owned by the FileScanner and reused file after file: allocating (and
// page-faulting in) a fresh megabyte per file showed up in profiles of many small files.
struct TextScanBuffers {
  std::string text;
  std::vector<Match> matches;
  std::unordered_map<FindingKey, std::size_t, FindingKeyHash> index;
};

// Where a part's findings are: a plain file's "line 12" / "row 5, column 3", or, in a part of a
// document, "section 1, paragraph 12" / "Sheet1!C7" (extract/extractor.h).
struct PartPlace {
  std::string location;  // the part's own location; empty for a plain text file
  extract::PartKind kind = extract::PartKind::kLines;
  std::uint64_t stream_base = 0;  // offset of the part's first byte in the file's extracted text
};

// "A", "B", ... "Z", "AA", ... (spreadsheet column names; `column` is 1-based).
std::string columnName(std::uint64_t column) {
  std::string name;
  for (; column > 0; column = (column - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (column - 1) % 26));
  return name;
}

class TextScan {
 public:
  // `buffers.index` (distinct values of the file) is not cleared: a document's parts share it, so
  // a value that appears in two sections is one finding. FileScanner clears it per file.
  TextScan(Detector& detector, FileReport& report, const ScanOptions& options, char delimiter,
           TextScanBuffers& buffers, PartPlace place = {})
      : detector_(detector),
        report_(report),
        max_findings_(options.max_findings_per_file),
        window_bytes_(std::max(options.window_bytes, 4 * Detector::kWindowOverlap)),
        place_(std::move(place)),
        text_(buffers.text),
        matches_(buffers.matches),
        index_(buffers.index) {
    if (delimiter != 0) table_.emplace(delimiter);
    text_.clear();
  }

  // Appends the next decoded text: `produce(std::string&)` appends it straight to the window buffer
  // (no intermediate copy). `last` marks the end of the stream.
  template <typename Produce>
  void feed(Produce&& produce, bool last) {
    const std::size_t old_size = text_.size();
    produce(text_);
    const std::string_view added = std::string_view(text_).substr(old_size);
    if (table_) table_->append(added);
    report_.text_bytes += added.size();
    while (text_.size() >= window_bytes_ + Detector::kWindowOverlap) process(false);
    if (last) process(true);
  }

 private:
  void process(bool last) {
    std::size_t cut = text_.size();
    if (!last) cut = charBoundary(text_, text_.size() - Detector::kWindowOverlap);
    TextWindow window;
    window.text = text_;
    window.report_begin = report_from_;
    window.report_end = cut;
    if (table_) {
      table_->setWindow(text_, base_);
      window.structure = &*table_;
    }
    window.ocr = place_.kind == extract::PartKind::kOcrLines;
    matches_.clear();
    detector_.detect(window, matches_);
    record();
    if (last) return;
    const std::size_t keep_from = charBoundary(text_, cut - Detector::kWindowOverlap);
    lines_before_ += countNewlines(std::string_view(text_).substr(0, keep_from));
    text_.erase(0, keep_from);
    base_ += keep_from;
    report_from_ = cut - keep_from;
  }

  std::string location(std::size_t offset) {
    if (table_) {
      const scan::TableLayout::Cell cell = table_->cellAt(base_ + offset);
      if (cell.row > 0) {
        if (place_.location.empty())
          return "row " + std::to_string(cell.row) + ", column " + std::to_string(cell.column);
        return place_.location + "!" + columnName(cell.column) + std::to_string(cell.row);
      }
    }
    // Matches come in offset order: count newlines incrementally.
    if (offset < line_cursor_) {
      line_cursor_ = 0;
      line_count_ = 0;
    }
    line_count_ += countNewlines(std::string_view(text_).substr(line_cursor_, offset - line_cursor_));
    line_cursor_ = offset;
    const char* unit = place_.kind == extract::PartKind::kParagraphs ? "paragraph " : "line ";
    std::string where = unit + std::to_string(lines_before_ + line_count_ + 1);
    return place_.location.empty() ? where : place_.location + ", " + where;
  }

  void record() {
    line_cursor_ = 0;
    line_count_ = 0;
    for (Match& m : matches_) {
      ++report_.counts[ruleIndex(m.rule)][confidenceIndex(m.confidence)];
      const FindingKey key{m.rule, m.confidence, m.digest};
      auto it = index_.find(key);
      if (it != index_.end()) {
        ++report_.findings[it->second].count;
        continue;
      }
      if (report_.findings.size() >= max_findings_) {
        report_.findings_truncated = true;
        continue;
      }
      FindingSummary f;
      f.rule = m.rule;
      f.confidence = m.confidence;
      f.count = 1;
      f.offset = place_.stream_base + base_ + m.begin;
      f.location = location(m.begin);
      f.masked = std::move(m.masked);
      f.digest = m.digest;
      index_.emplace(key, report_.findings.size());
      report_.findings.push_back(std::move(f));
    }
  }

  Detector& detector_;
  FileReport& report_;
  std::size_t max_findings_;
  std::size_t window_bytes_;
  PartPlace place_;
  std::optional<scan::TableLayout> table_;
  std::string& text_;             // the window: stream bytes [base_, base_ + text_.size())
  std::uint64_t base_ = 0;
  std::size_t report_from_ = 0;   // window offset where new (not yet reported) matches start
  std::uint64_t lines_before_ = 0;  // newlines in the stream before base_
  std::size_t line_cursor_ = 0;
  std::uint64_t line_count_ = 0;
  std::vector<Match>& matches_;
  std::unordered_map<FindingKey, std::size_t, FindingKeyHash>& index_;
};

char partDelimiter(extract::PartKind kind) {
  switch (kind) {
    case extract::PartKind::kTable: return '\t';
    case extract::PartKind::kCsv: return ',';
    case extract::PartKind::kParagraphs:
    case extract::PartKind::kLines:
    case extract::PartKind::kOcrLines: return 0;
  }
  return 0;
}

// Feeds the parts of a document to the detector, one TextScan per part: each part has its own
// line or cell numbering and table header, and a match never spans two parts.
class DocumentScanSink final : public extract::TextSink {
 public:
  DocumentScanSink(Detector& detector, FileReport& report, const ScanOptions& options,
                   TextScanBuffers& buffers)
      : detector_(detector), report_(report), options_(options), buffers_(buffers) {}
  ~DocumentScanSink() override { finishPart(); }

  void beginPart(std::string_view location, extract::PartKind kind) override {
    finishPart();
    part_.emplace(detector_, report_, options_, partDelimiter(kind), buffers_,
                  PartPlace{std::string(location), kind, report_.text_bytes});
  }
  void append(std::string_view utf8) override {
    if (!part_) beginPart("", extract::PartKind::kLines);  // tolerated; extractors should not
    part_->feed([&](std::string& out) { out.append(utf8); }, false);
  }
  void finishPart() {
    if (!part_) return;
    part_->feed([](std::string&) {}, true);
    part_.reset();
  }

 private:
  Detector& detector_;
  FileReport& report_;
  const ScanOptions& options_;
  TextScanBuffers& buffers_;
  std::optional<TextScan> part_;
};

// Prints a document's parts for `jamul extract`.
class DocumentPrintSink final : public extract::TextSink {
 public:
  DocumentPrintSink(const std::function<void(std::string_view)>& on_part,
                    const std::function<void(std::string_view)>& on_text)
      : on_part_(on_part), on_text_(on_text) {}
  void beginPart(std::string_view location, extract::PartKind) override {
    if (on_part_) on_part_(location);
  }
  void append(std::string_view utf8) override { on_text_(utf8); }

 private:
  const std::function<void(std::string_view)>& on_part_;
  const std::function<void(std::string_view)>& on_text_;
};

}  // namespace

class FileScanner::Impl {
 public:
  Impl(const ScanOptions& options, Detector detector, ValueHasher hasher)
      : options_(options), detector_(std::move(detector)), hasher_(std::move(hasher)),
        buffer_(kReadBytes) {}

  FileReport scan(const FileEntry& entry);
  Result<ExtractInfo> extract(const std::string& path,
                              const std::function<void(std::string_view)>& sink,
                              const std::function<void(std::string_view)>& on_part);

 private:
  struct Opened {
    platform::FileReader reader;
    std::string_view head;  // in head_buffer_: valid until the next open()
    bool eof = false;
    decode::SniffResult sniffed;
  };
  Result<Opened> open(const std::string& path);
  // scan() of an opened file: fills `report` from its signature on.
  void scanOpened(Opened& file, FileReport& report);
  // A text-like document (HTML, XML, mail, RTF) too large to read whole is scanned as plain text
  // (streamed, no size limit) rather than reported too large: its identifiers are still visible.
  bool scanAsText(extract::DocumentKind kind, const Opened& file) const {
    const bool text_like = kind == extract::DocumentKind::kMarkup ||
                           kind == extract::DocumentKind::kEml ||
                           kind == extract::DocumentKind::kRtf;
    return text_like && file.reader.entry().size > options_.extract.max_member_bytes &&
           file.sniffed.kind == decode::SniffResult::Kind::kText;
  }
  // Applies a non-text sniff result (empty, age, binary) to `info`; returns true if the file is text.
  static bool describe(const decode::SniffResult& sniffed, FileStatus& status, std::string& format,
                       std::string& detail);
  // Decodes the head (into decoded_), picks the table delimiter (0: plain text) and returns the
  // format name ("csv/cp949").
  std::string decodeHead(const Opened& file, decode::TextDecoder& decoder, const std::string& path,
                         char& delimiter);
  // Reads the rest of the file after the head, passing each raw block to `on_block`.
  Status readRest(Opened& file, const std::function<void(std::string_view, bool)>& on_block);
  // Reads a document file whole (it needs random access) into document_, then extracts it to
  // `sink`. Returns the extraction's outcome; a read failure is kError.
  extract::ExtractStatus extractDocument(Opened& file, extract::DocumentKind kind,
                                         extract::TextSink& sink, std::string& format);

  ScanOptions options_;
  Detector detector_;
  ValueHasher hasher_;  // digests of whole documents, for the quarantine
  bool skipped_by_quarantine_ = false;  // set by extractDocument()
  std::vector<char> buffer_;
  std::string decoded_;
  std::string document_;
  TextScanBuffers text_buffers_;
  std::unique_ptr<char[]> head_buffer_;  // kHeadBytes, for open()
};

Result<FileScanner::Impl::Opened> FileScanner::Impl::open(const std::string& path) {
  JAMUL_ASSIGN_OR_RETURN(platform::FileReader reader, platform::FileReader::open(path));
  Opened file{std::move(reader), {}, false, {}};
  // One buffer for the heads of all files, never zero-filled: a std::string resized to 64 KiB
  // per file cost an allocation and a 64 KiB memset each time.
  if (!head_buffer_) head_buffer_ = std::make_unique_for_overwrite<char[]>(kHeadBytes);
  std::size_t filled = 0;
  while (filled < kHeadBytes) {
    JAMUL_ASSIGN_OR_RETURN(std::size_t n,
                           file.reader.read(head_buffer_.get() + filled, kHeadBytes - filled));
    if (n == 0) {
      file.eof = true;
      break;
    }
    filled += n;
  }
  file.head = std::string_view(head_buffer_.get(), filled);
  file.sniffed = decode::sniff(file.head, file.eof);
  return file;
}

bool FileScanner::Impl::describe(const decode::SniffResult& sniffed, FileStatus& status,
                                 std::string& format, std::string& detail) {
  using Kind = decode::SniffResult::Kind;
  switch (sniffed.kind) {
    case Kind::kEmpty:
      status = FileStatus::kOk;
      format = "empty";
      return false;
    case Kind::kAge:
      status = FileStatus::kEncrypted;
      format = "age";
      detail = "age-encrypted file";
      return false;
    case Kind::kBinary:
      status = FileStatus::kUnsupported;
      format = sniffed.format;
      detail = sniffed.format == "binary" ? "binary file"
                                          : sniffed.format + " file: no extractor for this format yet";
      return false;
    case Kind::kText:
      return true;
  }
  return false;
}

std::string FileScanner::Impl::decodeHead(const Opened& file, decode::TextDecoder& decoder,
                                          const std::string& path, char& delimiter) {
  decoded_.clear();
  decoder.decode(std::string_view(file.head).substr(file.sniffed.bom_length), file.eof, decoded_);
  delimiter = scan::tableDelimiter(baseName(path), decoded_);
  const char* kind = delimiter == 0 ? "text" : delimiter == '\t' ? "tsv" : "csv";
  return std::string(kind) + "/" + std::string(decode::encodingName(file.sniffed.encoding));
}

Status FileScanner::Impl::readRest(Opened& file,
                                   const std::function<void(std::string_view, bool)>& on_block) {
  while (!file.eof) {
    JAMUL_ASSIGN_OR_RETURN(std::size_t n, file.reader.read(buffer_.data(), buffer_.size()));
    file.eof = n == 0;
    on_block(std::string_view(buffer_.data(), n), file.eof);
  }
  return okStatus();
}

extract::ExtractStatus FileScanner::Impl::extractDocument(Opened& file, extract::DocumentKind kind,
                                                          extract::TextSink& sink,
                                                          std::string& format) {
  format = std::string(extract::documentKindName(kind));
  const ExtractLimits& limits = options_.extract;
  if (file.reader.entry().size > limits.max_member_bytes)
    return extract::ExtractStatus::tooLarge(format + " file larger than the " +
                                            humanSize(limits.max_member_bytes) +
                                            " document limit");
  document_.assign(file.head);
  const Status read = readRest(file, [&](std::string_view block, bool) {
    if (document_.size() + block.size() <= limits.max_member_bytes) document_.append(block);
  });
  // Freed after each document: a 200 MB PDF must not pin 200 MB for the rest of the scan.
  struct Release {
    std::string& s;
    ~Release() { std::string().swap(s); }
  } release{document_};
  if (!read) return {FileStatus::kError, read.error().message()};
  if (document_.size() > limits.max_member_bytes)
    return extract::ExtractStatus::tooLarge(format + " file grew past the document limit");
  ParserQuarantine* quarantine = options_.quarantine;
  ValueDigest content{};
  if (quarantine != nullptr) {
    content = hasher_(document_);
    skipped_by_quarantine_ = quarantine->quarantined(content);
    if (skipped_by_quarantine_)
      return {FileStatus::kError,
              "skipped: this document stopped Jamul while its " + format +
                  " parser read it in an earlier scan (crash, hang or memory exhaustion); it is "
                  "quarantined until it changes (jamul scan --retry-quarantined reads it again)"};
    quarantine->parsing(content, file.reader.entry().path, format);
  }
  extract::ExtractContext ctx(limits, [](const extract::Document& d, extract::TextSink& s,
                                         extract::ExtractContext& c) {
    return extract::extractDocument(d, s, c);
  });
  const std::string_view name = baseName(file.reader.entry().path);
  extract::ExtractStatus status = extract::extractDocument({document_, name}, sink, ctx);
  if (quarantine != nullptr) quarantine->parsed(content);
  if (!ctx.format().empty()) format = ctx.format();
  return status;
}

FileReport FileScanner::Impl::scan(const FileEntry& entry) {
  FileReport report;
  report.entry = entry;
  const auto too_large = [&] {
    report.status = FileStatus::kTooLarge;
    report.detail = "larger than the " + humanSize(options_.max_file_size) + " limit";
  };
  if (entry.size > options_.max_file_size) {
    too_large();
    return report;
  }
  auto opened = open(entry.path);
  if (!opened) {
    setFailure(report, opened.error());
    return report;
  }
  scanOpened(*opened, report);
  report.bytes_read = opened->reader.bytesRead();
  return report;
}

void FileScanner::Impl::scanOpened(Opened& file, FileReport& report) {
  const FileEntry& entry = file.reader.entry();
  report.entry = entry;  // what is actually read
  if (report.entry.size > options_.max_file_size) {
    report.status = FileStatus::kTooLarge;
    report.detail = "larger than the " + humanSize(options_.max_file_size) + " limit";
    return;
  }
  text_buffers_.index.clear();
  if (const extract::DocumentKind kind = extract::documentKind(file.head);
      kind != extract::DocumentKind::kText && !scanAsText(kind, file)) {
    DocumentScanSink sink(detector_, report, options_, text_buffers_);
    skipped_by_quarantine_ = false;
    const extract::ExtractStatus status = extractDocument(file, kind, sink, report.format);
    sink.finishPart();
    report.status = status.status;
    report.detail = status.detail;
    // Our parser's fault, not the file's nor the OS's.
    if (skipped_by_quarantine_) report.error_code = ErrorCode::kInternal;
    return;
  }
  if (!describe(file.sniffed, report.status, report.format, report.detail)) return;

  auto decoder = decode::makeDecoder(file.sniffed.encoding);
  if (!decoder) {
    setFailure(report, decoder.error());
    return;
  }
  char delimiter = 0;
  report.format = decodeHead(file, **decoder, entry.path, delimiter);

  TextScan text(detector_, report, options_, delimiter, text_buffers_);
  text.feed([&](std::string& out) { out.append(decoded_); }, file.eof);
  const Status read = readRest(file, [&](std::string_view block, bool last) {
    text.feed([&](std::string& out) { (*decoder)->decode(block, last, out); }, last);
  });
  // A read that fails midway keeps what was found, but the file is not "ok": part was never seen.
  if (!read) setFailure(report, read.error());
  return;
}

Result<ExtractInfo> FileScanner::Impl::extract(
    const std::string& path, const std::function<void(std::string_view)>& sink,
    const std::function<void(std::string_view)>& on_part) {
  JAMUL_ASSIGN_OR_RETURN(Opened file, open(path));
  ExtractInfo info;
  if (const extract::DocumentKind kind = extract::documentKind(file.head);
      kind != extract::DocumentKind::kText && !scanAsText(kind, file)) {
    DocumentPrintSink print(on_part, sink);
    const extract::ExtractStatus status = extractDocument(file, kind, print, info.format);
    info.status = status.status;
    info.detail = status.detail;
    return info;
  }
  if (!describe(file.sniffed, info.status, info.format, info.detail)) return info;
  JAMUL_ASSIGN_OR_RETURN(std::unique_ptr<decode::TextDecoder> decoder,
                         decode::makeDecoder(file.sniffed.encoding));
  char delimiter = 0;
  info.format = decodeHead(file, *decoder, path, delimiter);
  sink(decoded_);
  JAMUL_RETURN_IF_ERROR(readRest(file, [&](std::string_view block, bool last) {
    decoded_.clear();
    decoder->decode(block, last, decoded_);
    sink(decoded_);
  }));
  return info;
}

FileScanner::FileScanner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FileScanner::FileScanner(FileScanner&&) noexcept = default;
FileScanner& FileScanner::operator=(FileScanner&&) noexcept = default;
FileScanner::~FileScanner() = default;

Result<FileScanner> FileScanner::create(const ScanOptions& options, ValueHasher hasher) {
  JAMUL_ASSIGN_OR_RETURN(Detector detector, Detector::create(options.detector, hasher));
  return FileScanner(std::make_unique<Impl>(options, std::move(detector), std::move(hasher)));
}

FileReport FileScanner::scan(const FileEntry& entry) { return impl_->scan(entry); }

Result<ExtractInfo> FileScanner::extract(const std::string& path,
                                         const std::function<void(std::string_view)>& sink,
                                         const std::function<void(std::string_view)>& on_part) {
  return impl_->extract(path, sink, on_part);
}

}  // namespace jamul::scanner
