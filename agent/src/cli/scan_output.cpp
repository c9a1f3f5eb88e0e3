// SPDX-License-Identifier: Apache-2.0
#include "cli/scan_output.h"

#include <cstring>
#include <string>

#include "cli/terminal_text.h"
#include "jamul/agent/report_json.h"
#include "jamul/common/json_writer.h"

namespace jamul::cli {
namespace {

using scanner::FileReport;
using scanner::FileStatus;
using scanner::RuleId;

constexpr std::size_t statusIndex(FileStatus s) { return static_cast<std::size_t>(s); }

// "kr_rrn 3, kr_phone 2" for the findings at or above `min`.
std::string countsText(const FileReport& report, scanner::Confidence min) {
  std::string out;
  for (RuleId rule : scanner::kAllRules) {
    const std::uint64_t n = report.count(rule, min);
    if (n == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::string(scanner::ruleName(rule)) + " " + withThousands(n);
  }
  return out;
}

std::string examplesText(const FileReport& report, scanner::Confidence min) {
  std::string out;
  int shown = 0;
  for (const scanner::FindingSummary& f : report.findings) {
    if (f.confidence < min) continue;
    if (shown++ == 2) {
      out += ", …";
      break;
    }
    if (!out.empty()) out += ", ";
    out += f.masked;
  }
  return out;
}

class TableOutput final : public ScanOutput {
 public:
  TableOutput(std::FILE* out, scanner::Confidence min, bool all)
      : out_(out), min_(min), all_(all) {}

  void file(const FileReport& report, std::string_view display_path) override {
    const bool found = report.total(min_) > 0;
    const bool problem = report.status != FileStatus::kOk &&
                         report.status != FileStatus::kUnsupported &&
                         report.status != FileStatus::kEncrypted;
    if (!found && !problem && !all_) return;
    if (!header_printed_) {
      std::fprintf(out_, "%s %s %s %s\n", fitToWidth("STATUS", 11).c_str(),
                   fitToWidth("FINDINGS", 34).c_str(), fitToWidth("EXAMPLES", 34).c_str(), "FILE");
      header_printed_ = true;
    }
    std::string what = found ? countsText(report, min_) : "-";
    std::string examples = found ? examplesText(report, min_) : report.detail;
    if (found && report.status != FileStatus::kOk && !report.detail.empty())
      examples = report.detail;  // e.g. a read error after some findings: say why
    std::string status(scanner::fileStatusName(report.status));
    if (report.from_cache) status += "*";
    std::fprintf(out_, "%s %s %s %s\n", fitToWidth(status, 11).c_str(),
                 fitToWidth(what, 34).c_str(), fitToWidth(examples, 34).c_str(),
                 printableText(display_path).c_str());
  }

  void summary(const ScanTally& t, std::chrono::duration<double> elapsed) override {
    if (header_printed_) std::fputc('\n', out_);
    // Sizes and what was actually read: a binary or sparse file is recognised from its first
    // 64 KiB, and unchanged files are not read at all.
    std::string line = "Scanned " + withThousands(t.files) +
                       (t.files == 1 ? " file (" : " files (") + humanBytes(t.bytes);
    if (t.bytes_read != t.bytes) line += ", " + humanBytes(t.bytes_read) + " read";
    line += ") in " + secondsText(elapsed.count());
    if (t.files_cached > 0)
      line += ", " + withThousands(t.files_cached) + " unchanged since the last scan (*)";
    line += ": " + withThousands(t.files_with_findings) + " with personal data";
    std::string rules;
    for (RuleId rule : scanner::kAllRules) {
      const std::size_t i = scanner::ruleIndex(rule);
      if (t.occurrences[i] == 0) continue;
      rules += rules.empty() ? " (" : ", ";
      rules += std::string(scanner::ruleName(rule)) + " " + withThousands(t.occurrences[i]);
    }
    if (!rules.empty()) line += rules + ")";
    for (FileStatus s : scanner::kAllFileStatuses) {
      const std::uint64_t n = t.by_status[statusIndex(s)];
      if (s == FileStatus::kOk) continue;
      if (n == 0) continue;
      line += ", " + withThousands(n) + " " + statusPhrase(s, n);
    }
    line += ".";
    std::fprintf(out_, "%s\n", line.c_str());
    if (t.by_status[statusIndex(FileStatus::kUnsupported)] > 0 && !all_)
      std::fprintf(out_,
                   "Files in formats Jamul cannot read yet are not listed; --all lists them.\n");
    std::fflush(out_);
  }

 private:
  static std::string secondsText(double s) {
    char buf[32];
    std::snprintf(buf, sizeof buf, s < 10 ? "%.2f s" : "%.0f s", s);
    return buf;
  }
  static std::string statusPhrase(FileStatus s, std::uint64_t n) {
    switch (s) {
      case FileStatus::kProtected:
        return "protected";
      case FileStatus::kUnsupported:
        return "in formats not read";
      case FileStatus::kCorrupt:
        return "corrupt";
      case FileStatus::kTooLarge:
        return "too large";
      case FileStatus::kError:
        return n == 1 ? "error" : "errors";
      case FileStatus::kEncrypted:
        return "encrypted";
      case FileStatus::kSkipped:
        return "skipped (links and special files)";
      case FileStatus::kOk:
        return "ok";
    }
    return "";
  }

  std::FILE* out_;
  scanner::Confidence min_;
  bool all_;
  bool header_printed_ = false;
};

class JsonOutput final : public ScanOutput {
 public:
  JsonOutput(std::FILE* out, scanner::Confidence min) : out_(out), min_(min) {}

  void file(const FileReport& report, std::string_view display_path) override {
    line_.clear();
    JsonWriter& w = writer_;
    w.restart();
    agent::writeReportJson(w, report, display_path, min_);
    line_.push_back('\n');
    std::fwrite(line_.data(), 1, line_.size(), out_);
  }

  void summary(const ScanTally& t, std::chrono::duration<double> elapsed) override {
    line_.clear();
    JsonWriter w(line_);
    w.beginObject().key("summary").beginObject();
    w.key("files").value(t.files).key("bytes").value(t.bytes);
    w.key("files_read").value(t.files_read).key("bytes_read").value(t.bytes_read);
    w.key("files_cached").value(t.files_cached);
    w.key("files_with_findings").value(t.files_with_findings);
    w.key("min_confidence").value(scanner::confidenceName(t.min_confidence));
    w.key("counts").beginObject();
    for (RuleId rule : scanner::kAllRules)
      if (const auto n = t.occurrences[scanner::ruleIndex(rule)]; n > 0)
        w.key(scanner::ruleName(rule)).value(n);
    w.endObject();
    w.key("distinct").beginObject();
    for (RuleId rule : scanner::kAllRules) {
      const auto& set = t.distinct[scanner::ruleIndex(rule)];
      if (!set.empty())
        w.key(scanner::ruleName(rule)).value(static_cast<std::uint64_t>(set.size()));
    }
    w.endObject();
    if (t.distinct_is_lower_bound) w.key("distinct_is_lower_bound").value(true);
    w.key("status").beginObject();
    for (FileStatus s : scanner::kAllFileStatuses)
      w.key(scanner::fileStatusName(s)).value(t.by_status[statusIndex(s)]);
    w.endObject();
    w.key("elapsed_ms").value(static_cast<std::uint64_t>(elapsed.count() * 1000.0));
    w.key("exit_code").value(t.exitCode());
    w.endObject().endObject();
    line_.push_back('\n');
    std::fwrite(line_.data(), 1, line_.size(), out_);
    std::fflush(out_);
  }

 private:
  std::FILE* out_;
  scanner::Confidence min_;
  std::string line_;
  JsonWriter writer_{line_};  // one line per file; restarted for each
};

}  // namespace

std::size_t ScanTally::DigestHash::operator()(const ValueDigest& d) const {
  std::size_t h = 0;
  std::memcpy(&h, d.data(), sizeof h);  // a keyed hash is already uniformly distributed
  return h;
}

void ScanTally::add(const FileReport& report) {
  if (report.status == FileStatus::kSkipped) {  // not a file the scan reads: counted apart
    ++by_status[statusIndex(report.status)];
    return;
  }
  ++files;
  bytes += report.entry.size;
  ++by_status[statusIndex(report.status)];
  if (report.from_cache) {
    ++files_cached;
  } else if (report.bytes_read > 0 || report.status == FileStatus::kOk) {
    ++files_read;  // an empty file is read too
    bytes_read += report.bytes_read;
  }
  if (report.total(min_confidence) > 0) ++files_with_findings;
  for (RuleId rule : scanner::kAllRules)
    occurrences[scanner::ruleIndex(rule)] += report.count(rule, min_confidence);
  for (const scanner::FindingSummary& f : report.findings)
    if (f.confidence >= min_confidence) distinct[scanner::ruleIndex(f.rule)].insert(f.digest);
  distinct_is_lower_bound |= report.findings_truncated;
}

int ScanTally::exitCode() const {
  if (by_status[statusIndex(FileStatus::kError)] > 0) return 2;
  if (files_with_findings > 0) return 1;
  for (FileStatus s : {FileStatus::kCorrupt, FileStatus::kTooLarge, FileStatus::kProtected})
    if (by_status[statusIndex(s)] > 0) return 2;
  return 0;
}

std::unique_ptr<ScanOutput> makeTableOutput(std::FILE* out, scanner::Confidence min, bool all) {
  return std::make_unique<TableOutput>(out, min, all);
}

std::unique_ptr<ScanOutput> makeJsonOutput(std::FILE* out, scanner::Confidence min) {
  return std::make_unique<JsonOutput>(out, min);
}

}  // namespace jamul::cli
