// SPDX-License-Identifier: Apache-2.0
// jamul-accuracy: per-rule precision and recall of any `jamul` build on generated sets (issue 13).
//
//   jamul-accuracy generate --out DIR [--seed N] [--documents N]
//       text sets (form, prose, long-line and log layouts in UTF-8, CP949, UTF-16LE with and without
//       a BOM, UTF-16BE without), table sets (CSV, TSV, XLSX, HWP register, DOCX table) and document
//       sets (HWP and DOCX paragraphs) from tests/support/attribution_corpus.h; DIR/manifest.tsv
//       lists every planted value with the location jamul scan reports it at.
//   jamul-accuracy scanned --out DIR [--seed N] [--pages N]
//       scanned pages (tests/support/scanned_pages.h) drawn with ImageMagick and fonts-nanum, and
//       their manifest (values without locations: OCR lines are not predictable).
//   jamul-accuracy score --dir DIR --scan SCAN.jsonl [--verbose]
//       reads `jamul scan DIR --json` output and prints one Markdown table per set, then the pooled
//       table; --verbose lists every false positive and false negative.
//
// Nothing here links the detector: scoring reads the CLI's output, so an older build (the base of a
// change) is measured on exactly the same files as the new one. bench/accuracy.sh runs it all.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "jamul/protocol/json_value.h"
#include "jamul/scanner/rule.h"
#include "support/accuracy_sets.h"
#include "support/accuracy_tally.h"
#include "support/attribution_corpus.h"
#include "support/scanned_pages.h"

namespace {

namespace fs = std::filesystem;
using jamul::scanner::Confidence;
using jamul::scanner::RuleId;
using namespace jamul::test;

// A member of a `jamul scan --json` object as text ("" when absent or not a string).
std::string field(const jamul::protocol::JsonValue& object, std::string_view key) {
  const jamul::protocol::JsonValue* v = object.find(key);
  return v != nullptr && v->isString() ? v->asString() : std::string();
}

// --- options -----------------------------------------------------------------------------------------
std::map<std::string, std::string> options(int argc, char** argv, int from) {
  std::map<std::string, std::string> out;
  for (int i = from; i < argc; ++i) {
    std::string a = argv[i];
    if (!a.starts_with("--")) continue;
    a = a.substr(2);
    if (i + 1 < argc && std::string_view(argv[i + 1]).substr(0, 2) != "--") out[a] = argv[++i];
    else out[a] = "1";
  }
  return out;
}

std::string escapeField(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n') c = ' ';
  return s;
}

bool writeFile(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

void writeManifestLine(std::ofstream& manifest, const std::string& set, const std::string& relative,
                       const ExpectedValue& e) {
  manifest << set << '\t' << relative << '\t' << jamul::scanner::ruleName(e.rule) << '\t'
           << escapeField(e.location) << '\t' << escapeField(e.text) << '\n';
}

int generate(const std::map<std::string, std::string>& opt) {
  if (!opt.contains("out")) return std::fprintf(stderr, "generate: --out DIR\n"), 2;
  const fs::path out = opt.at("out");
  const std::uint64_t seed = opt.contains("seed") ? std::stoull(opt.at("seed")) : 1;
  const int documents = opt.contains("documents") ? std::stoi(opt.at("documents")) : 200;
  fs::create_directories(out);
  std::ofstream manifest(out / "manifest.tsv");
  AttributionCorpus corpus(seed);
  std::vector<TextEncoding> encodings(std::begin(kAllEncodings), std::end(kAllEncodings));
  std::size_t files = 0, values = 0;
  for (int i = 0; i < documents; ++i) {
    const AttributionDocument doc = corpus.next();
    for (const SetFile& f : setFiles(doc, encodings)) {
      const std::string relative = f.set + "/" + f.name;
      if (!writeFile(out / relative, f.bytes)) return std::fprintf(stderr, "cannot write %s\n", relative.c_str()), 1;
      for (const ExpectedValue& e : f.expected) writeManifestLine(manifest, f.set, relative, e);
      ++files;
      values += f.expected.size();
    }
  }
  std::printf("%zu files, %zu planted values in %s\n", files, values, out.c_str());
  return 0;
}

int scanned(const std::map<std::string, std::string>& opt) {
  if (!opt.contains("out")) return std::fprintf(stderr, "scanned: --out DIR\n"), 2;
  const fs::path out = opt.at("out");
  const std::uint64_t seed = opt.contains("seed") ? std::stoull(opt.at("seed")) : 1;
  const int pages = opt.contains("pages") ? std::stoi(opt.at("pages")) : 36;
  const std::string convert = findImageMagick(), fonts = findNanumFonts();
  if (convert.empty() || fonts.empty()) {
    std::fprintf(stderr, "scanned: needs ImageMagick (convert) and fonts-nanum\n");
    return 2;
  }
  fs::create_directories(out / "scanned");
  std::ofstream manifest(out / "manifest.tsv");
  std::size_t values = 0;
  for (int i = 0; i < pages; ++i) {
    const ScannedPage page = scannedPage(seed, static_cast<std::uint64_t>(i));
    const std::string set = "scanned/" + std::string(pageLayoutName(page.layout));
    const std::string relative = set + "/" + page.name;
    fs::create_directories(out / set);
    if (const auto s = renderPage(page, (out / relative).string(), convert, fonts); !s) {
      std::fprintf(stderr, "%s: %s\n", relative.c_str(), s.error().message().c_str());
      return 1;
    }
    for (const ExpectedValue& e : page.expected) writeManifestLine(manifest, set, relative, e);
    values += page.expected.size();
  }
  std::printf("%d pages, %zu planted values in %s\n", pages, values, out.c_str());
  return 0;
}

int score(const std::map<std::string, std::string>& opt) {
  if (!opt.contains("dir") || !opt.contains("scan"))
    return std::fprintf(stderr, "score: --dir DIR --scan SCAN.jsonl\n"), 2;
  const fs::path dir = opt.at("dir");
  const bool verbose = opt.contains("verbose");
  struct FileTruth {
    std::string set;
    std::vector<ExpectedValue> expected;
  };
  std::map<std::string, FileTruth> truth;  // by relative path
  {
    std::ifstream in(dir / "manifest.tsv");
    std::string line;
    while (std::getline(in, line)) {
      std::vector<std::string> f;
      std::stringstream ss(line);
      std::string item;
      while (std::getline(ss, item, '\t')) f.push_back(item);
      if (f.size() < 5) continue;
      const auto rule = jamul::scanner::ruleFromName(f[2]);
      if (!rule) continue;
      FileTruth& t = truth[f[1]];
      t.set = f[0];
      t.expected.push_back({*rule, f[4], f[3]});
    }
  }
  // Files without planted values still count (their findings are false positives): every file
  // the scan reports under a set directory is scored.
  std::map<std::string, std::vector<ReportedValue>> reported;
  std::map<std::string, std::string> status;
  {
    std::ifstream in(opt.at("scan"));
    std::string line;
    const std::string prefix = fs::weakly_canonical(dir).string() + "/";
    while (std::getline(in, line)) {
      const auto json = jamul::protocol::JsonValue::parse(line);
      if (!json || json->find("path") == nullptr) continue;
      std::string path = field(*json, "path");
      const std::string canonical = fs::weakly_canonical(fs::path(path)).string();
      if (canonical.starts_with(prefix)) path = canonical.substr(prefix.size());
      if (path == "manifest.tsv") continue;
      status[path] = field(*json, "status");
      auto& list = reported[path];
      if (const auto* findings = json->find("findings"); findings && findings->isArray()) {
        for (const auto& f : findings->asArray()) {
          const auto rule = jamul::scanner::ruleFromName(field(f, "rule"));
          const auto conf = jamul::scanner::confidenceFromName(field(f, "confidence"));
          if (!rule || !conf) continue;
          list.push_back({*rule, *conf, field(f, "location"), field(f, "masked")});
        }
      }
    }
  }
  AccuracyTally tally;
  std::size_t not_ok = 0;
  for (const auto& [relative, t] : truth) {
    const std::string& path = relative;  // a name the lambda below may capture
    if (status[path] != "ok") {
      ++not_ok;
      if (verbose) std::printf("  %s: status %s\n", path.c_str(), status[path].c_str());
    }
    const auto it = reported.find(path);
    const std::vector<ReportedValue> none;
    tally.add(t.set, t.expected, it == reported.end() ? none : it->second,
              [&](std::string_view kind, RuleId rule, std::string_view what) {
                if (verbose)
                  std::printf("  %.*s %s %s: %.*s\n", static_cast<int>(kind.size()), kind.data(),
                              path.c_str(), std::string(jamul::scanner::ruleName(rule)).c_str(),
                              static_cast<int>(what.size()), what.data());
              });
  }
  for (const auto& [path, list] : reported) {
    if (truth.contains(path)) continue;
    const std::string set = path.substr(0, path.rfind('/'));
    tally.add(set, {}, list, {});
  }
  for (const std::string& set : tally.sets()) std::printf("\n### %s\n\n%s", set.c_str(), tally.table(set).c_str());
  std::printf("\n### all sets\n\n%s", tally.table().c_str());
  if (not_ok > 0) std::printf("\n(%zu files not read as ok)\n", not_ok);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  const auto opt = options(argc, argv, 2);
  if (command == "generate") return generate(opt);
  if (command == "scanned") return scanned(opt);
  if (command == "score") return score(opt);
  std::fprintf(stderr,
               "usage: jamul-accuracy generate --out DIR [--seed N] [--documents N]\n"
               "       jamul-accuracy scanned --out DIR [--seed N] [--pages N]\n"
               "       jamul-accuracy score --dir DIR --scan SCAN.jsonl [--verbose]\n");
  return 2;
}
