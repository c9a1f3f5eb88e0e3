// SPDX-License-Identifier: Apache-2.0
#include "service/event_validation.h"

#include <string>

#include "jamul/common/json_writer.h"

namespace jamul::console {
namespace {

using protocol::JsonValue;

constexpr std::size_t kPathBytes = 4096;
constexpr std::size_t kNameBytes = 256;
constexpr std::size_t kReasonBytes = 1024;
constexpr std::size_t kExcerptBytes = 512;
constexpr std::size_t kRuleIdBytes = 64;
constexpr std::size_t kMaxRulesPerFile = 256;

// Reads the members of one object, naming each by its place in the batch.
class Fields {
 public:
  Fields(const JsonValue& object, std::string where) : object_(object), where_(std::move(where)) {}

  Error error(const std::string& field, const std::string& what) const {
    return Error(ErrorCode::kInvalidArgument, where_ + "." + field + ": " + what);
  }

  Result<std::string> text(const std::string& field, std::size_t max_bytes, bool required = false) {
    const JsonValue* v = object_.find(field);
    if (v == nullptr || v->isNull()) {
      if (required) return error(field, "missing");
      return std::string();
    }
    if (!v->isString()) return error(field, "must be a string");
    if (v->asString().size() > max_bytes) {
      return error(field, "longer than " + std::to_string(max_bytes) + " bytes");
    }
    if (required && v->asString().empty()) return error(field, "must not be empty");
    return v->asString();
  }

  Result<std::int64_t> integer(const std::string& field, bool required = false) {
    const JsonValue* v = object_.find(field);
    if (v == nullptr || v->isNull()) {
      if (required) return error(field, "missing");
      return std::int64_t{0};
    }
    if (!v->isInteger() || v->asInteger() < 0) return error(field, "must be a non-negative integer");
    return v->asInteger();
  }

  Result<bool> flag(const std::string& field) {
    const JsonValue* v = object_.find(field);
    if (v == nullptr || v->isNull()) return false;
    if (!v->isBool()) return error(field, "must be true or false");
    return v->asBool();
  }

  const JsonValue* find(const std::string& field) const { return object_.find(field); }
  const std::string& where() const { return where_; }

 private:
  const JsonValue& object_;
  std::string where_;
};

bool isRuleId(const std::string& id) {
  if (id.empty() || id.size() > kRuleIdBytes) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

Status readCounts(Fields& f, FileData& out) {
  const JsonValue* counts = f.find("counts");
  if (counts == nullptr || counts->isNull()) return okStatus();
  if (!counts->isObject()) return f.error("counts", "must be an object");
  if (counts->members().size() > kMaxRulesPerFile) return f.error("counts", "too many rules");
  for (const auto& [rule, n] : counts->members()) {
    if (!isRuleId(rule)) return f.error("counts", "not a rule id");
    if (!n.isInteger() || n.asInteger() < 0 || n.asInteger() > 1'000'000'000) {
      return f.error("counts." + rule, "must be a non-negative integer");
    }
    if (n.asInteger() > 0) out.counts.emplace_back(rule, n.asInteger());
  }
  return okStatus();
}

Status readFindings(Fields& f, FileData& out) {
  const JsonValue* findings = f.find("findings");
  out.excerpts_json = "[]";
  if (findings == nullptr || findings->isNull()) return okStatus();
  if (!findings->isArray()) return f.error("findings", "must be an array");
  std::string json;
  JsonWriter w(json);
  w.beginArray();
  const auto& items = findings->asArray();
  for (std::size_t i = 0; i < items.size() && i < protocol::kMaxExcerptsPerFileEvent; ++i) {
    if (!items[i].isObject()) return f.error("findings[" + std::to_string(i) + "]", "must be an object");
    Fields g(items[i], f.where() + ".findings[" + std::to_string(i) + "]");
    JAMUL_ASSIGN_OR_RETURN(std::string rule, g.text("rule", kRuleIdBytes, true));
    if (!isRuleId(rule)) return g.error("rule", "not a rule id");
    JAMUL_ASSIGN_OR_RETURN(std::string confidence, g.text("confidence", 16));
    JAMUL_ASSIGN_OR_RETURN(std::string location, g.text("location", kExcerptBytes));
    JAMUL_ASSIGN_OR_RETURN(std::string masked, g.text("masked", kExcerptBytes));
    JAMUL_ASSIGN_OR_RETURN(std::int64_t count, g.integer("count"));
    w.beginObject().key("rule").value(rule).key("confidence").value(confidence);
    w.key("location").value(location).key("masked").value(masked).key("count").value(count);
    w.endObject();
  }
  w.endArray();
  out.excerpts_json = std::move(json);
  return okStatus();
}

Result<FileData> readFile(Fields& f) {
  FileData d;
  JAMUL_ASSIGN_OR_RETURN(d.path, f.text("path", kPathBytes, true));
  JAMUL_ASSIGN_OR_RETURN(d.owner, f.text("owner", kNameBytes));
  JAMUL_ASSIGN_OR_RETURN(d.volume, f.text("volume", kNameBytes));
  JAMUL_ASSIGN_OR_RETURN(d.status, f.text("status", kNameBytes));
  JAMUL_ASSIGN_OR_RETURN(d.format, f.text("format", kNameBytes));
  JAMUL_ASSIGN_OR_RETURN(d.size, f.integer("size"));
  JAMUL_RETURN_IF_ERROR(readCounts(f, d));
  JAMUL_RETURN_IF_ERROR(readFindings(f, d));
  JAMUL_ASSIGN_OR_RETURN(d.encrypted, f.flag("encrypted"));
  JAMUL_ASSIGN_OR_RETURN(d.original, f.text("original", kPathBytes));
  return d;
}

Result<FileRemovedData> readFileRemoved(Fields& f) {
  FileRemovedData d;
  JAMUL_ASSIGN_OR_RETURN(d.path, f.text("path", kPathBytes, true));
  return d;
}

Result<ScanData> readScan(Fields& f) {
  ScanData d;
  JAMUL_ASSIGN_OR_RETURN(d.reason, f.text("reason", kNameBytes));
  JAMUL_ASSIGN_OR_RETURN(d.started_ms, f.integer("started_ms"));
  JAMUL_ASSIGN_OR_RETURN(d.finished_ms, f.integer("finished_ms", true));
  JAMUL_ASSIGN_OR_RETURN(d.files, f.integer("files"));
  JAMUL_ASSIGN_OR_RETURN(d.files_with_findings, f.integer("files_with_findings"));
  JAMUL_ASSIGN_OR_RETURN(d.files_encrypted, f.integer("files_encrypted"));
  JAMUL_ASSIGN_OR_RETURN(d.items, f.integer("items"));
  JAMUL_ASSIGN_OR_RETURN(d.items_encrypted, f.integer("items_encrypted"));
  return d;
}

Result<VolumeData> readVolume(Fields& f) {
  VolumeData d;
  JAMUL_ASSIGN_OR_RETURN(d.key, f.text("key", kNameBytes, true));
  JAMUL_ASSIGN_OR_RETURN(d.label, f.text("label", kNameBytes));
  JAMUL_ASSIGN_OR_RETURN(d.size_bytes, f.integer("size_bytes"));
  JAMUL_ASSIGN_OR_RETURN(d.removable, f.flag("removable"));
  JAMUL_ASSIGN_OR_RETURN(d.first_seen_ms, f.integer("first_seen_ms"));
  JAMUL_ASSIGN_OR_RETURN(d.last_seen_ms, f.integer("last_seen_ms"));
  return d;
}

Result<ExceptionRequestData> readExceptionRequest(Fields& f) {
  ExceptionRequestData d;
  JAMUL_ASSIGN_OR_RETURN(d.request_id, f.integer("request_id", true));
  JAMUL_ASSIGN_OR_RETURN(d.path, f.text("path", kPathBytes, true));
  JAMUL_ASSIGN_OR_RETURN(d.owner, f.text("owner", kNameBytes));
  JAMUL_ASSIGN_OR_RETURN(d.content_digest, f.text("content_digest", 128));
  JAMUL_ASSIGN_OR_RETURN(d.reason, f.text("reason", kReasonBytes));
  JAMUL_ASSIGN_OR_RETURN(d.days, f.integer("days"));
  if (d.days > 3650) return f.error("days", "must be at most 3650");
  JAMUL_ASSIGN_OR_RETURN(d.requested_at_ms, f.integer("requested_at_ms"));
  return d;
}

Result<ActionData> readAction(Fields& f) {
  ActionData d;
  JAMUL_ASSIGN_OR_RETURN(d.path, f.text("path", kPathBytes, true));
  JAMUL_ASSIGN_OR_RETURN(d.action, f.text("action", 32, true));
  JAMUL_ASSIGN_OR_RETURN(d.ok, f.flag("ok"));
  JAMUL_ASSIGN_OR_RETURN(d.owner, f.text("owner", kNameBytes));
  JAMUL_ASSIGN_OR_RETURN(d.at_ms, f.integer("at_ms"));
  return d;
}

template <typename T>
Result<IngestEvent> wrap(const protocol::ReportEvent& e, Result<T> data) {
  if (!data) return data.error();
  return IngestEvent{e.seq, e.at_ms, std::move(data).value()};
}

Result<IngestEvent> validateEvent(const protocol::ReportEvent& e, std::size_t index) {
  const std::string where = "events[" + std::to_string(index) + "].data";
  if (!e.data.isObject()) return Error(ErrorCode::kInvalidArgument, where + ": must be an object");
  Fields f(e.data, where);
  switch (e.kind) {
    case protocol::EventKind::kFile: return wrap(e, readFile(f));
    case protocol::EventKind::kFileRemoved: return wrap(e, readFileRemoved(f));
    case protocol::EventKind::kScan: return wrap(e, readScan(f));
    case protocol::EventKind::kVolume: return wrap(e, readVolume(f));
    case protocol::EventKind::kExceptionRequest: return wrap(e, readExceptionRequest(f));
    case protocol::EventKind::kAction: return wrap(e, readAction(f));
  }
  return Error(ErrorCode::kInvalidArgument, where + ": unknown kind");
}

}  // namespace

Result<std::vector<IngestEvent>> validateEvents(const protocol::ReportBatch& batch) {
  std::vector<IngestEvent> out;
  out.reserve(batch.events.size());
  for (std::size_t i = 0; i < batch.events.size(); ++i) {
    if (batch.events[i].seq < 1) {
      return Error(ErrorCode::kInvalidArgument, "events[" + std::to_string(i) + "].seq: must be >= 1");
    }
    JAMUL_ASSIGN_OR_RETURN(IngestEvent event, validateEvent(batch.events[i], i));
    out.push_back(std::move(event));
  }
  return out;
}

}  // namespace jamul::console
