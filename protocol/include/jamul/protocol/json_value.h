// SPDX-License-Identifier: Apache-2.0
#pragma once

// JsonValue: a parsed JSON document (RFC 8259), for the messages of the local and console APIs and
// for policies. Writing is common's JsonWriter; reading is here, with the protocol.
//
// The parser is strict, because its input comes from other processes and files a user may write:
//   - UTF-8 only (RFC 8259 §8.1); no comments, no trailing commas, no NaN or Infinity;
//   - a string may hold any escape (\uXXXX surrogate pairs are joined; a lone surrogate is an
//     error), and the result is valid UTF-8;
//   - a key may appear once in an object (a second one is an error, not "last wins": two readers
//     must not see two different documents);
//   - limits on nesting depth and on the number of values, so that a hostile message costs bounded
//     time and memory (JsonLimits); the size limit is the caller's framing.
// Numbers keep whether they were written as integers: integer() is exact for any int64.
//
//   auto doc = JsonValue::parse(R"({"op":"status","id":7})");
//   if (!doc) return doc.error();               // kInvalidArgument, "at byte 12: ..."
//   const JsonValue* op = doc->find("op");      // null if absent
//
// Thread-safety: a value type; const access from any thread.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::protocol {

struct JsonLimits {
  std::size_t max_depth = 32;        // arrays and objects nested in each other
  std::size_t max_values = 100'000;  // values of every kind in the document
};

class JsonValue {
 public:
  enum class Type { kNull, kBool, kInteger, kNumber, kString, kArray, kObject };
  using Member = std::pair<std::string, JsonValue>;

  // The document in `text` (leading and trailing white space allowed, nothing else). Fails with
  // kInvalidArgument, saying at which byte and why; kTooLarge beyond `limits`.
  static Result<JsonValue> parse(std::string_view text, const JsonLimits& limits = {});

  JsonValue() = default;  // null
  static JsonValue boolean(bool b);
  static JsonValue integer(std::int64_t n);
  static JsonValue number(double n);
  static JsonValue string(std::string s);
  static JsonValue array(std::vector<JsonValue> items);
  static JsonValue object(std::vector<Member> members);

  Type type() const { return type_; }
  bool isNull() const { return type_ == Type::kNull; }
  bool isBool() const { return type_ == Type::kBool; }
  // An integer, or a number written with a fraction or exponent.
  bool isNumber() const { return type_ == Type::kInteger || type_ == Type::kNumber; }
  bool isInteger() const { return type_ == Type::kInteger; }
  bool isString() const { return type_ == Type::kString; }
  bool isArray() const { return type_ == Type::kArray; }
  bool isObject() const { return type_ == Type::kObject; }

  // REQUIRES: the matching type (a contract violation aborts).
  bool asBool() const;
  std::int64_t asInteger() const;
  double asNumber() const;  // integers too
  const std::string& asString() const;
  const std::vector<JsonValue>& asArray() const;
  const std::vector<Member>& members() const;

  // The member named `key` of an object, or null (also when this is not an object).
  const JsonValue* find(std::string_view key) const;

  // Compact JSON for this value (JsonWriter's form).
  std::string toJson() const;

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  std::int64_t integer_ = 0;
  double number_ = 0;
  std::string string_;
  std::vector<JsonValue> items_;
  std::vector<Member> members_;
};

// "string", "integer", ... for messages ("must be a string, not an integer").
std::string_view jsonTypeName(JsonValue::Type type);

}  // namespace jamul::protocol
