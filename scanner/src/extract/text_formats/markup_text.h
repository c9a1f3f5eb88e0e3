// SPDX-License-Identifier: Apache-2.0
#pragma once

// HTML/XML to text for extractMarkup() and for HTML mail bodies (extractEml()): a tolerant
// streaming tokenizer, not a DOM. It never fails: broken markup reads as text, unclosed comments
// and tags end at the end of input.
//   * text content with whitespace collapsed (HTML §13.2 rendering is not the goal; lines are);
//   * character references decoded: &#48; &#x30; and the common HTML named ones (&amp; &nbsp; ...);
//   * <script>, <style>, comments, processing instructions and doctype skipped; CDATA kept;
//   * block elements (p, br, div, tr, li, h1-h6, table, ...) end a line; td/th add a tab; in XML
//     (no <html> root) every element boundary ends a line, as XML has no inline elements;
//   * value=, alt=, title=, content=, placeholder= attribute values on lines of their own: form
//     inputs and image captions hold identifiers too.
//
// Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "extract/extractor.h"
#include "extract/text_formats/charset.h"

namespace jamul::scanner::extract::text_formats {

// The charset a markup document declares in its first bytes: BOM, XML declaration encoding=,
// <meta charset=...> or <meta http-equiv="Content-Type" content="...; charset=...">; kUnknown if
// none (callers sniff). Sets `bom_length` to the BOM's length (0 without one).
Charset declaredMarkupCharset(std::string_view bytes, std::size_t& bom_length);

// Appends the text of `utf8` markup to `out`, one '\n'-ended line per block. Returns false if
// `ctx`'s time budget ran out first (what was read stays in `out`).
bool markupToText(std::string_view utf8, ExtractContext& ctx, std::string& out);

// Decodes markup `bytes` (charset: `hint` if known, else the BOM/declaration, else sniffed) and
// returns its text as markupToText() does; `complete` false if the time budget ran out.
std::string markupBytesToText(std::string_view bytes, Charset hint, ExtractContext& ctx,
                              bool& complete);

}  // namespace jamul::scanner::extract::text_formats
