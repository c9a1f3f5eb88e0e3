// SPDX-License-Identifier: Apache-2.0
#pragma once

// A tiny ZIP writer for the zip extractor tests (APPNOTE.TXT 6.3.10): builds archives in memory
// with stored or deflated members, optionally zip64 records, data descriptors, UTF-8 or legacy
// (CP949) names, and deliberately broken members (a set encryption flag, lying sizes, raw
// compressed bytes), so the tests can plant synthetic PII at known places without binary
// fixtures.

#include <zlib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace jamul::testing::zip {

struct ZipMember {
  ZipMember(std::string member_name, std::string content, bool deflated = true)
      : name(std::move(member_name)), data(std::move(content)), deflate(deflated) {}

  std::string name;  // bytes as stored: UTF-8, or CP949 with utf8_flag = false
  std::string data;  // uncompressed content
  bool deflate = true;
  bool utf8_flag = true;
  bool encrypted = false;                      // sets flag bit 0 (the data stays plain)
  std::optional<std::string> raw_compressed;   // written instead of compressing `data`
  std::optional<std::uint32_t> declared_size;  // uncompressed size written in the headers
  std::optional<std::uint32_t> crc;            // CRC-32 written in the headers
  // Flag bit 3 (§4.3.9): zeros for CRC and sizes in the local header, a data descriptor after the
  // data (with or without its optional signature), as streaming writers do.
  bool descriptor = false;
  bool descriptor_signature = true;
};

inline std::string deflateRaw(const std::string& data, int level = 9) {
  z_stream z{};
  deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())) + 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

namespace detail {
inline void put16(std::string& s, std::uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
inline void put32(std::string& s, std::uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}
inline void put64(std::string& s, std::uint64_t v) {
  put32(s, static_cast<std::uint32_t>(v));
  put32(s, static_cast<std::uint32_t>(v >> 32));
}
}  // namespace detail

// The archive's bytes. With `zip64`, sizes and offsets go in zip64 extra fields (§4.5.3) and the
// archive ends with the zip64 end record and locator (§4.3.14-15).
inline std::string buildZip(const std::vector<ZipMember>& members, bool zip64 = false) {
  using detail::put16;
  using detail::put32;
  using detail::put64;
  std::string out;
  std::string central;
  for (const ZipMember& m : members) {
    const std::string body =
        m.raw_compressed ? *m.raw_compressed : (m.deflate ? deflateRaw(m.data) : m.data);
    const auto crc =
        m.crc ? *m.crc
              : static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(m.data.data()),
                                                 static_cast<uInt>(m.data.size())));
    const std::uint32_t size =
        m.declared_size ? *m.declared_size : static_cast<std::uint32_t>(m.data.size());
    std::uint32_t flags = m.utf8_flag ? 0x0800 : 0;
    if (m.encrypted) flags |= 1;
    if (m.descriptor) flags |= 8;
    const std::uint32_t method = m.deflate ? 8 : 0;
    const auto offset = static_cast<std::uint32_t>(out.size());
    std::string extra;
    if (zip64) {
      put16(extra, 0x0001);
      put16(extra, 16);
      put64(extra, size);
      put64(extra, body.size());
    }
    const std::uint32_t field_size = zip64 ? 0xFFFFFFFFu : size;
    const std::uint32_t field_csize = zip64 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(body.size());
    // Local file header, §4.3.7.
    put32(out, 0x04034b50);
    put16(out, zip64 ? 45 : 20);
    put16(out, flags);
    put16(out, method);
    put16(out, 0);
    put16(out, 0x21);
    put32(out, m.descriptor ? 0 : crc);
    put32(out, m.descriptor ? 0 : field_csize);
    put32(out, m.descriptor ? 0 : field_size);
    put16(out, static_cast<std::uint32_t>(m.name.size()));
    put16(out, static_cast<std::uint32_t>(extra.size()));
    out += m.name;
    out += extra;
    out += body;
    if (m.descriptor) {
      if (m.descriptor_signature) put32(out, 0x08074b50);
      put32(out, crc);
      if (zip64) {
        put64(out, body.size());
        put64(out, size);
      } else {
        put32(out, static_cast<std::uint32_t>(body.size()));
        put32(out, size);
      }
    }
    // Central directory header, §4.3.12 (zip64: the extra field carries sizes only; the offset
    // stays in the 32-bit field since these archives are small).
    put32(central, 0x02014b50);
    put16(central, zip64 ? 45 : 20);
    put16(central, zip64 ? 45 : 20);
    put16(central, flags);
    put16(central, method);
    put16(central, 0);
    put16(central, 0x21);
    put32(central, crc);
    put32(central, field_csize);
    put32(central, field_size);
    put16(central, static_cast<std::uint32_t>(m.name.size()));
    put16(central, static_cast<std::uint32_t>(extra.size()));
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, 0);
    put32(central, offset);
    central += m.name;
    central += extra;
  }
  const std::uint64_t cd_offset = out.size();
  out += central;
  const auto count = static_cast<std::uint32_t>(members.size());
  if (zip64) {
    const std::uint64_t z64_offset = out.size();
    put32(out, 0x06064b50);
    put64(out, 44);
    put16(out, 45);
    put16(out, 45);
    put32(out, 0);
    put32(out, 0);
    put64(out, count);
    put64(out, count);
    put64(out, central.size());
    put64(out, cd_offset);
    put32(out, 0x07064b50);
    put32(out, 0);
    put64(out, z64_offset);
    put32(out, 1);
  }
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, zip64 ? 0xFFFF : count);
  put16(out, zip64 ? 0xFFFF : count);
  put32(out, zip64 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(central.size()));
  put32(out, zip64 ? 0xFFFFFFFFu : static_cast<std::uint32_t>(cd_offset));
  put16(out, 0);
  return out;
}

}  // namespace jamul::testing::zip
