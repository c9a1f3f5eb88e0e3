// SPDX-License-Identifier: Apache-2.0
// HWPX (KS X 6101 OWPML): the body sections Contents/sectionN.xml in the order of the package's
// spine (Contents/content.hpf, an OPF package: manifest items and spine itemrefs), else in numeric
// order, each a part "section N". Text is in hp:t runs (with hp:tab and hp:lineBreak inside), one
// line per hp:p paragraph; tables (hp:tbl/hp:tr/hp:tc) give a line per row with cells joined by
// '\t'; header, footer and note text (hp:ctrl sub-lists) is read where it is anchored. A package
// whose META-INF/manifest.xml carries ODF-style encryption-data (OWPML reuses the ODF manifest) is
// password-protected: its sections are ciphertext.
#include <string>
#include <vector>

#include "extract/zip/table_text_builder.h"
#include "extract/zip/zip_formats.h"

namespace jamul::scanner::extract::zip {
namespace {

class SpineHandler final : public XmlHandler {
 public:
  void startElement(std::string_view name, const XmlAttributes& atts) override {
    const std::string_view local = localName(name);
    if (local == "item")
      items.emplace_back(std::string(atts.get("id")), std::string(atts.get("href")));
    else if (local == "itemref")
      spine.emplace_back(atts.get("idref"));
  }
  void endElement(std::string_view) override {}
  void characters(std::string_view) override {}
  std::vector<std::pair<std::string, std::string>> items;  // id, href
  std::vector<std::string> spine;
};

class SectionHandler final : public XmlHandler {
 public:
  explicit SectionHandler(PartText& out) : text_(out) {}
  void startElement(std::string_view name, const XmlAttributes&) override {
    const std::string_view local = localName(name);
    if (local == "t") {
      text_.beginRun();
      ++in_run_;
    } else if (local == "tab" && in_run_ > 0) {  // hp:tab and hp:lineBreak sit inside hp:t
      text_.tab();
    } else if (local == "lineBreak" && in_run_ > 0) {
      text_.lineBreak();
    } else if (local == "p") {
      text_.beginParagraph();
    } else if (local == "tc") {
      text_.beginCell();
    } else if (local == "tr") {
      text_.beginRow();
    }
  }
  void endElement(std::string_view name) override {
    const std::string_view local = localName(name);
    if (local == "t") {
      text_.endRun();
      if (in_run_ > 0) --in_run_;
    } else if (local == "p") {
      text_.endParagraph();
    } else if (local == "tc") {
      text_.endCell();
    } else if (local == "tr") {
      text_.endRow();
    }
  }
  void characters(std::string_view text) override { text_.text(text); }

 private:
  TableTextBuilder text_;
  int in_run_ = 0;
};

bool isSectionPath(std::string_view path) {
  return path.starts_with("Contents/section") && path.ends_with(".xml");
}

}  // namespace

ExtractStatus extractHwpx(ZipArchive& zip, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("hwpx");
  ExtractStatus status;
  if (zip.find("META-INF/manifest.xml") != nullptr) {
    if (manifestIsEncrypted(zip, ctx, status))
      return ExtractStatus::protectedDoc("password-protected HWPX");
  }
  std::vector<std::string> sections;
  if (zip.find("Contents/content.hpf") != nullptr) {
    SpineHandler opf;
    foldStatus(status, parseMember(zip, "Contents/content.hpf", opf, ctx));
    for (const std::string& idref : opf.spine) {
      for (const auto& [id, href] : opf.items) {
        if (id != idref) continue;
        // hrefs are package-relative in Hancom's files; some writers make them relative to
        // Contents/.
        const std::string path = zip.find(href) != nullptr ? href : "Contents/" + href;
        if (isSectionPath(path) && zip.find(path) != nullptr) sections.push_back(path);
        break;
      }
    }
  }
  if (sections.empty()) sections = membersLike(zip, "Contents/section", ".xml");

  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (ctx.expired()) {
      foldStatus(status, ExtractStatus::tooLarge("time budget spent"));
      break;
    }
    PartText text(static_cast<std::size_t>(ctx.limits().max_member_bytes));
    SectionHandler handler(text);
    const ExtractStatus parsed = parseMember(zip, sections[i], handler, ctx);
    foldStatus(status, parsed);
    foldStatus(status,
               emitPart(sink, "section " + std::to_string(i + 1), PartKind::kParagraphs, text));
  }
  return status;
}

}  // namespace jamul::scanner::extract::zip
