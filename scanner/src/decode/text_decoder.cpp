// SPDX-License-Identifier: Apache-2.0
#include "decode/text_decoder.h"

#include <unicode/ucnv.h>

#include <array>

#include "jamul/common/utf8.h"

namespace jamul::scanner::decode {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

class Utf8Decoder final : public TextDecoder {
 public:
  void decode(std::string_view input, bool /*last*/, std::string& out) override { out.append(input); }
};

// Appends UTF-16 code units as UTF-8, pairing surrogates across calls.
class Utf16Writer {
 public:
  void put(char16_t unit, std::string& out) {
    if (pending_high_ != 0) {
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        utf8::append(out, 0x10000 + ((static_cast<char32_t>(pending_high_) - 0xD800) << 10) +
                              (static_cast<char32_t>(unit) - 0xDC00));
        pending_high_ = 0;
        return;
      }
      utf8::append(out, kReplacement);  // a high surrogate without its low half
      pending_high_ = 0;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      pending_high_ = unit;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      utf8::append(out, kReplacement);
    } else {
      utf8::append(out, unit);
    }
  }
  void flush(std::string& out) {
    if (pending_high_ != 0) utf8::append(out, kReplacement);
    pending_high_ = 0;
  }

 private:
  char16_t pending_high_ = 0;
};

class Utf16Decoder final : public TextDecoder {
 public:
  explicit Utf16Decoder(bool little_endian) : little_endian_(little_endian) {}

  void decode(std::string_view input, bool last, std::string& out) override {
    std::size_t i = 0;
    if (has_odd_byte_ && !input.empty()) {
      emit(odd_byte_, static_cast<unsigned char>(input[0]), out);
      has_odd_byte_ = false;
      i = 1;
    }
    for (; i + 1 < input.size(); i += 2)
      emit(static_cast<unsigned char>(input[i]), static_cast<unsigned char>(input[i + 1]), out);
    if (i < input.size()) {
      odd_byte_ = static_cast<unsigned char>(input[i]);
      has_odd_byte_ = true;
    }
    if (last) {
      if (has_odd_byte_) utf8::append(out, kReplacement);
      has_odd_byte_ = false;
      writer_.flush(out);
    }
  }

 private:
  void emit(unsigned char b0, unsigned char b1, std::string& out) {
    const auto unit = static_cast<char16_t>(little_endian_ ? (b1 << 8) | b0 : (b0 << 8) | b1);
    writer_.put(unit, out);
  }

  bool little_endian_;
  bool has_odd_byte_ = false;
  unsigned char odd_byte_ = 0;
  Utf16Writer writer_;
};

// CP949 through ICU's "windows-949" converter: unlike "ibm-949" it maps the Unified Hangul Code
// extension (all 11,172 syllables), which Windows writes for "ANSI" Korean text.
class Cp949Decoder final : public TextDecoder {
 public:
  explicit Cp949Decoder(UConverter* converter) : converter_(converter) {}
  ~Cp949Decoder() override { ucnv_close(converter_); }
  Cp949Decoder(const Cp949Decoder&) = delete;
  Cp949Decoder& operator=(const Cp949Decoder&) = delete;

  void decode(std::string_view input, bool last, std::string& out) override {
    const char* source = input.data();
    const char* source_end = input.data() + input.size();
    for (;;) {
      UChar* target = units_.data();
      UErrorCode status = U_ZERO_ERROR;
      ucnv_toUnicode(converter_, &target, units_.data() + units_.size(), &source, source_end,
                     nullptr, last, &status);
      for (const UChar* u = units_.data(); u < target; ++u) writer_.put(*u, out);
      if (status != U_BUFFER_OVERFLOW_ERROR) break;  // all input consumed (or a hard error)
    }
    if (last) {
      writer_.flush(out);
      ucnv_reset(converter_);
    }
  }

 private:
  UConverter* converter_;
  std::array<UChar, 16384> units_{};
  Utf16Writer writer_;
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
      UErrorCode status = U_ZERO_ERROR;
      UConverter* converter = ucnv_open("windows-949", &status);
      if (U_FAILURE(status) || converter == nullptr)
        return Error(ErrorCode::kInternal,
                     std::string("ICU has no windows-949 converter: ") + u_errorName(status));
      return std::unique_ptr<TextDecoder>(std::make_unique<Cp949Decoder>(converter));
    }
  }
  return Error(ErrorCode::kInternal, "unknown text encoding");
}

}  // namespace jamul::scanner::decode
