// SPDX-License-Identifier: Apache-2.0
// PPTX (ECMA-376 Part 1 §19): the slides in presentation order (§19.2.1.34 sldIdLst, each sldId's
// relationship), each a part "slide N"; its notes slide (relationship type ".../notesSlide") a part
// "slide N notes". Text is DrawingML (§21.1.2): a:t runs, a:br breaks, one line per a:p paragraph;
// table cells (a:tc) of a row are joined by '\t'.
#include <string>
#include <vector>

#include "extract/zip/table_text_builder.h"
#include "extract/zip/zip_formats.h"

namespace jamul::scanner::extract::zip {
namespace {

class PresentationHandler final : public XmlHandler {
 public:
  void startElement(std::string_view name, const XmlAttributes& atts) override {
    if (localName(name) == "sldId") slide_ids.emplace_back(atts.getPrefixed("id"));
  }
  void endElement(std::string_view) override {}
  void characters(std::string_view) override {}
  std::vector<std::string> slide_ids;
};

class SlideHandler final : public XmlHandler {
 public:
  explicit SlideHandler(PartText& out) : text_(out) {}
  void startElement(std::string_view name, const XmlAttributes&) override {
    const std::string_view local = localName(name);
    if (local == "t") {
      text_.beginRun();
    } else if (local == "br") {
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
};

ExtractStatus emitSlide(ZipArchive& zip, const std::string& member, const std::string& location,
                        TextSink& sink, ExtractContext& ctx) {
  PartText text(static_cast<std::size_t>(ctx.limits().max_member_bytes));
  SlideHandler handler(text);
  ExtractStatus status = parseMember(zip, member, handler, ctx);
  foldStatus(status, emitPart(sink, location, PartKind::kParagraphs, text));
  return status;
}

}  // namespace

ExtractStatus extractPptx(ZipArchive& zip, TextSink& sink, ExtractContext& ctx) {
  ctx.setFormat("pptx");
  ExtractStatus status;
  const std::string presentation = "ppt/presentation.xml";
  PresentationHandler pres;
  foldStatus(status, parseMember(zip, presentation, pres, ctx));
  const std::vector<Relationship> rels = readRelationships(zip, presentation, ctx, status);
  std::vector<std::string> slides;
  for (const std::string& id : pres.slide_ids) {
    for (const Relationship& rel : rels) {
      if (rel.id == id && zip.find(rel.target) != nullptr) {
        slides.push_back(rel.target);
        break;
      }
    }
  }
  if (slides.empty()) slides = membersLike(zip, "ppt/slides/slide", ".xml");

  for (std::size_t i = 0; i < slides.size(); ++i) {
    if (ctx.expired()) {
      foldStatus(status, ExtractStatus::tooLarge("time budget spent"));
      break;
    }
    const std::string location = "slide " + std::to_string(i + 1);
    foldStatus(status, emitSlide(zip, slides[i], location, sink, ctx));
    for (const Relationship& rel : readRelationships(zip, slides[i], ctx, status)) {
      if (rel.type.ends_with("/notesSlide") && zip.find(rel.target) != nullptr) {
        foldStatus(status, emitSlide(zip, rel.target, location + " notes", sink, ctx));
        break;
      }
    }
  }
  return status;
}

}  // namespace jamul::scanner::extract::zip
