// SPDX-License-Identifier: Apache-2.0
#include "extract/zip/local_headers.h"
#include "jamul/common/bytes.h"

#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstring>

namespace jamul::scanner::extract::zip {
namespace {

// APPNOTE.TXT 6.3.10 record signatures.
constexpr std::string_view kLocalSig("PK\x03\x04", 4);         // §4.3.7
constexpr std::string_view kCentralSig("PK\x01\x02", 4);       // §4.3.12
constexpr std::string_view kEndSig("PK\x05\x06", 4);           // §4.3.16
constexpr std::string_view kZip64EndSig("PK\x06\x06", 4);      // §4.3.14
constexpr std::string_view kZip64LocatorSig("PK\x06\x07", 4);  // §4.3.15
constexpr std::string_view kDescriptorSig("PK\x07\x08", 4);    // §4.3.9.3
constexpr std::size_t kLocalHeaderSize = 30;

using bytes::le16;
using bytes::le32;
using bytes::le64;

bool hasAt(std::string_view s, std::size_t at, std::string_view sig) {
  return at <= s.size() && s.size() - at >= sig.size() && s.compare(at, sig.size(), sig) == 0;
}

// A record that may follow a member's data: the next member or the central directory.
bool isRecordAt(std::string_view s, std::size_t at) {
  return hasAt(s, at, kLocalSig) || hasAt(s, at, kCentralSig) || hasAt(s, at, kEndSig) ||
         hasAt(s, at, kZip64EndSig) || hasAt(s, at, kZip64LocatorSig);
}

struct DescriptorEnd {
  std::size_t data_size = 0;
  std::uint64_t uncompressed = 0;
  std::size_t next = 0;  // where the record after the descriptor starts
};

// The end of a member written with a data descriptor (§4.3.9), whose data starts at `data`: the
// first descriptor after it whose compressed size is the distance from `data`. A descriptor has
// an optional signature and 4- or 8-byte (zip64) sizes; an unsigned one is only recognised in
// front of the next record, since its first field, the CRC, is not predictable.
bool findDescriptor(std::string_view s, std::size_t data, DescriptorEnd& end) {
  for (std::size_t q = data; q + 4 <= s.size();) {
    const void* hit = std::memchr(s.data() + q, 'P', s.size() - q);
    if (hit == nullptr) return false;
    q = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
    if (s.size() - q < 4 || s[q + 1] != 'K') {
      ++q;
      continue;
    }
    const std::uint64_t distance = q - data;
    if (hasAt(s, q, kDescriptorSig)) {
      const bool narrow =
          s.size() - q >= 16 && distance <= UINT32_MAX && le32(s, q + 8) == distance;
      const bool wide = s.size() - q >= 24 && le64(s, q + 8) == distance;
      // Small sizes fit both layouts; the record that follows tells which one was written.
      if (narrow && (!wide || isRecordAt(s, q + 16) || !isRecordAt(s, q + 24))) {
        end = {q - data, le32(s, q + 12), q + 16};
        return true;
      }
      if (wide) {
        end = {q - data, le64(s, q + 16), q + 24};
        return true;
      }
    } else if (hasAt(s, q, kLocalSig) || hasAt(s, q, kCentralSig)) {
      if (q >= data + 12 && le32(s, q - 8) == q - 12 - data) {
        end = {q - 12 - data, le32(s, q - 4), q};
        return true;
      }
      if (q >= data + 20 && le64(s, q - 16) == q - 20 - data) {
        end = {q - 20 - data, le64(s, q - 8), q};
        return true;
      }
    }
    ++q;
  }
  return false;
}

// After the data of a member whose sizes were in its header, with flag bit 3 set: the descriptor
// that follows, if any, is skipped (signed or not, 32- or 64-bit sizes).
std::size_t skipDescriptor(std::string_view s, std::size_t at) {
  if (isRecordAt(s, at)) return at;
  const std::size_t base = hasAt(s, at, kDescriptorSig) ? at + 4 : at;
  for (std::size_t size : {12u, 20u})
    if (isRecordAt(s, base + size)) return base + size;
  return at;
}

}  // namespace

LocalWalk walkLocalHeaders(std::string_view s, std::size_t max_members) {
  LocalWalk walk;
  std::size_t pos = s.find(kLocalSig);
  while (pos != std::string_view::npos && walk.members.size() < max_members) {
    // A header cut off before its name ends holds nothing to read.
    if (s.size() - pos < kLocalHeaderSize) break;
    const std::uint16_t flags = le16(s, pos + 6);
    LocalMember m;
    m.method = le16(s, pos + 8);
    std::uint64_t compressed = le32(s, pos + 18);
    std::uint64_t uncompressed = le32(s, pos + 22);
    const std::size_t name_len = le16(s, pos + 26);
    const std::size_t extra_len = le16(s, pos + 28);
    const std::size_t data = pos + kLocalHeaderSize + name_len + extra_len;
    if (data > s.size()) break;
    m.raw_name = std::string(s.substr(pos + kLocalHeaderSize, name_len));
    m.is_directory = !m.raw_name.empty() && m.raw_name.back() == '/';
    m.encrypted = (flags & 0x0001) != 0;
    // §4.5.3: in a local header, the zip64 field holds both sizes when either is 0xFFFFFFFF.
    if (compressed == 0xFFFFFFFFu || uncompressed == 0xFFFFFFFFu) {
      std::string_view extra = s.substr(pos + kLocalHeaderSize + name_len, extra_len);
      while (extra.size() >= 4) {
        const std::size_t id = le16(extra, 0);
        const std::size_t len = std::min<std::size_t>(le16(extra, 2), extra.size() - 4);
        if (id == 0x0001 && len >= 16) {
          uncompressed = le64(extra, 4);
          compressed = le64(extra, 12);
          break;
        }
        extra.remove_prefix(4 + len);
      }
    }
    const bool descriptor = (flags & 0x0008) != 0;
    m.data_offset = data;
    std::size_t next = 0;
    if (descriptor && compressed == 0) {
      DescriptorEnd end;
      if (findDescriptor(s, data, end)) {
        m.data_size = end.data_size;
        m.compressed_size = end.data_size;
        m.declared_size =
            static_cast<std::int64_t>(std::min<std::uint64_t>(end.uncompressed, INT64_MAX));
        next = end.next;
      } else {
        // No descriptor: the file ends inside this member.
        m.data_size = s.size() - data;
        m.compressed_size = m.data_size;
        m.complete = false;
      }
    } else {
      m.compressed_size = compressed;
      m.declared_size = static_cast<std::int64_t>(std::min<std::uint64_t>(uncompressed, INT64_MAX));
      if (compressed > s.size() - data) {
        m.data_size = s.size() - data;
        m.complete = false;
      } else {
        m.data_size = static_cast<std::size_t>(compressed);
        next = data + m.data_size;
        if (descriptor) next = skipDescriptor(s, next);
      }
    }
    const bool last = !m.complete;
    walk.members.push_back(std::move(m));
    if (last) break;
    if (hasAt(s, next, kLocalSig)) {
      pos = next;
    } else if (isRecordAt(s, next) || next >= s.size()) {
      break;  // the central directory, or the end of a file cut between members
    } else {
      walk.skipped_garbage = true;
      pos = s.find(kLocalSig, next);
    }
  }
  return walk;
}

LocalMemberReader::LocalMemberReader(std::string_view bytes, const LocalMember& member)
    : data_(bytes.substr(std::min(member.data_offset, bytes.size()), member.data_size)),
      member_(member) {}

LocalMemberReader::~LocalMemberReader() {
  if (inflate_ready_) inflateEnd(zstream_.get());
}

std::ptrdiff_t LocalMemberReader::read(char* buffer, std::size_t size) {
  if (!failure_.isOk()) return -1;
  if (done_ || size == 0) return 0;
  if (member_.method == 0) {
    const std::size_t n = std::min(size, data_.size() - consumed_);
    if (n > 0) {
      std::memcpy(buffer, data_.data() + consumed_, n);
      consumed_ += n;
      return static_cast<std::ptrdiff_t>(n);
    }
    done_ = true;
    if (member_.complete) return 0;
    failure_ = ExtractStatus::corrupt("truncated zip member");
    return -1;
  }
  if (member_.method != 8) {
    failure_ = ExtractStatus::corrupt("unsupported zip compression method");
    return -1;
  }
  if (!inflate_ready_) {
    zstream_ = std::make_unique<z_stream>();
    // Raw deflate: §4.4.5 method 8 has no zlib header.
    if (inflateInit2(zstream_.get(), -15) != Z_OK) {
      failure_ = {FileStatus::kError, "out of memory for inflate"};
      return -1;
    }
    inflate_ready_ = true;
  }
  z_stream& z = *zstream_;
  size = std::min<std::size_t>(size, UINT_MAX);
  z.next_out = reinterpret_cast<Bytef*>(buffer);
  z.avail_out = static_cast<uInt>(size);
  int r = Z_OK;
  while (z.avail_out > 0) {
    if (z.avail_in == 0 && consumed_ < data_.size()) {
      const std::size_t n = std::min<std::size_t>(data_.size() - consumed_, 1u << 20);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data_.data() + consumed_));
      z.avail_in = static_cast<uInt>(n);
      consumed_ += n;
    }
    r = inflate(&z, Z_NO_FLUSH);
    if (r != Z_OK) break;
  }
  const std::size_t produced = size - z.avail_out;
  if (r == Z_STREAM_END) done_ = true;
  // What inflated before a cut or a damaged block is handed out first; the failure comes with
  // the next call, which fails the same way (zlib keeps its error state; the input stays spent).
  if (produced > 0) return static_cast<std::ptrdiff_t>(produced);
  if (done_) return 0;
  if (r == Z_BUF_ERROR && z.avail_in == 0 && consumed_ >= data_.size() && !member_.complete) {
    failure_ = ExtractStatus::corrupt("truncated zip member");
  } else if (r == Z_MEM_ERROR) {
    failure_ = {FileStatus::kError, "out of memory for inflate"};
  } else {
    failure_ = ExtractStatus::corrupt("unreadable zip member data");
  }
  return -1;
}

}  // namespace jamul::scanner::extract::zip
