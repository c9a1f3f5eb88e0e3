// SPDX-License-Identifier: Apache-2.0
#pragma once

// The Outlook message (.msg) extractor: a compound file of MAPI properties, following
// [MS-OXMSG] §2.1 (storages and property streams) and [MS-OXPROPS] (property ids).
//
//   __properties_version1.0 ── fixed-size properties, of which the code page of 8-bit strings
//                               (PidTagInternetCodepage 0x3FDE, else PidTagMessageCodepage 0x3FFD)
//   __substg1.0_XXXXYYYY ───── property XXXX of type YYYY: 001F UTF-16LE, 001E 8-bit, 0102 binary
//   __recip_version1.0_#N ──── one storage per recipient
//   __attach_version1.0_#N ─── one storage per attachment: data (3701/0102) or an embedded
//                               message (3701/000D storage), file name (3707, else 3704, 3001)
//
// Parts: "headers" (PartKind::kLines: Subject, From, To, Cc, Bcc, each recipient, then the
// transport headers), "body" (PartKind::kParagraphs: the plain-text body 0x1000, else the HTML
// body 0x1013 through the markup extractor), then each attachment through ctx.nested() as
// "attachment:<file name>"; an embedded message's parts are prefixed the same way. 8-bit strings
// are decoded by the message's code page (949 CP949, 65001 UTF-8), else as UTF-8 when valid,
// else Windows-1252.
//
// Status: attachment and embedded-message statuses are folded in (a protected attachment makes
// the message protected), their details naming the attachment ("attachment 2 (명단.xlsx):
// truncated zip: no end of central directory"); unreadable property streams -> kCorrupt; messages
// nested beyond
// limits().max_depth -> kTooLarge. The compressed RTF body (0x1009) is not read.
//
// Thread-safety: pure functions of their input.

#include "extract/extractor.h"
#include "extract/ole/compound_file.h"

namespace jamul::scanner::extract::ole {

// True when the root storage holds MAPI property streams.
bool isMsg(const CompoundFile& file);

// Extracts the message in `file`.
ExtractStatus extractMsg(const CompoundFile& file, TextSink& sink, ExtractContext& ctx);

}  // namespace jamul::scanner::extract::ole
