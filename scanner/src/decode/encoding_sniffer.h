// SPDX-License-Identifier: Apache-2.0
#pragma once

// Encoding sniffer: decides from the first bytes of a file what it holds (DESIGN.md §4: extractors
// are chosen by content signature, not by name). Order of checks:
//   1. an age header (our own encrypted files, or anyone's) -> protected;
//   2. a byte-order mark -> UTF-8 / UTF-16LE / UTF-16BE (a UTF-32 mark -> unsupported);
//   3. magic numbers of binary formats (PDF, ZIP/OOXML/HWPX, OLE2/HWP/DOC, images, executables,
//      archives) -> unsupported, naming the format, until an extractor exists (issue 3);
//   4. well-formed UTF-8 without NUL bytes -> UTF-8;
//   5. UTF-16 without a BOM: zero bytes on one side of most code units and text of any script in
//      the others (ASCII lines with Greek, Arabic, Thai, emoji ...), or code units
//      that are overwhelmingly Hangul syllables, ASCII and CJK punctuation (Korean text) -> UTF-16;
//   6. NUL bytes or many control characters -> binary (unsupported);
//   7. well-formed CP949 (EUC-KR plus the Unified Hangul Code extension) -> CP949;
//   8. otherwise text with stray bytes -> UTF-8, decoded lossily.
// A sample that ends inside a multi-byte sequence is not held against it.
//
// Pure function; thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

namespace jamul::scanner::decode {

enum class TextEncoding { kUtf8, kUtf16Le, kUtf16Be, kCp949 };

// "utf-8", "utf-16le", "utf-16be", "cp949".
std::string_view encodingName(TextEncoding encoding);

struct SniffResult {
  enum class Kind { kText, kEmpty, kAge, kBinary };
  Kind kind = Kind::kText;
  TextEncoding encoding = TextEncoding::kUtf8;
  std::size_t bom_length = 0;  // bytes to skip before decoding
  std::string format;          // for kBinary: "pdf", "zip", "ole2", "png", ... or "binary"
};

// True if `text` is well-formed UTF-8 (RFC 3629: no overlongs, surrogates or code points above
// U+10FFFF). Unless `whole_file`, a sequence cut off by the end of `text` is accepted if the bytes
// present are a valid prefix. Vectorised: the sniffer runs it over 64 KiB of every file.
bool isWellFormedUtf8(std::string_view text, bool whole_file);

// `head` is the start of the file (up to a few KiB is plenty; 64 KiB is what FileScanner passes).
// `whole_file` says whether `head` is the entire file.
SniffResult sniff(std::string_view head, bool whole_file);

}  // namespace jamul::scanner::decode
