// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reading on where the XML parser gave up (issue 12). A member of a damaged document, cut off
// mid-element by a truncated archive or holding a damaged byte, still has readable text after the
// point at which expat stops; parseXml() hands that rest to salvageXml(), which reads it leniently
// and feeds the same XmlHandler, so the text lands where the format's unit puts it (a paragraph, a
// table cell, a shared string) and its findings count. The document's status still says the
// member was malformed.
//
// The rest is tokenised without any well-formedness check: start and end tags with their
// attributes (tags need not nest or match), character data with the predefined entities and
// character references decoded (XML 1.0 §4.6, §4.1; any other reference is kept as written) and
// line ends normalised (§2.11), CDATA sections as written; comments, processing instructions and
// declarations are skipped, and nothing is ever expanded or fetched. A '<' inside a tag (where
// XML allows none) ends the damaged tag there; a tag cut off by the end of the bytes is dropped.
// Text is passed on as valid UTF-8 (invalid sequences become U+FFFD): OOXML, ODF and OWPML
// members are UTF-8 in every producer we know, and a UTF-16 member (a BOM or NULs at its start)
// is not salvaged.
//
// Thread-safety: none needed; everything is per call.

#include <cstddef>
#include <string_view>

#include "extract/extractor.h"
#include "extract/zip/xml_stream.h"

namespace jamul::scanner::extract::zip {

// Feeds the tokens of member `xml` from byte `from` on (where the parser stopped) to `handler`, as
// described above. kOk, or kTooLarge "time budget spent" when ctx.expired() turned true on the
// way (checked every MiB).
ExtractStatus salvageXml(std::string_view xml, std::size_t from, XmlHandler& handler,
                         ExtractContext& ctx);

}  // namespace jamul::scanner::extract::zip
