// SPDX-License-Identifier: Apache-2.0
// DOCX (ECMA-376 Part 1 §17): the text of the body, headers, footers, footnotes, endnotes and
// comments. Paragraphs (w:p, §17.3.1.22) end lines; runs' w:t (§17.3.3.31) carry the text, w:tab
// and w:br/w:cr (§17.3.3.1, §17.3.3.4) become '\t' and '\n'. Table rows (w:tr, §17.4.79) become
// one line with cells (w:tc) separated by '\t', so a row reads like a sheet's row. Deleted text
// (w:delText) and field codes (w:instrText) are not what the reader sees and are skipped.
#include <string>

#include "extract/zip/table_text_builder.h"
#include "extract/zip/zip_formats.h"

namespace jamul::scanner::extract::zip {
namespace {

class DocxHandler final : public XmlHandler {
 public:
  explicit DocxHandler(PartText& out) : text_(out) {}

  void startElement(std::string_view name, const XmlAttributes&) override {
    const std::string_view local = localName(name);
    if (local == "t") {
      text_.beginRun();
    } else if (local == "tab") {
      // A w:tab inside w:pPr/w:tabs is a tab stop definition, not a character.
      if (in_tabs_ == 0) text_.tab();
    } else if (local == "tabs") {
      ++in_tabs_;
    } else if (local == "br" || local == "cr") {
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
    } else if (local == "tabs") {
      if (in_tabs_ > 0) --in_tabs_;
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
  int in_tabs_ = 0;
};

// "word/header2.xml" -> "header2".
std::string stemOf(std::string_view path) {
  std::string_view stem = path.substr(path.rfind('/') + 1);
  return std::string(stem.substr(0, stem.find('.')));
}

}  // namespace

ExtractStatus extractDocx(ZipArchive& zip, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("docx");
  ExtractStatus status;
  const std::size_t cap = static_cast<std::size_t>(ctx.limits().max_member_bytes);
  // The main part is the target of the package's officeDocument relationship (Part 2 §9.3); it is
  // word/document.xml in every producer we know, which is the fallback.
  std::string main_part = "word/document.xml";
  for (const Relationship& rel : readRelationships(zip, "", ctx, status)) {
    if (rel.type.size() >= 15 && rel.type.substr(rel.type.size() - 15) == "/officeDocument" &&
        zip.find(rel.target) != nullptr)
      main_part = rel.target;
  }
  std::vector<std::pair<std::string, std::string>> parts = {{"body", main_part}};
  for (const std::string& name : membersLike(zip, "word/header", ".xml"))
    parts.emplace_back(stemOf(name), name);
  for (const std::string& name : membersLike(zip, "word/footer", ".xml"))
    parts.emplace_back(stemOf(name), name);
  for (const char* name : {"footnotes", "endnotes", "comments"})
    parts.emplace_back(name, std::string("word/") + name + ".xml");

  for (const auto& [location, member] : parts) {
    if (zip.find(member) == nullptr) continue;
    if (ctx.expired()) {
      foldStatus(status, ExtractStatus::tooLarge("time budget spent"));
      break;
    }
    PartText text(cap);
    DocxHandler handler(text);
    foldStatus(status, parseMember(zip, member, handler, ctx));
    foldStatus(status, emitPart(sink, location, PartKind::kParagraphs, text));
  }
  return status;
}

}  // namespace jamul::scanner::extract::zip
