// SPDX-License-Identifier: Apache-2.0
#include "jamul/protocol/local_api.h"

#include <array>

namespace jamul::protocol {
namespace {

constexpr std::array<std::pair<LocalOp, std::string_view>, 17> kOps = {{
    {LocalOp::kHello, "hello"},
    {LocalOp::kStatus, "status"},
    {LocalOp::kScan, "scan"},
    {LocalOp::kPause, "pause"},
    {LocalOp::kResume, "resume"},
    {LocalOp::kFindings, "findings"},
    {LocalOp::kEncrypt, "encrypt"},
    {LocalOp::kDecrypt, "decrypt"},
    {LocalOp::kShred, "shred"},
    {LocalOp::kException, "exception"},
    {LocalOp::kAnswer, "answer"},
    {LocalOp::kSubscribe, "subscribe"},
    {LocalOp::kHistory, "history"},
    {LocalOp::kExceptions, "exceptions"},
    {LocalOp::kRules, "rules"},
    {LocalOp::kEnroll, "enroll"},
    {LocalOp::kSync, "sync"},
}};

Error notAMessage(std::string_view why) {
  return Error(ErrorCode::kInvalidArgument, "local API: " + std::string(why));
}

// A JSON object line, within the size limit, of this API version.
Result<JsonValue> parseLine(std::string_view line) {
  if (line.size() > kMaxLocalMessageBytes)
    return Error(ErrorCode::kTooLarge, "local API: a message longer than " +
                                           std::to_string(kMaxLocalMessageBytes) + " bytes");
  JsonLimits limits;
  limits.max_depth = 16;
  auto doc = JsonValue::parse(line, limits);
  if (!doc) return Error(doc.error().code(), "local API: " + doc.error().message());
  if (!doc->isObject()) return notAMessage("a message must be a JSON object");
  const JsonValue* v = doc->find("v");
  if (v == nullptr || !v->isInteger()) return notAMessage("\"v\" (the API version) is missing");
  if (v->asInteger() != kLocalApiVersion)
    return Error(ErrorCode::kUnsupportedFormat,
                 "local API version " + std::to_string(v->asInteger()) + ", this side speaks " +
                     std::to_string(kLocalApiVersion));
  return doc;
}

Status onlyKeys(const JsonValue& object, std::initializer_list<std::string_view> keys) {
  for (const auto& [name, value] : object.members()) {
    bool known = false;
    for (std::string_view k : keys) known |= name == k;
    if (!known) return notAMessage("unknown key \"" + name + "\"");
  }
  return okStatus();
}

std::string line(const JsonValue& message) { return message.toJson() + "\n"; }

JsonValue header() { return JsonValue::integer(kLocalApiVersion); }

}  // namespace

std::string_view localOpName(LocalOp op) {
  for (const auto& [o, name] : kOps)
    if (o == op) return name;
  return "hello";
}

std::optional<LocalOp> localOpFromName(std::string_view name) {
  for (const auto& [o, n] : kOps)
    if (n == name) return o;
  return std::nullopt;
}

Result<LocalRequest> parseLocalRequest(std::string_view text) {
  JAMUL_ASSIGN_OR_RETURN(JsonValue doc, parseLine(text));
  JAMUL_RETURN_IF_ERROR(onlyKeys(doc, {"v", "id", "op", "args"}));
  LocalRequest r;
  const JsonValue* id = doc.find("id");
  if (id == nullptr || !id->isInteger()) return notAMessage("\"id\" must be an integer");
  r.id = id->asInteger();
  const JsonValue* op = doc.find("op");
  if (op == nullptr || !op->isString()) return notAMessage("\"op\" must be a string");
  const auto known = localOpFromName(op->asString());
  if (!known)
    return Error(ErrorCode::kUnsupportedFormat, "local API: no operation \"" + op->asString() + "\"");
  r.op = *known;
  if (const JsonValue* args = doc.find("args")) {
    if (!args->isObject()) return notAMessage("\"args\" must be an object");
    r.args = *args;
  }
  return r;
}

std::string encodeLocalRequest(const LocalRequest& request) {
  return line(JsonValue::object({{"v", header()},
                                 {"id", JsonValue::integer(request.id)},
                                 {"op", JsonValue::string(std::string(localOpName(request.op)))},
                                 {"args", request.args}}));
}

std::string encodeReply(std::int64_t id, const JsonValue& result) {
  return line(JsonValue::object({{"v", header()},
                                 {"id", JsonValue::integer(id)},
                                 {"ok", JsonValue::boolean(true)},
                                 {"result", result}}));
}

std::string encodeErrorReply(std::int64_t id, const Error& error) {
  std::vector<JsonValue::Member> e = {
      {"code", JsonValue::string(std::string(errorCodeName(error.code())))},
      {"message", JsonValue::string(error.message())}};
  if (!error.subject().empty()) e.emplace_back("subject", JsonValue::string(error.subject()));
  return line(JsonValue::object({{"v", header()},
                                 {"id", JsonValue::integer(id)},
                                 {"ok", JsonValue::boolean(false)},
                                 {"error", JsonValue::object(std::move(e))}}));
}

std::string encodeEvent(std::string_view event, const JsonValue& data) {
  return line(JsonValue::object({{"v", header()},
                                 {"event", JsonValue::string(std::string(event))},
                                 {"data", data}}));
}

Result<LocalMessage> parseLocalMessage(std::string_view text) {
  JAMUL_ASSIGN_OR_RETURN(JsonValue doc, parseLine(text));
  LocalMessage m;
  if (const JsonValue* event = doc.find("event")) {
    JAMUL_RETURN_IF_ERROR(onlyKeys(doc, {"v", "event", "data"}));
    if (!event->isString()) return notAMessage("\"event\" must be a string");
    m.kind = LocalMessage::Kind::kEvent;
    m.event = event->asString();
    if (const JsonValue* data = doc.find("data")) m.data = *data;
    return m;
  }
  JAMUL_RETURN_IF_ERROR(onlyKeys(doc, {"v", "id", "ok", "result", "error"}));
  const JsonValue* id = doc.find("id");
  const JsonValue* ok = doc.find("ok");
  if (id == nullptr || !id->isInteger()) return notAMessage("\"id\" must be an integer");
  if (ok == nullptr || !ok->isBool()) return notAMessage("\"ok\" must be true or false");
  m.id = id->asInteger();
  m.ok = ok->asBool();
  if (m.ok) {
    if (const JsonValue* result = doc.find("result")) m.result = *result;
    return m;
  }
  const JsonValue* error = doc.find("error");
  if (error == nullptr || !error->isObject()) return notAMessage("a failed reply needs \"error\"");
  const JsonValue* code = error->find("code");
  const JsonValue* message = error->find("message");
  if (code == nullptr || !code->isString() || message == nullptr || !message->isString())
    return notAMessage("\"error\" needs a code and a message");
  m.error_code = errorCodeFromName(code->asString()).value_or(ErrorCode::kInternal);
  m.error_message = message->asString();
  if (const JsonValue* subject = error->find("subject"); subject != nullptr && subject->isString())
    m.error_subject = subject->asString();
  return m;
}

Error errorOf(const LocalMessage& reply) {
  return Error(reply.error_code, reply.error_message, reply.error_subject);
}

}  // namespace jamul::protocol
