// SPDX-License-Identifier: Apache-2.0
// jamul-bench-corpus: writes the benchmark corpus, a deterministic tree of synthetic documents
// (tests/support/synthetic_corpus.h) that looks like a staff PC's document folders: nested Korean
// and English folder names, many small files and a few large ones, mostly UTF-8 with ~10% CP949 and
// ~5% UTF-16 (LE/BE, with and without BOM), personal data at a low rate (~1 line in 200).
//
//   jamul-bench-corpus --out DIR [--seed N] [--files 20000] [--bytes 1GiB] [--threads N]
//   jamul-bench-corpus --describe [--seed N] [--files N] [--bytes SIZE]   (prints the request key)
//   jamul-bench-corpus --rg-patterns                                      (the catalogue's
//   patterns)
//
// File i depends only on (seed, i), so the tree is the same whatever the thread count. The sizes
// requested are minimums: files are planned to add up to --bytes, and more are appended until the
// bytes written (after encoding) reach it. DIR/bench-manifest.json records the request, what was
// written and the planted values per rule; scan_bench.sh compares its "request" to decide whether
// to regenerate.

#include <unicode/ucnv.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jamul/scanner/rule.h"
#include "jamul/scanner/rule_catalog.h"
#include "support/synthetic_corpus.h"
#include "support/synthetic_values.h"

namespace {

namespace fs = std::filesystem;
using jamul::test::CorpusOptions;
using jamul::test::DocumentKind;
using jamul::test::SyntheticCorpus;
using jamul::test::SyntheticDocument;
using jamul::test::synth::mixSeed;
using jamul::test::synth::Rng;

// Bump when the same request would produce a different tree.
constexpr int kGeneratorVersion = 2;
// PII at a low rate, as on a staff PC: about one small file in ten holds some (a line in 200 of it);
// the large files are data exports and all hold some. Every file holds hard negatives (traps) and
// the usual dates, times, amounts and counts.
constexpr double kPiiRate = 0.005;
constexpr double kFilesWithPii = 0.10;
constexpr double kTrapRate = 0.01;

enum class Encoding : std::uint8_t {
  kUtf8,
  kUtf8Bom,
  kCp949,
  kUtf16LeBom,
  kUtf16BeBom,
  kUtf16Le,
  kUtf16Be
};
constexpr std::array<std::string_view, 7> kEncodingNames = {
    "utf-8", "utf-8-bom", "cp949", "utf-16le-bom", "utf-16be-bom", "utf-16le", "utf-16be"};

// What the tree looks like. kStaff: the staff PC above (mixed encodings, a few large exports,
// personal data in one small file in ten). kSparse and kDense (issue 19): UTF-8 text only, no large
// files, every file holding personal data at 0.05% and 1% of its lines: the two ends of CPU per
// byte, where the detector rarely and often has a value to check, mask, digest and record.
enum class Profile : std::uint8_t { kStaff, kSparse, kDense };
constexpr std::string_view kProfileNames[] = {"staff", "sparse", "dense"};

struct Request {
  std::uint64_t seed = 1;
  std::uint64_t files = 20000;
  std::uint64_t bytes = std::uint64_t{1} << 30;
  Profile profile = Profile::kStaff;
  std::string key() const {
    std::string key = "seed=" + std::to_string(seed) + " files=" + std::to_string(files) +
                      " bytes=" + std::to_string(bytes) + " version=" + std::to_string(kGeneratorVersion);
    // The staff tree's key stays what it was before profiles existed (its tree did not change).
    if (profile != Profile::kStaff)
      key += " profile=" + std::string(kProfileNames[static_cast<int>(profile)]);
    return key;
  }
  double piiRate() const {
    return profile == Profile::kSparse ? 0.0005 : profile == Profile::kDense ? 0.01 : kPiiRate;
  }
};

// One planned file.
struct Plan {
  std::string folder;  // relative, "" for the root
  std::string stem_prefix;
  DocumentKind kind = DocumentKind::kProse;
  std::size_t target = 0;  // UTF-8 bytes
  Encoding encoding = Encoding::kUtf8;
  bool cp949_only = true;
  bool with_pii = true;
  double pii_rate = kPiiRate;  // of the lines of a file with_pii
};

struct Totals {
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;       // as written (encoded)
  std::uint64_t text_bytes = 0;  // UTF-8
  std::uint64_t traps = 0;
  std::array<std::uint64_t, jamul::scanner::kRuleCount> planted{};
  std::array<std::uint64_t, 7> by_encoding{};
  std::array<std::uint64_t, 6> by_kind{};
  std::uint64_t largest = 0;

  void add(const Totals& o) {
    files += o.files;
    bytes += o.bytes;
    text_bytes += o.text_bytes;
    traps += o.traps;
    for (std::size_t i = 0; i < planted.size(); ++i) planted[i] += o.planted[i];
    for (std::size_t i = 0; i < by_encoding.size(); ++i) by_encoding[i] += o.by_encoding[i];
    for (std::size_t i = 0; i < by_kind.size(); ++i) by_kind[i] += o.by_kind[i];
    largest = std::max(largest, o.largest);
  }
};

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "jamul-bench-corpus: %s\n", message.c_str());
  std::exit(2);
}

std::uint64_t parseNumber(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    die("not a number: " + std::string(text));
  return value;
}

// "1GiB", "512MiB", "100MB", "2G", "123456".
std::uint64_t parseSize(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end == text.data()) die("not a size: " + std::string(text));
  std::string unit(end, text.data() + text.size());
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::map<std::string, std::uint64_t> kUnits = {
      {"", 1},           {"b", 1},         {"k", 1024},     {"kib", 1024},     {"kb", 1000},
      {"m", 1 << 20},    {"mib", 1 << 20}, {"mb", 1000000}, {"g", 1ull << 30}, {"gib", 1ull << 30},
      {"gb", 1000000000}};
  const auto it = kUnits.find(unit);
  if (it == kUnits.end()) die("unknown size unit: " + std::string(text));
  return value * it->second;
}

// --- the tree ------------------------------------------------------------------------------------
constexpr std::string_view kTopFolders[] = {"문서",   "바탕 화면", "다운로드", "공유폴더", "민원",
                                            "총무과", "Projects",  "업무자료", "backup"};
constexpr std::string_view kSubFolders[] = {
    "2022",   "2023",  "2024",   "2025",   "2026",    "회의자료",    "개인정보 점검", "민원처리",
    "예산",   "교육",  "보고서", "임시",   "새 폴더", "새 폴더 (2)", "old",           "archive",
    "export", "logs",  "설정",   "제출용", "최종",    "최종_수정",   "참고자료",      "명단",
    "1분기",  "2분기", "3분기",  "4분기",  "정산",    "data",        "reports",       "첨부파일"};

std::vector<std::string> makeFolders(std::uint64_t seed, std::uint64_t files) {
  Rng rng(mixSeed(seed, 0xF01D));
  std::vector<std::string> folders = {""};
  for (std::string_view top : kTopFolders) folders.emplace_back(top);
  const std::uint64_t wanted = std::max<std::uint64_t>(20, files / 30);
  while (folders.size() < wanted) {
    const std::string& parent = folders[1 + rng.below(folders.size() - 1)];
    if (std::count(parent.begin(), parent.end(), '/') >= 4) continue;  // at most 5 levels
    std::string child = parent + "/" + std::string(rng.pick(kSubFolders));
    if (std::find(folders.begin(), folders.end(), child) == folders.end()) folders.push_back(child);
  }
  return folders;
}

Plan planFile(const Request& request, std::uint64_t index, std::uint64_t large_count,
              std::size_t large_size, std::size_t small_mean,
              const std::vector<std::string>& folders) {
  const std::uint64_t seed = request.seed;
  Rng rng(mixSeed(seed, 0xB000000000ull + index));
  Plan plan;
  plan.folder = folders[rng.below(folders.size())];
  const bool large = index < large_count;
  if (large) {
    static constexpr DocumentKind kLargeKinds[] = {DocumentKind::kCsv, DocumentKind::kLog,
                                                   DocumentKind::kProse, DocumentKind::kTsv};
    plan.kind = kLargeKinds[index % std::size(kLargeKinds)];
    plan.target = large_size / 2 + rng.below(large_size);  // 0.5x - 1.5x
  } else {
    // Mostly prose and tables, then logs, forms and configs.
    const std::uint64_t r = rng.below(100);
    plan.kind = r < 34   ? DocumentKind::kProse
                : r < 54 ? DocumentKind::kCsv
                : r < 64 ? DocumentKind::kTsv
                : r < 78 ? DocumentKind::kLog
                : r < 90 ? DocumentKind::kForm
                         : DocumentKind::kConfig;
    // A skewed spread around the mean: many small files, some ten times larger (mean 1.0).
    const std::uint64_t s = rng.below(100);
    const double f = s < 50   ? 0.15 + 0.006 * static_cast<double>(rng.below(100))   // 0.15-0.75
                     : s < 85 ? 0.75 + 0.0075 * static_cast<double>(rng.below(100))  // 0.75-1.5
                     : s < 97 ? 1.5 + 0.025 * static_cast<double>(rng.below(100))    // 1.5-4
                              : 4.0 + 0.06 * static_cast<double>(rng.below(100));    // 4-10
    plan.target = std::max<std::size_t>(
        200, static_cast<std::size_t>(static_cast<double>(small_mean) * f / 1.163));
  }
  const bool textual = plan.kind == DocumentKind::kProse || plan.kind == DocumentKind::kForm ||
                       plan.kind == DocumentKind::kCsv || plan.kind == DocumentKind::kTsv;
  const std::uint64_t e = rng.below(1000);
  if (textual && e < 120) {
    plan.encoding = Encoding::kCp949;  // ~10% of all files
  } else if (textual && e < 185) {
    static constexpr Encoding kUtf16[] = {Encoding::kUtf16LeBom, Encoding::kUtf16BeBom,
                                          Encoding::kUtf16Le, Encoding::kUtf16Be};
    plan.encoding = kUtf16[rng.below(4)];  // ~5%
  } else if (plan.kind == DocumentKind::kCsv && rng.chance(0.3)) {
    plan.encoding = Encoding::kUtf8Bom;  // Excel's "CSV UTF-8"
  }
  if (large && plan.encoding != Encoding::kUtf8) plan.encoding = Encoding::kUtf8;
  plan.cp949_only = plan.encoding == Encoding::kCp949 || rng.chance(0.8);
  plan.with_pii = large || rng.chance(kFilesWithPii);
  plan.pii_rate = request.piiRate();
  if (request.profile != Profile::kStaff) {
    // Text trees: UTF-8 (what ripgrep reads as jamul does), personal data in every file.
    plan.encoding = Encoding::kUtf8;
    plan.with_pii = true;
  }
  return plan;
}

// --- encodings -----------------------------------------------------------------------------------
std::string toCp949(const std::string& utf8) {
  std::string out(utf8.size() + 16, '\0');  // never longer than UTF-8 for our characters
  UErrorCode status = U_ZERO_ERROR;
  const int32_t n =
      ucnv_convert("windows-949", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                   utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  if (U_FAILURE(status)) die(std::string("CP949 conversion failed: ") + u_errorName(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

std::string toUtf16(const std::string& utf8, bool little_endian, bool bom) {
  std::string out;
  out.reserve(utf8.size() * 2 + 2);
  const auto unit = [&](std::uint32_t u) {
    const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out.push_back(little_endian ? lo : hi);
    out.push_back(little_endian ? hi : lo);
  };
  if (bom) unit(0xFEFF);
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += static_cast<std::size_t>(len);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out;
}

std::string encode(const std::string& utf8, Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return utf8;
    case Encoding::kUtf8Bom:
      return "\xEF\xBB\xBF" + utf8;
    case Encoding::kCp949:
      return toCp949(utf8);
    case Encoding::kUtf16LeBom:
      return toUtf16(utf8, true, true);
    case Encoding::kUtf16BeBom:
      return toUtf16(utf8, false, true);
    case Encoding::kUtf16Le:
      return toUtf16(utf8, true, false);
    case Encoding::kUtf16Be:
      return toUtf16(utf8, false, false);
  }
  return utf8;
}

// --- writing -------------------------------------------------------------------------------------
Totals writeFile(const fs::path& out, std::uint64_t seed, std::uint64_t index, const Plan& plan) {
  CorpusOptions options;
  options.pii_rate = plan.with_pii ? plan.pii_rate : 0.0;
  options.trap_rate = kTrapRate;
  options.cp949_only = plan.cp949_only;
  SyntheticCorpus corpus(mixSeed(seed, index), options);
  const SyntheticDocument doc = corpus.next(plan.kind, plan.target);
  // The document's own name minus its "_0000" counter, then our index: unique in the tree.
  const std::size_t underscore = doc.name.rfind('_');
  const std::size_t dot = doc.name.rfind('.');
  char number[24];
  std::snprintf(number, sizeof number, "_%05llu", static_cast<unsigned long long>(index));
  const std::string name = doc.name.substr(0, underscore) + number + doc.name.substr(dot);
  const fs::path path = plan.folder.empty() ? out / name : out / plan.folder / name;
  const std::string bytes = encode(doc.text, plan.encoding);
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!file) die("cannot write " + path.string());

  Totals t;
  t.files = 1;
  t.bytes = bytes.size();
  t.text_bytes = doc.text.size();
  t.traps = doc.traps.size();
  for (const auto& v : doc.planted) ++t.planted[jamul::scanner::ruleIndex(v.rule)];
  ++t.by_encoding[static_cast<std::size_t>(plan.encoding)];
  ++t.by_kind[static_cast<std::size_t>(plan.kind)];
  t.largest = bytes.size();
  return t;
}

void writeManifest(const fs::path& out, const Request& request, const Totals& t, double seconds) {
  std::ofstream m(out / "bench-manifest.json", std::ios::trunc);
  m << "{\n";
  m << "  \"request\": \"" << request.key() << "\",\n";
  m << "  \"seed\": " << request.seed << ",\n";
  m << "  \"files\": " << t.files << ",\n";
  m << "  \"bytes\": " << t.bytes << ",\n";
  m << "  \"text_bytes\": " << t.text_bytes << ",\n";
  m << "  \"largest_file_bytes\": " << t.largest << ",\n";
  m << "  \"profile\": \"" << kProfileNames[static_cast<int>(request.profile)] << "\",\n";
  m << "  \"pii_rate\": " << request.piiRate() << ",\n";
  m << "  \"files_with_pii_share\": " << (request.profile == Profile::kStaff ? kFilesWithPii : 1.0)
    << ",\n";
  m << "  \"trap_rate\": " << kTrapRate << ",\n";
  m << "  \"generation_seconds\": " << seconds << ",\n";
  m << "  \"planted\": {";
  std::uint64_t total = 0;
  for (jamul::scanner::RuleId rule : jamul::scanner::kAllRules) {
    const std::uint64_t n = t.planted[jamul::scanner::ruleIndex(rule)];
    total += n;
    m << (rule == jamul::scanner::kAllRules.front() ? "\n" : ",\n") << "    \""
      << jamul::scanner::ruleName(rule) << "\": " << n;
  }
  m << "\n  },\n";
  m << "  \"planted_total\": " << total << ",\n";
  m << "  \"traps\": " << t.traps << ",\n";
  m << "  \"encodings\": {";
  for (std::size_t i = 0; i < kEncodingNames.size(); ++i)
    m << (i ? ", " : "") << "\"" << kEncodingNames[i] << "\": " << t.by_encoding[i];
  m << "},\n  \"kinds\": {";
  for (std::size_t i = 0; i < t.by_kind.size(); ++i)
    m << (i ? ", " : "") << "\"" << jamul::test::documentKindName(static_cast<DocumentKind>(i))
      << "\": " << t.by_kind[i];
  m << "}\n}\n";
  if (!m) die("cannot write the manifest");
}

void usage() {
  std::printf(
      "Usage: jamul-bench-corpus --out DIR [--seed N] [--files 20000] [--bytes 1GiB]\n"
      "                          [--profile staff|sparse|dense] [--threads N]\n"
      "       jamul-bench-corpus --describe [--seed N] [--files N] [--bytes SIZE] [--profile P]\n"
      "       jamul-bench-corpus --rg-patterns\n\n"
      "Writes a deterministic tree of at least --files synthetic documents totalling at least\n"
      "--bytes into DIR (which must be empty or absent), and DIR/bench-manifest.json.\n"
      "--profile: staff (default) is a staff PC's mixed tree; sparse and dense are UTF-8 text\n"
      "trees with personal data on 0.05%% and 1%% of the lines of every file.\n"
      "--describe prints the request key the manifest records; --rg-patterns prints the detection\n"
      "rules' patterns one per line, for ripgrep -f (bench/ripgrep-patterns.txt).\n");
}

}  // namespace

int main(int argc, char** argv) {
  Request request;
  std::string out_dir;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  bool describe = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto next = [&]() -> std::string {
      if (i + 1 >= argc) die(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--out") {
      out_dir = next();
    } else if (arg == "--seed") {
      request.seed = parseNumber(next());
    } else if (arg == "--files") {
      request.files = parseNumber(next());
    } else if (arg == "--bytes") {
      request.bytes = parseSize(next());
    } else if (arg == "--profile") {
      const std::string name = next();
      const auto* found = std::find(std::begin(kProfileNames), std::end(kProfileNames), name);
      if (found == std::end(kProfileNames)) die("unknown profile " + name + " (staff, sparse, dense)");
      request.profile = static_cast<Profile>(found - std::begin(kProfileNames));
    } else if (arg == "--threads") {
      threads = static_cast<unsigned>(std::clamp<std::uint64_t>(parseNumber(next()), 1, 64));
    } else if (arg == "--describe") {
      describe = true;
    } else if (arg == "--rg-patterns") {
      // The numeric rules' patterns: ripgrep is compared with jamul on the structured rules.
      for (const auto& rule : jamul::scanner::ruleCatalog())
        if (!rule.traits.unstructured)
          for (std::string_view p : rule.patterns)
            std::printf("%.*s\n", static_cast<int>(p.size()), p.data());
      return 0;
    } else if (arg == "--help" || arg == "-h") {
      usage();
      return 0;
    } else {
      usage();
      die("unknown argument " + arg);
    }
  }
  if (describe) {
    std::printf("%s\n", request.key().c_str());
    return 0;
  }
  if (out_dir.empty()) {
    usage();
    return 2;
  }
  if (request.files == 0) die("--files must be at least 1");
  const fs::path out(out_dir);
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_empty(out, ec))
    die(out_dir + " is not empty; remove it first");

  const auto start = std::chrono::steady_clock::now();
  // A few large files (tens of MB) hold about a third of the bytes; the rest are small.
  // (Text trees have none: their files are the small ones.)
  const std::uint64_t large_count =
      request.profile == Profile::kStaff ? std::max<std::uint64_t>(1, request.files / 2000) : 0;
  const std::size_t large_size = static_cast<std::size_t>(
      std::clamp<std::uint64_t>(request.bytes / 3 / std::max<std::uint64_t>(1, large_count),
                                64 * 1024, 48ull << 20));
  const std::uint64_t large_bytes = large_count * large_size;
  const std::uint64_t small_count = request.files > large_count ? request.files - large_count : 1;
  const std::size_t small_mean = static_cast<std::size_t>(std::max<std::uint64_t>(
      512, (request.bytes > large_bytes ? request.bytes - large_bytes : request.bytes / 2) /
               small_count));

  const std::vector<std::string> folders = makeFolders(request.seed, request.files);
  for (const std::string& f : folders) {
    fs::create_directories(f.empty() ? out : out / f, ec);
    if (ec) die("cannot create " + (out / f).string() + ": " + ec.message());
  }

  // Planned files on `threads` workers; then more until the bytes written reach the request.
  Totals totals;
  std::mutex mutex;
  std::atomic<std::uint64_t> next_index{0};
  const auto work = [&](std::uint64_t limit) {
    Totals mine;
    for (;;) {
      const std::uint64_t i = next_index.fetch_add(1);
      if (i >= limit) break;
      const Plan plan = planFile(request, i, large_count, large_size, small_mean, folders);
      mine.add(writeFile(out, request.seed, i, plan));
    }
    std::lock_guard lock(mutex);
    totals.add(mine);
  };
  // Files [from, to) on the worker pool.
  const auto run = [&](std::uint64_t from, std::uint64_t to) {
    next_index = from;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, to);
    for (auto& t : pool) t.join();
  };
  run(0, request.files);
  while (totals.bytes < request.bytes) {
    // Top up with small files: deterministic, because the bytes written so far are.
    const std::uint64_t missing = request.bytes - totals.bytes;
    const std::uint64_t more = missing / small_mean + 1;
    run(totals.files, totals.files + more);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  writeManifest(out, request, totals, seconds);
  std::uint64_t planted = 0;
  for (std::uint64_t n : totals.planted) planted += n;
  std::printf(
      "%llu files, %.1f MiB (%.1f MiB of UTF-8 text) in %.1f s (%.0f MB/s); %llu planted "
      "values, %llu traps\n",
      static_cast<unsigned long long>(totals.files), static_cast<double>(totals.bytes) / (1 << 20),
      static_cast<double>(totals.text_bytes) / (1 << 20), seconds,
      static_cast<double>(totals.text_bytes) / seconds / 1e6,
      static_cast<unsigned long long>(planted), static_cast<unsigned long long>(totals.traps));
  return 0;
}
