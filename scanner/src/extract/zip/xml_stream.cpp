// SPDX-License-Identifier: Apache-2.0
#include "extract/zip/xml_stream.h"

#include <expat.h>

#include <algorithm>
#include <memory>

#include "extract/zip/xml_salvage.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::extract::zip {
namespace {

constexpr std::size_t kParseChunk = 256 * 1024;

struct ParseState {
  XML_Parser parser = nullptr;
  XmlHandler* handler = nullptr;
  bool has_dtd = false;
};

void XMLCALL onStart(void* data, const XML_Char* name, const XML_Char** atts) {
  auto* state = static_cast<ParseState*>(data);
  state->handler->startElement(name, XmlAttributes(atts));
}

void XMLCALL onEnd(void* data, const XML_Char* name) {
  static_cast<ParseState*>(data)->handler->endElement(name);
}

void XMLCALL onText(void* data, const XML_Char* text, int len) {
  if (len > 0)
    static_cast<ParseState*>(data)->handler->characters(
        std::string_view(text, static_cast<std::size_t>(len)));
}

void XMLCALL onDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* state = static_cast<ParseState*>(data);
  state->has_dtd = true;
  XML_StopParser(state->parser, XML_FALSE);
}

struct ParserDeleter {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

}  // namespace

std::string_view localName(std::string_view qualified) {
  const std::size_t colon = qualified.rfind(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

std::string_view XmlAttributes::get(std::string_view local) const {
  for (const char** a = atts_; a != nullptr && a[0] != nullptr; a += 2)
    if (localName(a[0]) == local) return a[1];
  return {};
}

std::string_view XmlAttributes::getPrefixed(std::string_view local) const {
  for (const char** a = atts_; a != nullptr && a[0] != nullptr; a += 2) {
    const std::string_view name = a[0];
    if (name.find(':') != std::string_view::npos && localName(name) == local) return a[1];
  }
  return {};
}

bool XmlAttributes::has(std::string_view local) const {
  for (const char** a = atts_; a != nullptr && a[0] != nullptr; a += 2)
    if (localName(a[0]) == local) return true;
  return false;
}

ExtractStatus parseXml(std::string_view xml, std::string_view member, XmlHandler& handler,
                       ExtractContext& ctx) {
  std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
  if (!parser) return {FileStatus::kError, "out of memory for the XML parser"};
  ParseState state{parser.get(), &handler, false};
  XML_SetUserData(parser.get(), &state);
  XML_SetElementHandler(parser.get(), onStart, onEnd);
  XML_SetCharacterDataHandler(parser.get(), onText);
  XML_SetStartDoctypeDeclHandler(parser.get(), onDoctype);
  // No external entity handler is set, so none is ever loaded; parameter entities stay off.
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
  std::size_t pos = 0;
  do {
    if (ctx.expired()) return ExtractStatus::tooLarge("time budget spent");
    const std::size_t n = std::min(kParseChunk, xml.size() - pos);
    const bool last = pos + n == xml.size();
    const XML_Status r =
        XML_Parse(parser.get(), xml.data() + pos, static_cast<int>(n), last ? XML_TRUE : XML_FALSE);
    if (state.has_dtd) return ExtractStatus::corrupt("XML with a DTD in " + std::string(member));
    if (r != XML_STATUS_OK) {
      // Issue 12: the text after the point where expat gave up (a member cut off or damaged
      // mid-element) is read on leniently, so that it still counts; the status says it was broken.
      ExtractStatus status = ExtractStatus::corrupt("malformed XML in " + std::string(member));
      const XML_Index at = XML_GetCurrentByteIndex(parser.get());
      if (at >= 0) foldStatus(status, salvageXml(xml, static_cast<std::size_t>(at), handler, ctx));
      return status;
    }
    pos += n;
  } while (pos < xml.size());
  return ExtractStatus::ok();
}

void PartText::append(std::string_view text) {
  if (full_) return;
  if (text_.size() + text.size() <= cap_) {
    text_.append(text);
    return;
  }
  std::size_t n = cap_ - text_.size();
  while (n > 0 && n < text.size() && utf8::isContinuation(static_cast<unsigned char>(text[n]))) --n;
  text_.append(text.substr(0, n));
  full_ = true;
}

void PartText::appendCell(std::string_view text) {
  std::string cell(text);
  std::replace_if(
      cell.begin(), cell.end(), [](char c) { return c == '\t' || c == '\r' || c == '\n'; }, ' ');
  append(cell);
}

}  // namespace jamul::scanner::extract::zip
