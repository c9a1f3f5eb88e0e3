// SPDX-License-Identifier: Apache-2.0
#pragma once

// JsonWriter: appends compact JSON (one document per call sequence) to a std::string. Used for the
// JSON Lines output of `jamul scan --json` and, later, protocol messages. It writes only; parsing
// belongs to the protocol module.
//
//   std::string line;
//   JsonWriter w(line);
//   w.beginObject().key("path").value(path).key("count").value(3).endObject();
//
// Strings that are not valid UTF-8 are written with U+FFFD in place of each invalid byte, so the
// output is always valid JSON; callers that must round-trip bytes add a base64 field themselves.
// Nesting errors (a value where a key is due, unbalanced end*) are contract violations.
//
// Thread-safety: none; one writer per thread. The string must outlive the writer.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jamul {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  JsonWriter& key(std::string_view name);
  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(std::uint64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(unsigned number) { return value(static_cast<std::uint64_t>(number)); }
  JsonWriter& value(double number);
  JsonWriter& value(bool flag);
  JsonWriter& null();

  // True once every object/array opened has been closed.
  bool complete() const { return stack_.empty() && wrote_root_; }
  // Whether the last string written by value() was valid UTF-8 (written unchanged).
  bool lastStringValid() const { return last_string_valid_; }
  // Starts a new document in the same output string (which the caller clears), keeping the
  // writer's memory: for writers of one line per record.
  void restart() {
    stack_.clear();
    wrote_root_ = false;
  }

 private:
  enum class Frame : std::uint8_t { kObjectKey, kObjectValue, kArrayFirst, kArrayNext };
  void beforeValue();

  std::string& out_;
  std::vector<Frame> stack_;
  bool wrote_root_ = false;
  bool last_string_valid_ = true;
};

// Appends `text` as a quoted, escaped JSON string (invalid UTF-8 bytes become U+FFFD). Returns
// whether `text` was valid UTF-8 (nothing replaced).
bool appendJsonString(std::string& out, std::string_view text);

}  // namespace jamul
