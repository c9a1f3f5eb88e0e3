// SPDX-License-Identifier: Apache-2.0
// DOCX (ECMA-376 Part 1 §17): the text of the body, headers, footers, footnotes, endnotes and
// comments. Paragraphs (w:p, §17.3.1.22) end lines; runs' w:t (§17.3.3.31) carry the text, w:tab
// and w:br/w:cr (§17.3.3.1, §17.3.3.4) become '\t' and '\n'. Table rows (w:tr, §17.4.79) become
// one line with cells (w:tc) separated by '\t', so a row reads like a sheet's row. Deleted text
// (w:delText) and field codes (w:instrText) are not what the reader sees and are skipped.
#include <string>

#include "extract/zip/zip_formats.h"

namespace jamul::scanner::extract::zip {
namespace {

class DocxHandler final : public XmlHandler {
 public:
  explicit DocxHandler(PartText& out) : out_(out) {}

  void startElement(std::string_view name, const XmlAttributes&) override {
    const std::string_view local = localName(name);
    if (local == "t") {
      ++in_text_;
    } else if (local == "tab" && in_text_ == 0) {
      // A w:tab inside w:pPr/w:tabs is a tab stop definition, not a character.
      if (in_tabs_ == 0) out_.append(in_cell_ > 0 ? ' ' : '\t');
    } else if (local == "tabs") {
      ++in_tabs_;
    } else if (local == "br" || local == "cr") {
      out_.append(in_cell_ > 0 ? ' ' : '\n');
    } else if (local == "tc") {
      ++in_cell_;
    } else if (local == "tr") {
      row_has_cell_ = false;
    }
  }

  void endElement(std::string_view name) override {
    const std::string_view local = localName(name);
    if (local == "t") {
      if (in_text_ > 0) --in_text_;
    } else if (local == "tabs") {
      if (in_tabs_ > 0) --in_tabs_;
    } else if (local == "p") {
      // Paragraphs in a cell stay on the row's line.
      if (in_cell_ > 0) {
        if (!out_.empty() && out_.back() != '\t' && out_.back() != ' ' && out_.back() != '\n')
          out_.append(' ');
      } else {
        out_.append('\n');
      }
    } else if (local == "tc") {
      if (in_cell_ > 0) --in_cell_;
      if (in_cell_ == 0) {
        if (!out_.empty() && out_.back() == ' ') out_.popBack();
        out_.append('\t');
        row_has_cell_ = true;
      }
    } else if (local == "tr") {
      if (in_cell_ == 0) {
        if (row_has_cell_ && out_.back() == '\t') out_.popBack();
        out_.append('\n');
      }
    }
  }

  void characters(std::string_view text) override {
    if (in_text_ == 0) return;
    if (in_cell_ > 0)
      out_.appendCell(text);
    else
      out_.append(text);
  }

 private:
  PartText& out_;
  int in_text_ = 0;
  int in_tabs_ = 0;
  int in_cell_ = 0;
  bool row_has_cell_ = false;
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
