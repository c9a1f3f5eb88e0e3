// SPDX-License-Identifier: Apache-2.0
#pragma once

// TextDecoder: turns the bytes of a text file into UTF-8, a chunk at a time, with bounded memory.
// A multi-byte sequence split between two chunks is carried over to the next call; malformed input
// becomes U+FFFD (UTF-16, CP949) or passes through byte for byte (UTF-8: the detector is byte-wise,
// and a replacement would move offsets).
//
// Thread-safety: none; one decoder per file.

#include <memory>
#include <string>
#include <string_view>

#include "decode/encoding_sniffer.h"
#include "jamul/common/result.h"

namespace jamul::scanner::decode {

class TextDecoder {
 public:
  virtual ~TextDecoder() = default;
  // Decodes the next bytes of the file, appending UTF-8 to `out`. With `last`, flushes whatever
  // incomplete sequence remains (as U+FFFD).
  virtual void decode(std::string_view input, bool last, std::string& out) = 0;
};

// Fails with kInternal only if ICU lacks its CP949 ("windows-949") converter.
Result<std::unique_ptr<TextDecoder>> makeDecoder(TextEncoding encoding);

}  // namespace jamul::scanner::decode
