// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness for the text decoding of plain files (scanner/src/decode): the sniffer over the
// input whole and over a prefix, then every decoder over the input fed in chunks of sizes drawn
// from the input's first byte. Built by the fuzz preset (tests/fuzz/). What must hold:
//   - the vectorised UTF-8 check agrees with a plain one written here (RFC 3629);
//   - UTF-16 and CP949 give well-formed UTF-8, at most three bytes per input byte (plus the
//     replacements of a cut-off sequence at the end), and the same text however the input is cut
//     into chunks;
//   - UTF-8 passes through byte for byte (the detector is byte-wise; offsets must not move).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "decode/encoding_sniffer.h"
#include "decode/text_decoder.h"
#include "support/fuzz_support.h"

namespace {

using jamul::testing::fuzzCheck;
namespace decode = jamul::scanner::decode;

// RFC 3629 §4, byte by byte: no overlongs, no surrogates, nothing above U+10FFFF.
bool plainUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      n = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      n = 2;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      n = 3;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;  // cut off
    for (std::size_t k = 1; k <= n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if (c < (k == 1 ? lo : 0x80) || c > (k == 1 ? hi : 0xBF)) return false;
    }
    i += n + 1;
  }
  return true;
}

// The whole input through a fresh decoder, in chunks whose sizes come from `seed` (0: one call).
std::string decodeInChunks(decode::TextEncoding encoding, std::string_view bytes,
                           std::uint8_t seed) {
  auto decoder = decode::makeDecoder(encoding);
  fuzzCheck(decoder.ok());
  std::string out;
  if (seed == 0) {
    (*decoder)->decode(bytes, true, out);
    return out;
  }
  std::uint32_t state = seed;
  std::size_t at = 0;
  while (at < bytes.size()) {
    state = state * 1103515245u + 12345u;  // any cheap sequence will do
    // Mostly 1-3 bytes, to split sequences everywhere; now and then up to 256, to get on.
    const std::size_t most = (state >> 16) % 4 == 0 ? 256 : 3;
    const std::size_t n = std::min<std::size_t>(bytes.size() - at, 1 + (state >> 18) % most);
    (*decoder)->decode(bytes.substr(at, n), at + n == bytes.size(), out);
    at += n;
  }
  if (bytes.empty()) (*decoder)->decode({}, true, out);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::uint8_t seed = data[0];
  const std::string_view bytes = jamul::testing::fuzzBytes(data + 1, size - 1);

  fuzzCheck(decode::isWellFormedUtf8(bytes, true) == plainUtf8(bytes));
  const decode::SniffResult sniffed = decode::sniff(bytes, true);
  (void)decode::sniff(bytes.substr(0, bytes.size() / 2), false);
  if (sniffed.kind == decode::SniffResult::Kind::kText)
    fuzzCheck(sniffed.bom_length <= bytes.size());

  for (const decode::TextEncoding encoding :
       {decode::TextEncoding::kUtf8, decode::TextEncoding::kUtf16Le, decode::TextEncoding::kUtf16Be,
        decode::TextEncoding::kCp949}) {
    const std::string whole = decodeInChunks(encoding, bytes, 0);
    if (encoding == decode::TextEncoding::kUtf8) {
      fuzzCheck(whole == bytes);
    } else {
      fuzzCheck(plainUtf8(whole));
      fuzzCheck(whole.size() <= 3 * bytes.size() + 6);
    }
    fuzzCheck(decodeInChunks(encoding, bytes, seed | 1) == whole);
  }
  return 0;
}
