// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/file_scanner.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <unordered_map>

#include "decode/encoding_sniffer.h"
#include "decode/text_decoder.h"
#include "extract/document_extractor.h"
#include "jamul/common/utf8.h"
#include "platform/file_reader.h"
#include "scan/text_scan.h"

namespace jamul::scanner {
namespace {

using scan::DocumentScanSink;
using scan::TextScan;
using scan::TextScanBuffers;

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

  void paced(std::size_t bytes) {
    if (options_.pacer != nullptr) options_.pacer->pace(bytes);
  }
  bool stopping() const {
    return options_.extract.stop != nullptr &&
           options_.extract.stop->load(std::memory_order_relaxed);
  }

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
    paced(n);
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
    if (stopping()) return Error(ErrorCode::kCancelled, "the scan was cancelled");
    JAMUL_ASSIGN_OR_RETURN(std::size_t n, file.reader.read(buffer_.data(), buffer_.size()));
    paced(n);
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
  text_buffers_.kept_per_rule.fill(0);
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
