// SPDX-License-Identifier: Apache-2.0
#include "jamul/protocol/json_value.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "jamul/common/check.h"
#include "jamul/common/json_writer.h"
#include "jamul/common/utf8.h"

namespace jamul::protocol {
namespace {

class Parser {
 public:
  Parser(std::string_view text, const JsonLimits& limits) : s_(text), limits_(limits) {}

  Result<JsonValue> document() {
    skipSpace();
    JsonValue v;
    if (Status st = value(v, 0); !st) return st.error();
    skipSpace();
    if (i_ != s_.size()) return fail("unexpected text after the document");
    return v;
  }

 private:
  Error fail(std::string_view why) const {
    return Error(ErrorCode::kInvalidArgument,
                 "JSON at byte " + std::to_string(i_) + ": " + std::string(why));
  }

  void skipSpace() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r'))
      ++i_;
  }

  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }

  Status value(JsonValue& out, std::size_t depth) {
    if (++values_ > limits_.max_values)
      return Error(ErrorCode::kTooLarge, "JSON: more than " +
                                             std::to_string(limits_.max_values) + " values");
    if (i_ >= s_.size()) return fail("a value is missing");
    switch (s_[i_]) {
      case '{': return object(out, depth + 1);
      case '[': return array(out, depth + 1);
      case '"': {
        std::string text;
        JAMUL_RETURN_IF_ERROR(string(text));
        out = JsonValue::string(std::move(text));
        return okStatus();
      }
      case 't':
        if (!literal("true")) return fail("not a value");
        out = JsonValue::boolean(true);
        return okStatus();
      case 'f':
        if (!literal("false")) return fail("not a value");
        out = JsonValue::boolean(false);
        return okStatus();
      case 'n':
        if (!literal("null")) return fail("not a value");
        out = JsonValue();
        return okStatus();
      default:
        return number(out);
    }
  }

  Status enter(std::size_t depth) {
    if (depth > limits_.max_depth)
      return Error(ErrorCode::kTooLarge, "JSON: nested deeper than " +
                                             std::to_string(limits_.max_depth));
    ++i_;
    skipSpace();
    return okStatus();
  }

  Status object(JsonValue& out, std::size_t depth) {
    JAMUL_RETURN_IF_ERROR(enter(depth));
    std::vector<JsonValue::Member> members;
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      out = JsonValue::object(std::move(members));
      return okStatus();
    }
    for (;;) {
      if (i_ >= s_.size() || s_[i_] != '"') return fail("a member name (a string) is expected");
      std::string key;
      JAMUL_RETURN_IF_ERROR(string(key));
      for (const auto& m : members)
        if (m.first == key) return fail("duplicate member name \"" + key + "\"");
      skipSpace();
      if (i_ >= s_.size() || s_[i_] != ':') return fail("':' is expected");
      ++i_;
      skipSpace();
      JsonValue v;
      JAMUL_RETURN_IF_ERROR(value(v, depth));
      members.emplace_back(std::move(key), std::move(v));
      skipSpace();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        skipSpace();
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '}') {
        ++i_;
        out = JsonValue::object(std::move(members));
        return okStatus();
      }
      return fail("',' or '}' is expected");
    }
  }

  Status array(JsonValue& out, std::size_t depth) {
    JAMUL_RETURN_IF_ERROR(enter(depth));
    std::vector<JsonValue> items;
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      out = JsonValue::array(std::move(items));
      return okStatus();
    }
    for (;;) {
      JsonValue v;
      JAMUL_RETURN_IF_ERROR(value(v, depth));
      items.push_back(std::move(v));
      skipSpace();
      if (i_ < s_.size() && s_[i_] == ',') {
        ++i_;
        skipSpace();
        continue;
      }
      if (i_ < s_.size() && s_[i_] == ']') {
        ++i_;
        out = JsonValue::array(std::move(items));
        return okStatus();
      }
      return fail("',' or ']' is expected");
    }
  }

  Result<unsigned> hex4() {
    if (s_.size() - i_ < 4) return fail("a \\u escape needs four hex digits");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s_[i_++];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else return fail("a \\u escape needs four hex digits");
    }
    return v;
  }

  Status string(std::string& out) {
    ++i_;  // the opening quote
    for (;;) {
      if (i_ >= s_.size()) return fail("a string is not closed");
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '"') {
        ++i_;
        break;
      }
      if (c < 0x20) return fail("a control character in a string (escape it)");
      if (c == '\\') {
        ++i_;
        if (i_ >= s_.size()) return fail("a string is not closed");
        const char e = s_[i_++];
        switch (e) {
          case '"': out.push_back('"'); break;
          case '\\': out.push_back('\\'); break;
          case '/': out.push_back('/'); break;
          case 'b': out.push_back('\b'); break;
          case 'f': out.push_back('\f'); break;
          case 'n': out.push_back('\n'); break;
          case 'r': out.push_back('\r'); break;
          case 't': out.push_back('\t'); break;
          case 'u': {
            JAMUL_ASSIGN_OR_RETURN(unsigned cp, hex4());
            if (cp >= 0xD800 && cp <= 0xDBFF) {
              if (s_.substr(i_, 2) != "\\u") return fail("a lone surrogate in a \\u escape");
              i_ += 2;
              JAMUL_ASSIGN_OR_RETURN(unsigned low, hex4());
              if (low < 0xDC00 || low > 0xDFFF) return fail("a lone surrogate in a \\u escape");
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
              return fail("a lone surrogate in a \\u escape");
            }
            utf8::append(out, static_cast<char32_t>(cp));
            break;
          }
          default: return fail("an unknown escape in a string");
        }
        continue;
      }
      // A run of plain bytes, checked as UTF-8 once it is known.
      const std::size_t run = i_;
      while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' &&
             static_cast<unsigned char>(s_[i_]) >= 0x20)
        ++i_;
      const std::string_view piece = s_.substr(run, i_ - run);
      if (!utf8::isValid(piece)) {
        i_ = run;
        return fail("a string is not valid UTF-8");
      }
      out.append(piece);
    }
    return okStatus();
  }

  Status number(JsonValue& out) {
    const std::size_t start = i_;
    if (i_ < s_.size() && s_[i_] == '-') ++i_;
    if (i_ >= s_.size() || s_[i_] < '0' || s_[i_] > '9') return fail("not a value");
    if (s_[i_] == '0') {
      ++i_;
    } else {
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    }
    bool integral = true;
    if (i_ < s_.size() && s_[i_] == '.') {
      integral = false;
      ++i_;
      if (i_ >= s_.size() || s_[i_] < '0' || s_[i_] > '9') return fail("digits are expected");
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      integral = false;
      ++i_;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
      if (i_ >= s_.size() || s_[i_] < '0' || s_[i_] > '9') return fail("digits are expected");
      while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    }
    const std::string_view text = s_.substr(start, i_ - start);
    if (integral) {
      std::int64_t n = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec == std::errc() && end == text.data() + text.size()) {
        out = JsonValue::integer(n);
        return okStatus();
      }
      // Beyond int64: kept as a number (its integer value is then approximate).
    }
    const std::string copy(text);
    char* end = nullptr;
    const double d = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(d)) return fail("not a number");
    out = JsonValue::number(d);
    return okStatus();
  }

  std::string_view s_;
  JsonLimits limits_;
  std::size_t i_ = 0;
  std::size_t values_ = 0;
};

void write(const JsonValue& v, JsonWriter& w) {
  switch (v.type()) {
    case JsonValue::Type::kNull: w.null(); break;
    case JsonValue::Type::kBool: w.value(v.asBool()); break;
    case JsonValue::Type::kInteger: w.value(v.asInteger()); break;
    case JsonValue::Type::kNumber: w.value(v.asNumber()); break;
    case JsonValue::Type::kString: w.value(v.asString()); break;
    case JsonValue::Type::kArray:
      w.beginArray();
      for (const JsonValue& item : v.asArray()) write(item, w);
      w.endArray();
      break;
    case JsonValue::Type::kObject:
      w.beginObject();
      for (const auto& [key, member] : v.members()) {
        w.key(key);
        write(member, w);
      }
      w.endObject();
      break;
  }
}

}  // namespace

Result<JsonValue> JsonValue::parse(std::string_view text, const JsonLimits& limits) {
  return Parser(text, limits).document();
}

JsonValue JsonValue::boolean(bool b) {
  JsonValue v;
  v.type_ = Type::kBool;
  v.bool_ = b;
  return v;
}

JsonValue JsonValue::integer(std::int64_t n) {
  JsonValue v;
  v.type_ = Type::kInteger;
  v.integer_ = n;
  v.number_ = static_cast<double>(n);
  return v;
}

JsonValue JsonValue::number(double n) {
  JsonValue v;
  v.type_ = Type::kNumber;
  v.number_ = n;
  // The integer view of a number beyond int64 (or NaN) is 0: the cast would be undefined.
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  v.integer_ = n >= -kLimit && n < kLimit ? static_cast<std::int64_t>(n) : 0;
  return v;
}

JsonValue JsonValue::string(std::string s) {
  JsonValue v;
  v.type_ = Type::kString;
  v.string_ = std::move(s);
  return v;
}

JsonValue JsonValue::array(std::vector<JsonValue> items) {
  JsonValue v;
  v.type_ = Type::kArray;
  v.items_ = std::move(items);
  return v;
}

JsonValue JsonValue::object(std::vector<Member> members) {
  JsonValue v;
  v.type_ = Type::kObject;
  v.members_ = std::move(members);
  return v;
}

bool JsonValue::asBool() const {
  JAMUL_CHECK(type_ == Type::kBool);
  return bool_;
}

std::int64_t JsonValue::asInteger() const {
  JAMUL_CHECK(type_ == Type::kInteger);
  return integer_;
}

double JsonValue::asNumber() const {
  JAMUL_CHECK(isNumber());
  return number_;
}

const std::string& JsonValue::asString() const {
  JAMUL_CHECK(type_ == Type::kString);
  return string_;
}

const std::vector<JsonValue>& JsonValue::asArray() const {
  JAMUL_CHECK(type_ == Type::kArray);
  return items_;
}

const std::vector<JsonValue::Member>& JsonValue::members() const {
  JAMUL_CHECK(type_ == Type::kObject);
  return members_;
}

const JsonValue* JsonValue::find(std::string_view key) const {
  if (type_ != Type::kObject) return nullptr;
  for (const auto& [name, value] : members_)
    if (name == key) return &value;
  return nullptr;
}

std::string JsonValue::toJson() const {
  std::string out;
  JsonWriter w(out);
  write(*this, w);
  return out;
}

std::string_view jsonTypeName(JsonValue::Type type) {
  switch (type) {
    case JsonValue::Type::kNull: return "null";
    case JsonValue::Type::kBool: return "a boolean";
    case JsonValue::Type::kInteger: return "an integer";
    case JsonValue::Type::kNumber: return "a number";
    case JsonValue::Type::kString: return "a string";
    case JsonValue::Type::kArray: return "an array";
    case JsonValue::Type::kObject: return "an object";
  }
  return "a value";
}

}  // namespace jamul::protocol
