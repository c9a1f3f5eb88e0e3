// SPDX-License-Identifier: Apache-2.0
#include "decode/text_decoder.h"

#include <unicode/ucnv.h>

#include <array>
#include <vector>


namespace jamul::scanner::decode {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

class Utf8Decoder final : public TextDecoder {
 public:
  void decode(std::string_view input, bool /*last*/, std::string& out) override { out.append(input); }
};

// Writes one code point as UTF-8 at `p`; returns the position after it.
char* putUtf8(char* p, char32_t cp) {
  if (cp < 0x80) {
    *p++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *p++ = static_cast<char>(0xC0 | (cp >> 6));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *p++ = static_cast<char>(0xE0 | (cp >> 12));
    *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *p++ = static_cast<char>(0xF0 | (cp >> 18));
    *p++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *p++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *p++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return p;
}

// Grows `out` by up to `max_bytes` for direct writing; finish() trims it to what was written.
class OutputSpan {
 public:
  OutputSpan(std::string& out, std::size_t max_bytes) : out_(out), old_size_(out.size()) {
    out_.resize(old_size_ + max_bytes);
    cursor_ = out_.data() + old_size_;
  }
  char*& cursor() { return cursor_; }
  void finish() { out_.resize(static_cast<std::size_t>(cursor_ - out_.data())); }

 private:
  std::string& out_;
  std::size_t old_size_;
  char* cursor_;
};

class Utf16Decoder final : public TextDecoder {
 public:
  explicit Utf16Decoder(bool little_endian) : little_endian_(little_endian) {}

  void decode(std::string_view input, bool last, std::string& out) override {
    // Each code unit becomes at most 3 bytes (a surrogate pair: 4 bytes for 2 units); +8 covers
    // the carried byte, a pending surrogate and the replacements at the end.
    OutputSpan span(out, input.size() / 2 * 3 + 8);
    char*& p = span.cursor();
    std::size_t i = 0;
    if (has_odd_byte_ && !input.empty()) {
      p = unit(odd_byte_, static_cast<unsigned char>(input[0]), p);
      has_odd_byte_ = false;
      i = 1;
    }
    for (; i + 1 < input.size(); i += 2)
      p = unit(static_cast<unsigned char>(input[i]), static_cast<unsigned char>(input[i + 1]), p);
    if (i < input.size()) {
      odd_byte_ = static_cast<unsigned char>(input[i]);
      has_odd_byte_ = true;
    }
    if (last) {
      if (pending_high_ != 0) p = putUtf8(p, kReplacement);
      if (has_odd_byte_) p = putUtf8(p, kReplacement);
      pending_high_ = 0;
      has_odd_byte_ = false;
    }
    span.finish();
  }

 private:
  // Decodes one code unit, pairing surrogates across calls; lone halves become U+FFFD.
  char* unit(unsigned char b0, unsigned char b1, char* p) {
    const auto u = static_cast<char16_t>(little_endian_ ? (b1 << 8) | b0 : (b0 << 8) | b1);
    if (pending_high_ != 0) {
      if (u >= 0xDC00 && u <= 0xDFFF) {
        p = putUtf8(p, 0x10000 + ((static_cast<char32_t>(pending_high_) - 0xD800) << 10) +
                           (static_cast<char32_t>(u) - 0xDC00));
        pending_high_ = 0;
        return p;
      }
      p = putUtf8(p, kReplacement);
      pending_high_ = 0;
    }
    if (u >= 0xD800 && u <= 0xDBFF) {
      pending_high_ = u;
      return p;
    }
    return putUtf8(p, (u >= 0xDC00 && u <= 0xDFFF) ? kReplacement : u);
  }

  bool little_endian_;
  bool has_odd_byte_ = false;
  unsigned char odd_byte_ = 0;
  char16_t pending_high_ = 0;
};

// CP949 (KS X 1001 with the Unified Hangul Code extension, as Windows writes "ANSI" Korean text):
// a lead byte 0x81-0xFE and a trail byte 0x41-0x5A, 0x61-0x7A or 0x81-0xFE. The mapping is ICU's
// "windows-949" converter ("ibm-949" lacks the extension), read once into a 64K-entry table so that
// decoding is a table lookup per character instead of an ICU call per block.
class Cp949Table {
 public:
  static Result<const Cp949Table*> get() {
    static const Cp949Table table;  // thread-safe one-time initialisation
    if (!table.error_.empty()) return Error(ErrorCode::kInternal, table.error_);
    return &table;
  }
  // The code point of lead/trail, or 0 if the pair is not a CP949 character.
  char16_t at(unsigned char lead, unsigned char trail) const { return map_[(lead << 8) | trail]; }

 private:
  Cp949Table() : map_(65536, 0) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter* converter = ucnv_open("windows-949", &status);
    if (U_FAILURE(status) || converter == nullptr) {
      error_ = std::string("ICU has no windows-949 converter: ") + u_errorName(status);
      return;
    }
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    for (int lead = 0x81; lead <= 0xFE; ++lead) {
      for (int trail = 0x41; trail <= 0xFE; ++trail) {
        const char pair[2] = {static_cast<char>(lead), static_cast<char>(trail)};
        UChar unit[4];
        status = U_ZERO_ERROR;
        ucnv_reset(converter);
        const int32_t n = ucnv_toUChars(converter, unit, 4, pair, 2, &status);
        if (U_SUCCESS(status) && n == 1) map_[static_cast<std::size_t>((lead << 8) | trail)] = unit[0];
      }
    }
    ucnv_close(converter);
  }

  std::vector<char16_t> map_;
  std::string error_;
};

class Cp949Decoder final : public TextDecoder {
 public:
  explicit Cp949Decoder(const Cp949Table& table) : table_(table) {}

  void decode(std::string_view input, bool last, std::string& out) override {
    // An ASCII byte gives one byte and a valid pair three (a BMP character), but a lead byte whose
    // pair is no character gives U+FFFD (three bytes) on its own: three bytes per input byte at
    // worst. (Found by fuzzing: a run of invalid pairs overflowed the old bound of 1.5.)
    OutputSpan span(out, input.size() * 3 + 8);
    char*& p = span.cursor();
    const auto* in = reinterpret_cast<const unsigned char*>(input.data());
    std::size_t i = 0;
    const std::size_t n = input.size();
    if (has_lead_ && n > 0) {
      p = pair(lead_, in[0], p, i);
      has_lead_ = false;
    }
    while (i < n) {
      const unsigned char b = in[i];
      if (b < 0x80) {
        *p++ = static_cast<char>(b);
        ++i;
      } else if (i + 1 < n) {
        p = pair(b, in[i + 1], p, i);
      } else {
        lead_ = b;  // split between two blocks
        has_lead_ = true;
        ++i;
      }
    }
    if (last && has_lead_) {
      p = putUtf8(p, kReplacement);
      has_lead_ = false;
    }
    span.finish();
  }

 private:
  // Decodes lead/trail; on a pair that is no character, emits U+FFFD for the lead byte only and
  // lets the next byte start afresh (an ASCII trail byte is kept). `i` is advanced past what was
  // consumed, counted from the position of `lead` (which may be the previous block's last byte).
  char* pair(unsigned char lead, unsigned char trail, char* p, std::size_t& i) {
    const char16_t cp = (lead >= 0x81 && lead <= 0xFE) ? table_.at(lead, trail) : 0;
    if (cp != 0) {
      i += has_lead_ ? 1 : 2;
      return putUtf8(p, cp);
    }
    i += has_lead_ ? 0 : 1;
    return putUtf8(p, kReplacement);
  }

  const Cp949Table& table_;
  bool has_lead_ = false;
  unsigned char lead_ = 0;
};

}  // namespace

Result<std::unique_ptr<TextDecoder>> makeDecoder(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8:
      return std::unique_ptr<TextDecoder>(std::make_unique<Utf8Decoder>());
    case TextEncoding::kUtf16Le:
      return std::unique_ptr<TextDecoder>(std::make_unique<Utf16Decoder>(true));
    case TextEncoding::kUtf16Be:
      return std::unique_ptr<TextDecoder>(std::make_unique<Utf16Decoder>(false));
    case TextEncoding::kCp949: {
      JAMUL_ASSIGN_OR_RETURN(const Cp949Table* table, Cp949Table::get());
      return std::unique_ptr<TextDecoder>(std::make_unique<Cp949Decoder>(*table));
    }
  }
  return Error(ErrorCode::kInternal, "unknown text encoding");
}

}  // namespace jamul::scanner::decode
