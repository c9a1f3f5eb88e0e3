// SPDX-License-Identifier: Apache-2.0
#include "extract/zip/zip_formats.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace jamul::scanner::extract::zip {
namespace {

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

class RelsHandler final : public XmlHandler {
 public:
  RelsHandler(std::string_view source, std::vector<Relationship>& out)
      : source_(source), out_(out) {}
  void startElement(std::string_view name, const XmlAttributes& atts) override {
    if (localName(name) != "Relationship") return;
    Relationship rel{std::string(atts.get("Id")), std::string(atts.get("Type")), {}};
    if (atts.get("TargetMode") != "External")
      rel.target = resolveTarget(source_, atts.get("Target"));
    out_.push_back(std::move(rel));
  }
  void endElement(std::string_view) override {}
  void characters(std::string_view) override {}

 private:
  std::string_view source_;
  std::vector<Relationship>& out_;
};

}  // namespace

ExtractStatus parseMember(ZipArchive& zip, std::string_view name, XmlHandler& handler,
                          ExtractContext& ctx) {
  std::string xml;
  ExtractStatus status = zip.read(name, ctx, xml);
  // Protected or bomb members are not parsed: there is nothing legible, or it would not be safe.
  if (status.status == FileStatus::kProtected || status.detail.rfind("zip bomb", 0) == 0)
    return status;
  if (!xml.empty()) {
    const ExtractStatus parsed = parseXml(xml, name, handler, ctx);
    // A truncated member's XML breaks off too; the read status says why.
    if (status.isOk()) status = parsed;
  }
  return status;
}

ExtractStatus emitPart(TextSink& sink, std::string_view location, PartKind kind,
                       const PartText& text) {
  sink.beginPart(location, kind);
  if (!text.empty()) sink.append(text.str());
  if (text.full())
    return ExtractStatus::tooLarge("text of " + std::string(location) + " over limit");
  return ExtractStatus::ok();
}

std::vector<Relationship> readRelationships(ZipArchive& zip, std::string_view part,
                                            ExtractContext& ctx, ExtractStatus& status) {
  std::vector<Relationship> rels;
  const std::size_t slash = part.rfind('/');
  const std::string dir(slash == std::string_view::npos ? "" : part.substr(0, slash + 1));
  const std::string file(slash == std::string_view::npos ? part : part.substr(slash + 1));
  const std::string rels_name = dir + "_rels/" + file + ".rels";
  if (zip.find(rels_name) == nullptr) return rels;
  RelsHandler handler(part, rels);
  foldStatus(status, parseMember(zip, rels_name, handler, ctx));
  return rels;
}

std::string resolveTarget(std::string_view source_part, std::string_view target) {
  std::vector<std::string_view> segments;
  if (!target.empty() && target[0] == '/') {
    target.remove_prefix(1);
  } else {
    std::string_view dir = source_part.substr(0, source_part.rfind('/') + 1);
    while (!dir.empty()) {
      const std::size_t slash = dir.find('/');
      segments.push_back(dir.substr(0, slash));
      dir.remove_prefix(slash + 1);
    }
  }
  while (!target.empty()) {
    const std::size_t slash = std::min(target.find('/'), target.size());
    const std::string_view seg = target.substr(0, slash);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    target.remove_prefix(std::min(slash + 1, target.size()));
  }
  std::string path;
  for (std::string_view seg : segments) {
    if (!path.empty()) path += '/';
    path += seg;
  }
  return path;
}

std::string displayNumber(std::string_view stored) {
  std::string_view s = stored;
  while (!s.empty() && (s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value))
    return std::string(stored);
  if (value != std::floor(value) || std::fabs(value) >= 1e15) return std::string(stored);
  char buffer[32];
  const auto integer = static_cast<long long>(value);
  const auto [out, oec] = std::to_chars(buffer, buffer + sizeof buffer, integer);
  if (oec != std::errc()) return std::string(stored);
  return std::string(buffer, out);
}

long trailingNumber(std::string_view path) {
  std::string_view stem = path.substr(path.rfind('/') + 1);
  stem = stem.substr(0, stem.find('.'));
  std::size_t start = stem.size();
  while (start > 0 && stem[start - 1] >= '0' && stem[start - 1] <= '9') --start;
  if (start == stem.size() || stem.size() - start > 9) return -1;
  long n = 0;
  std::from_chars(stem.data() + start, stem.data() + stem.size(), n);
  return n;
}

std::vector<std::string> membersLike(const ZipArchive& zip, std::string_view prefix,
                                     std::string_view suffix) {
  std::vector<std::string> names;
  for (const ZipEntry& e : zip.entries()) {
    if (e.is_directory || e.name.size() < prefix.size() + suffix.size()) continue;
    if (e.name.compare(0, prefix.size(), prefix) != 0 || !endsWith(e.name, suffix)) continue;
    // Only files directly in the folder of `prefix` ("ppt/slides/", not "ppt/slides/_rels/").
    if (e.name.find('/', prefix.rfind('/') + 1) != std::string::npos) continue;
    names.push_back(e.name);
  }
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    const long na = trailingNumber(a);
    const long nb = trailingNumber(b);
    return na != nb ? na < nb : a < b;
  });
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

namespace {

class EncryptionHandler final : public XmlHandler {
 public:
  void startElement(std::string_view name, const XmlAttributes&) override {
    if (localName(name) == "encryption-data") encrypted = true;
  }
  void endElement(std::string_view) override {}
  void characters(std::string_view) override {}
  bool encrypted = false;
};

}  // namespace

bool manifestIsEncrypted(ZipArchive& zip, ExtractContext& ctx, ExtractStatus& status) {
  EncryptionHandler manifest;
  foldStatus(status, parseMember(zip, "META-INF/manifest.xml", manifest, ctx));
  return manifest.encrypted;
}

}  // namespace jamul::scanner::extract::zip
