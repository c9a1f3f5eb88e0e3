// SPDX-License-Identifier: Apache-2.0
#pragma once

// The XML side of the ZIP extractors: a streaming (SAX) parse with expat of one member's bytes,
// and PartText, the capped buffer in which a part's text is built.
//
// parseXml() never resolves external entities and refuses any document type declaration: OOXML
// (ECMA-376 Part 2 §8.1.2.2 / ISO/IEC 29500-2 forbids DTDs), ODF and OWPML have none, and a DTD is
// where entity-expansion bombs live. Element and attribute names reach the handler as written
// ("w:t"); localName() drops the prefix, which is how the extractors match them, since producers
// pick prefixes freely.
//
// Thread-safety: none needed; everything is per call.

#include <cstddef>
#include <string>
#include <string_view>

#include "extract/extractor.h"

namespace jamul::scanner::extract::zip {

// "w:t" -> "t".
std::string_view localName(std::string_view qualified);

// Attributes of a start tag: expat's null-terminated name/value array.
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** atts) : atts_(atts) {}
  // The value of the first attribute whose local name is `local` (any prefix, or none), or "".
  std::string_view get(std::string_view local) const;
  // Like get(), but only an attribute with a prefix ("r:id", not "id").
  std::string_view getPrefixed(std::string_view local) const;
  // Whether an attribute with local name `local` is present.
  bool has(std::string_view local) const;

 private:
  const char** atts_;
};

class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void startElement(std::string_view name, const XmlAttributes& attributes) = 0;
  virtual void endElement(std::string_view name) = 0;
  // Character data (UTF-8), in pieces of any size.
  virtual void characters(std::string_view text) = 0;
};

// Parses `xml` (member `member` of the archive, named in failure details) into `handler`, a piece
// at a time, checking ctx.expired() between pieces. kOk, kCorrupt "malformed XML in <member>" or
// "XML with a DTD in <member>", or kTooLarge "time budget spent". Events delivered before a
// failure stand; after a malformed spot, the rest of the member is read leniently into `handler`
// (xml_salvage.h), so the text of a member that is cut off or damaged still counts. A DTD stops
// the parse for good.
ExtractStatus parseXml(std::string_view xml, std::string_view member, XmlHandler& handler,
                       ExtractContext& ctx);

// A part's text, capped at `cap` bytes: what passes the cap is dropped and full() turns true (the
// extractor then reports kTooLarge). Cuts fall between UTF-8 sequences.
class PartText {
 public:
  explicit PartText(std::size_t cap) : cap_(cap) {}
  void append(std::string_view text);
  void append(char c) { append(std::string_view(&c, 1)); }
  // Appends `text` as a table cell: '\t', '\r' and '\n' become spaces.
  void appendCell(std::string_view text);
  bool full() const { return full_; }
  bool empty() const { return text_.empty(); }
  char back() const { return text_.empty() ? '\0' : text_.back(); }
  void popBack() { text_.pop_back(); }
  std::size_t size() const { return text_.size(); }
  const std::string& str() const { return text_; }
  void clear() { text_.clear(); }

 private:
  std::size_t cap_;
  bool full_ = false;
  std::string text_;
};

}  // namespace jamul::scanner::extract::zip
