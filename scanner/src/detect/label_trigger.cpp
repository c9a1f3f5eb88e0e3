// SPDX-License-Identifier: Apache-2.0
#include "detect/label_trigger.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define JAMUL_LABEL_TRIGGER_AVX2 1
#endif

namespace jamul::scanner::detect {

LabelTrigger::LabelTrigger(std::vector<std::string> literals) : literals_(std::move(literals)) {
  // Literals that share their first bytes share a bucket: the buckets' nibble sets stay narrow.
  std::vector<int> order(literals_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return literals_[static_cast<std::size_t>(a)] < literals_[static_cast<std::size_t>(b)];
  });
  for (std::size_t rank = 0; rank < order.size(); ++rank) {
    const std::string& lit = literals_[static_cast<std::size_t>(order[rank])];
    if (lit.size() < kMinLiteralBytes) continue;  // the constructor's contract; never matched
    const auto bucket = static_cast<std::uint8_t>(1u << (rank * 8 / order.size()));
    const auto* p = reinterpret_cast<const unsigned char*>(lit.data());
    for (std::size_t k = 0; k < kOffsets.size(); ++k) {
      low_[k][p[kOffsets[k]] & 15] |= bucket;
      high_[k][(p[kOffsets[k]] >> 2) & 15] |= bucket;
    }
    by_fingerprint_.emplace_back(fingerprint(p), order[rank]);
    first_byte_[p[0]] = true;
    const std::uint32_t h = hashOf(fingerprint(p));
    hashes_[h >> 6] |= std::uint64_t{1} << (h & 63);
  }
  std::sort(by_fingerprint_.begin(), by_fingerprint_.end());
  for (std::size_t k = 0; k < kOffsets.size(); ++k)
    for (std::size_t b = 0; b < 256; ++b)
      byte_[k][b] = static_cast<std::uint8_t>(low_[k][b & 15] & high_[k][(b >> 2) & 15]);
}

void LabelTrigger::verify(std::string_view text, std::size_t at, std::vector<Hit>& out) const {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data()) + at;
  // Most positions that pass the nibble tables are no literal's: the first byte and a bitmap of
  // the fingerprints' hashes turn them away before the search.
  if (!first_byte_[p[0]]) return;
  const std::uint32_t key = fingerprint(p);
  const std::uint32_t h = hashOf(key);
  if ((hashes_[h >> 6] & (std::uint64_t{1} << (h & 63))) == 0) return;
  auto it = std::lower_bound(by_fingerprint_.begin(), by_fingerprint_.end(),
                             std::pair<std::uint32_t, int>(key, -1));
  for (; it != by_fingerprint_.end() && it->first == key; ++it) {
    const std::string& lit = literals_[static_cast<std::size_t>(it->second)];
    if (lit.size() <= text.size() - at && std::memcmp(p, lit.data(), lit.size()) == 0)
      out.push_back({at, it->second});
  }
}

void LabelTrigger::findPortable(std::string_view text, std::vector<Hit>& out) const {
  if (text.size() < kMinLiteralBytes || by_fingerprint_.empty()) return;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t last = text.size() - kMinLiteralBytes;
  for (std::size_t i = 0; i <= last; ++i) {
    if ((byte_[0][p[i + 1]] & byte_[1][p[i + 2]] & byte_[2][p[i + 4]] & byte_[3][p[i + 5]]) != 0)
      verify(text, i, out);
  }
}

#ifdef JAMUL_LABEL_TRIGGER_AVX2
namespace {

[[gnu::target("avx2")]] void findAvx2(const unsigned char* p, std::size_t blocks,
                                      const std::array<std::array<std::uint8_t, 16>, 4>& low,
                                      const std::array<std::array<std::uint8_t, 16>, 4>& high,
                                      const std::array<std::size_t, 4>& offsets,
                                      std::vector<std::uint32_t>& masks) {
  __m256i lo[4], hi[4];
  for (int k = 0; k < 4; ++k) {
    lo[k] = _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(low[static_cast<std::size_t>(k)].data())));
    hi[k] = _mm256_broadcastsi128_si256(
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(high[static_cast<std::size_t>(k)].data())));
  }
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i zero = _mm256_setzero_si256();
  for (std::size_t b = 0; b < blocks; ++b) {
    const unsigned char* at = p + b * 32;
    __m256i m = _mm256_set1_epi8(-1);
    for (int k = 0; k < 4; ++k) {
      const __m256i v =
          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at + offsets[static_cast<std::size_t>(k)]));
      const __m256i l = _mm256_shuffle_epi8(lo[k], _mm256_and_si256(v, nibble));
      const __m256i h = _mm256_shuffle_epi8(hi[k], _mm256_and_si256(_mm256_srli_epi16(v, 2), nibble));
      m = _mm256_and_si256(m, _mm256_and_si256(l, h));
    }
    masks[b] = ~static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(m, zero)));
  }
}

bool haveAvx2() {
  static const bool avx2 = __builtin_cpu_supports("avx2");
  return avx2;
}

}  // namespace
#endif

void LabelTrigger::find(std::string_view text, std::vector<Hit>& out) const {
#ifdef JAMUL_LABEL_TRIGGER_AVX2
  if (!haveAvx2() || text.size() < 64 || by_fingerprint_.empty()) return findPortable(text, out);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  // A block's loads reach 5 + 32 bytes past its start: the blocks stop where that still fits.
  const std::size_t blocks = (text.size() - kOffsets.back() - 1) / 32;
  thread_local std::vector<std::uint32_t> masks;
  constexpr std::size_t kChunk = 1024;  // blocks per call: the masks stay in L1
  masks.resize(kChunk);
  for (std::size_t first = 0; first < blocks; first += kChunk) {
    const std::size_t n = std::min(kChunk, blocks - first);
    findAvx2(p + first * 32, n, low_, high_, kOffsets, masks);
    for (std::size_t b = 0; b < n; ++b) {
      for (std::uint32_t bits = masks[b]; bits != 0; bits &= bits - 1) {
        const std::size_t at = (first + b) * 32 + static_cast<std::size_t>(__builtin_ctz(bits));
        if (at + kMinLiteralBytes <= text.size()) verify(text, at, out);
      }
    }
  }
  // The tail, byte by byte.
  const std::size_t last = text.size() - kMinLiteralBytes;
  for (std::size_t i = blocks * 32; i <= last; ++i) {
    if ((byte_[0][p[i + 1]] & byte_[1][p[i + 2]] & byte_[2][p[i + 4]] & byte_[3][p[i + 5]]) != 0)
      verify(text, i, out);
  }
#else
  findPortable(text, out);
#endif
}

}  // namespace jamul::scanner::detect
