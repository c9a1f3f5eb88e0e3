// SPDX-License-Identifier: Apache-2.0
#include "http/admin_api.h"

#include "jamul/common/json_writer.h"
#include "jamul/common/utf8.h"
#include "jamul/crypto/credentials.h"
#include "jamul/protocol/json_value.h"
#include "service/policy_service.h"
#include "service/record_json.h"

namespace jamul::console {
namespace {

using protocol::JsonValue;

constexpr std::size_t kMinPasswordChars = 12;

HttpReply refuse(int status, const std::string& message) {
  return errorReply(Error(ErrorCode::kPermissionDenied, message), status);
}

HttpReply badRequest(const std::string& message) {
  return errorReply(Error(ErrorCode::kInvalidArgument, message), 400);
}

Result<JsonValue> parseObject(const std::string& body) {
  auto doc = JsonValue::parse(body.empty() ? std::string_view("{}") : std::string_view(body));
  if (!doc) return Error(ErrorCode::kInvalidArgument, "body: " + doc.error().message());
  if (!doc->isObject()) return Error(ErrorCode::kInvalidArgument, "body: must be an object");
  return doc;
}

Result<std::string> stringField(const JsonValue& doc, const char* name, std::size_t max_bytes) {
  const JsonValue* v = doc.find(name);
  if (v == nullptr || !v->isString()) {
    return Error(ErrorCode::kInvalidArgument, std::string(name) + ": must be a string");
  }
  if (v->asString().size() > max_bytes) {
    return Error(ErrorCode::kInvalidArgument, std::string(name) + ": too long");
  }
  return v->asString();
}

std::size_t codePoints(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// The id in /api/admin/<collection>/<id>/<verb>, or 0.
std::int64_t pathId(const std::string& path, const std::string& prefix, const std::string& verb) {
  if (path.compare(0, prefix.size(), prefix) != 0) return 0;
  if (path.size() <= prefix.size() + verb.size() + 1) return 0;
  if (path.compare(path.size() - verb.size() - 1, std::string::npos, "/" + verb) != 0) return 0;
  const std::string digits = path.substr(prefix.size(), path.size() - prefix.size() - verb.size() - 1);
  if (digits.empty() || digits.size() > 18) return 0;
  std::int64_t id = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    id = id * 10 + (c - '0');
  }
  return id;
}

// Stored JSON (the console wrote it) embedded as a value.
JsonValue storedJson(const std::string& text, JsonValue fallback) {
  auto doc = JsonValue::parse(text);
  return doc ? std::move(doc).value() : std::move(fallback);
}

std::string joinJson(const std::string& key, const std::vector<std::string>& items,
                     const std::string& tail = "") {
  std::string out = "{\"" + key + "\":[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += items[i];
  }
  return out + "]" + tail + "}";
}

}  // namespace

AdminApi::AdminApi(ConsoleContext& context, LogFn log)
    : context_(context),
      log_(std::move(log)),
      user_limiter_(context.settings.login_failures_per_user, context.settings.login_window_ms),
      address_limiter_(context.settings.login_failures_per_address,
                       context.settings.login_window_ms) {
  if (auto hash = crypto::hashPassword(crypto::randomToken(16))) dummy_hash_ = *hash;
}

HttpReply AdminApi::handle(const ApiRequest& request) {
  if (request.path == "/api/admin/login") {
    if (request.method != "POST") return errorReply(Error(ErrorCode::kInvalidArgument, "use POST"), 405);
    return login(request);
  }
  HttpReply refusal;
  auto caller = authenticate(request, refusal);
  if (!caller) return refusal;
  if (request.path == "/api/admin/logout" && request.method == "POST") return logout(*caller);
  if (request.path == "/api/admin/password" && request.method == "POST") {
    return changePassword(request, *caller);
  }
  if (caller->must_change_password) {
    return refuse(403, "password change required: POST /api/admin/password first");
  }
  return route(request, *caller);
}

Result<AdminApi::Caller> AdminApi::authenticate(const ApiRequest& request, HttpReply& refusal) {
  const std::string session_id = request.cookie("jamul_session");
  if (session_id.empty() || session_id.size() > 128) {
    refusal = refuse(401, "not logged in");
    return Error(ErrorCode::kPermissionDenied, "no session");
  }
  Caller caller;
  caller.session_digest = crypto::tokenDigest(session_id);
  auto session = context_.store.touchSession(caller.session_digest, context_.now_ms(),
                                             context_.settings.session_max_ms,
                                             context_.settings.session_idle_ms);
  if (!session) {
    refusal = errorReply(session.error());
    return session.error();
  }
  if (!*session) {
    refusal = refuse(401, "the session has ended; log in again");
    return Error(ErrorCode::kPermissionDenied, "session ended");
  }
  if (request.method != "GET" && request.method != "HEAD" &&
      !crypto::constantTimeEquals(request.header("x-csrf-token"), (*session)->csrf)) {
    refusal = refuse(403, "missing or wrong X-CSRF-Token");
    return Error(ErrorCode::kPermissionDenied, "csrf");
  }
  caller.admin = (*session)->admin;
  auto admin = context_.store.admin(caller.admin);
  if (!admin || !*admin) {
    refusal = refuse(401, "the account no longer exists");
    return Error(ErrorCode::kPermissionDenied, "no admin");
  }
  caller.must_change_password = (*admin)->must_change_password;
  return caller;
}

HttpReply AdminApi::startSession(const std::string& admin, bool must_change_password) {
  const std::int64_t now = context_.now_ms();
  const std::string session_id = crypto::randomToken(32);
  SessionRecord session{admin, crypto::randomToken(24), now, now};
  if (auto s = context_.store.createSession(crypto::tokenDigest(session_id), session); !s) {
    return errorReply(s.error());
  }
  std::string body;
  JsonWriter w(body);
  w.beginObject().key("user").value(admin).key("csrf").value(session.csrf);
  w.key("must_change_password").value(must_change_password).endObject();
  HttpReply reply = jsonReply(std::move(body));
  reply.headers.emplace_back(
      "Set-Cookie", "jamul_session=" + session_id + "; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=" +
                        std::to_string(context_.settings.session_max_ms / 1000));
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

HttpReply AdminApi::login(const ApiRequest& request) {
  const std::int64_t now = context_.now_ms();
  auto doc = parseObject(request.body);
  if (!doc) return errorReply(doc.error(), 400);
  auto user = stringField(*doc, "user", 128);
  if (!user) return errorReply(user.error(), 400);
  auto password = stringField(*doc, "password", 1024);
  if (!password) return errorReply(password.error(), 400);
  const std::string user_key = "user:" + *user;
  if (user_limiter_.blocked(user_key, now) || address_limiter_.blocked(request.client_address, now)) {
    return errorReply(Error(ErrorCode::kUnavailable, "too many failed logins; try again later"), 429);
  }
  auto admin = context_.store.admin(*user);
  if (!admin) return errorReply(admin.error());
  bool ok = false;
  if (*admin) {
    ok = crypto::verifyPassword((*admin)->password_hash, *password);
  } else {
    // An unknown name costs the same hash check, so that timing does not tell names apart.
    (void)crypto::verifyPassword(dummy_hash_, *password);
  }
  if (!ok) {
    user_limiter_.recordFailure(user_key, now);
    address_limiter_.recordFailure(request.client_address, now);
    log_("admin login failed from " + request.client_address);
    return refuse(401, "wrong user name or password");
  }
  user_limiter_.reset(user_key);
  (void)context_.store.audit({now, *user, "login", "admin " + *user, request.client_address});
  return startSession(*user, (*admin)->must_change_password);
}

HttpReply AdminApi::logout(const Caller& caller) {
  if (auto s = context_.store.deleteSession(caller.session_digest); !s) return errorReply(s.error());
  HttpReply reply = jsonReply("{}");
  reply.headers.emplace_back("Set-Cookie",
                             "jamul_session=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0");
  return reply;
}

HttpReply AdminApi::changePassword(const ApiRequest& request, const Caller& caller) {
  auto doc = parseObject(request.body);
  if (!doc) return errorReply(doc.error(), 400);
  auto old_password = stringField(*doc, "old", 1024);
  if (!old_password) return errorReply(old_password.error(), 400);
  auto new_password = stringField(*doc, "new", 1024);
  if (!new_password) return errorReply(new_password.error(), 400);
  if (codePoints(*new_password) < kMinPasswordChars || !utf8::isValid(*new_password)) {
    return badRequest("new: must be at least 12 characters");
  }
  auto admin = context_.store.admin(caller.admin);
  if (!admin || !*admin) return refuse(401, "the account no longer exists");
  if (!crypto::verifyPassword((*admin)->password_hash, *old_password)) {
    return refuse(403, "old: wrong password");
  }
  if (*old_password == *new_password) return badRequest("new: must differ from the old password");
  auto hash = crypto::hashPassword(*new_password);
  if (!hash) return errorReply(hash.error());
  // setPassword ends every session of the account; this one continues as a new session.
  if (auto s = context_.store.setPassword(caller.admin, *hash, false, context_.now_ms(), caller.admin);
      !s) {
    return errorReply(s.error());
  }
  return startSession(caller.admin, false);
}

HttpReply AdminApi::route(const ApiRequest& request, const Caller& caller) {
  if (request.method == "POST") return routePost(request, caller);
  if (request.method != "GET") return errorReply(Error(ErrorCode::kInvalidArgument, "method"), 405);
  const std::string& p = request.path;
  if (p == "/api/admin/summary") return summary();
  if (p == "/api/admin/agents") return agents(request);
  if (p == "/api/admin/findings") return findings(request);
  if (p == "/api/admin/history") return history(request);
  if (p == "/api/admin/top-files") return topFiles(request);
  if (p == "/api/admin/exceptions") return exceptions(request);
  if (p == "/api/admin/policies") return policies();
  if (p == "/api/admin/audit") return auditLog(request);
  if (p == "/api/admin/export.csv") return exportCsvReply();
  return errorReply(Error(ErrorCode::kNotFound, "no such request"), 404);
}

HttpReply AdminApi::routePost(const ApiRequest& request, const Caller& caller) {
  const std::string& p = request.path;
  if (p == "/api/admin/policies") return setPolicy(request, caller);
  if (std::int64_t id = pathId(p, "/api/admin/exceptions/", "approve"); id != 0) {
    return decide(request, caller, id, true);
  }
  if (std::int64_t id = pathId(p, "/api/admin/exceptions/", "deny"); id != 0) {
    return decide(request, caller, id, false);
  }
  if (std::int64_t id = pathId(p, "/api/admin/agents/", "revoke"); id != 0) return revoke(caller, id);
  return errorReply(Error(ErrorCode::kNotFound, "no such request"), 404);
}

Result<OfflineThresholds> AdminApi::offlineThresholds() {
  auto list = context_.store.policies();
  if (!list) return list.error();
  return console::offlineThresholds(*list, context_.settings.heartbeat_seconds);
}

HttpReply AdminApi::summary() {
  auto offline = offlineThresholds();
  if (!offline) return errorReply(offline.error());
  auto s = context_.store.summary(context_.now_ms(), *offline);
  if (!s) return errorReply(s.error());
  std::string out;
  JsonWriter w(out);
  w.beginObject();
  w.key("agents").value(s->agents).key("agents_offline").value(s->agents_offline);
  w.key("files_with_pii").value(s->files_with_pii).key("files_encrypted").value(s->files_encrypted);
  w.key("items").value(s->items).key("items_encrypted").value(s->items_encrypted);
  w.key("rate").value(s->files_with_pii > 0 ? static_cast<double>(s->files_encrypted) /
                                                  static_cast<double>(s->files_with_pii)
                                            : 0.0);
  w.key("items_rate").value(s->items > 0 ? static_cast<double>(s->items_encrypted) /
                                               static_cast<double>(s->items)
                                         : 0.0);
  w.key("pending_exceptions").value(s->pending_exceptions);
  w.key("by_rule").beginObject();
  for (const auto& [rule, n] : s->by_rule) w.key(rule).value(n);
  w.endObject().endObject();
  return jsonReply(std::move(out));
}

HttpReply AdminApi::agents(const ApiRequest& request) {
  AgentQuery query;
  auto offset = request.queryInt("offset", 0, 0, 1'000'000'000);
  auto limit = request.queryInt("limit", 100, 1, 1000);
  if (!offset) return errorReply(offset.error(), 400);
  if (!limit) return errorReply(limit.error(), 400);
  query.offset = *offset;
  query.limit = *limit;
  if (auto it = request.query.find("q"); it != request.query.end()) query.q = it->second.substr(0, 200);
  if (auto it = request.query.find("state"); it != request.query.end()) query.state = it->second;
  if (!query.state.empty() && query.state != "enrolled" && query.state != "revoked") {
    return badRequest("state: must be enrolled or revoked");
  }
  auto page = context_.store.agents(query);
  if (!page) return errorReply(page.error());
  auto offline = offlineThresholds();
  if (!offline) return errorReply(offline.error());
  const Liveness liveness{context_.now_ms(), std::move(offline).value(),
                          context_.settings.long_offline_ms};
  std::vector<std::string> items;
  for (const AgentRecord& a : page->first) items.push_back(agentJson(a, liveness));
  return jsonReply(joinJson("agents", items, ",\"total\":" + std::to_string(page->second)));
}

HttpReply AdminApi::findings(const ApiRequest& request) {
  auto it = request.query.find("by");
  const std::string by = it == request.query.end() ? "rule" : it->second;
  auto rows = context_.store.findingsBy(by);
  if (!rows) return errorReply(rows.error());
  std::vector<std::string> items;
  for (const FigureRow& r : *rows) {
    std::string item;
    JsonWriter w(item);
    w.beginObject().key("key").value(r.key).key("agents").value(r.agents).key("files").value(r.files);
    w.key("items").value(r.items).key("files_encrypted").value(r.files_encrypted);
    w.key("items_encrypted").value(r.items_encrypted);
    if (by == "volume") w.key("label").value(r.label);
    w.endObject();
    items.push_back(std::move(item));
  }
  return jsonReply(joinJson("rows", items));
}

HttpReply AdminApi::history(const ApiRequest& request) {
  auto days = request.queryInt("days", 90, 1, 3660);
  if (!days) return errorReply(days.error(), 400);
  auto rows = context_.store.history(static_cast<int>(*days), context_.now_ms());
  if (!rows) return errorReply(rows.error());
  std::vector<std::string> items;
  for (const DayFigures& d : *rows) {
    std::string item;
    JsonWriter w(item);
    w.beginObject().key("day").value(d.day).key("files_with_pii").value(d.files_with_pii);
    w.key("files_encrypted").value(d.files_encrypted).key("items").value(d.items);
    w.key("items_encrypted").value(d.items_encrypted).endObject();
    items.push_back(std::move(item));
  }
  return jsonReply(joinJson("days", items));
}

HttpReply AdminApi::topFiles(const ApiRequest& request) {
  auto limit = request.queryInt("limit", 50, 1, 500);
  if (!limit) return errorReply(limit.error(), 400);
  auto files = context_.store.topFiles(*limit);
  if (!files) return errorReply(files.error());
  std::vector<JsonValue> items;
  for (const TopFile& f : *files) {
    items.push_back(JsonValue::object({
        {"agent", JsonValue::integer(f.agent)},
        {"host", JsonValue::string(f.host)},
        {"path", JsonValue::string(f.path)},
        {"counts", storedJson(f.counts_json, JsonValue::object({}))},
        {"items", JsonValue::integer(f.items)},
        {"encrypted", JsonValue::boolean(f.encrypted)},
        {"findings", storedJson(f.excerpts_json, JsonValue::array({}))},
    }));
  }
  return jsonReply(JsonValue::object({{"files", JsonValue::array(std::move(items))}}).toJson());
}

HttpReply AdminApi::exceptions(const ApiRequest& request) {
  auto it = request.query.find("state");
  const std::string state = it == request.query.end() ? "" : it->second;
  if (!state.empty() && state != "pending" && state != "approved" && state != "denied") {
    return badRequest("state: must be pending, approved or denied");
  }
  auto offset = request.queryInt("offset", 0, 0, 1'000'000'000);
  auto limit = request.queryInt("limit", 100, 1, 500);
  if (!offset) return errorReply(offset.error(), 400);
  if (!limit) return errorReply(limit.error(), 400);
  auto page = context_.store.exceptions({state, *offset, *limit});
  if (!page) return errorReply(page.error());
  std::vector<std::string> items;
  for (const ExceptionRecord& e : page->first) items.push_back(exceptionJson(e));
  return jsonReply(joinJson("exceptions", items, ",\"total\":" + std::to_string(page->second)));
}

HttpReply AdminApi::decide(const ApiRequest& request, const Caller& caller, std::int64_t id,
                           bool approve) {
  auto doc = parseObject(request.body);
  if (!doc) return errorReply(doc.error(), 400);
  std::optional<std::int64_t> days;
  if (const JsonValue* d = doc->find("days"); d != nullptr && !d->isNull()) {
    if (!d->isInteger() || d->asInteger() < 1 || d->asInteger() > 3650) {
      return badRequest("days: must be an integer from 1 to 3650");
    }
    days = d->asInteger();
  }
  auto record = context_.store.decide(id, approve, days, context_.now_ms(), caller.admin);
  if (!record) return errorReply(record.error());
  log_("exception " + std::to_string(id) + (approve ? ": approved" : ": denied"));
  return jsonReply(exceptionJson(*record));
}

HttpReply AdminApi::policies() {
  auto list = context_.store.policies();
  if (!list) return errorReply(list.error());
  auto groups = context_.store.groups();
  if (!groups) return errorReply(groups.error());
  std::vector<JsonValue> items;
  for (const StoredPolicy& p : *list) {
    items.push_back(JsonValue::object({
        {"group", JsonValue::string(p.group)},
        {"version", JsonValue::integer(p.version)},
        {"policy", storedJson(p.policy, JsonValue::object({}))},
        {"updated_at_ms", JsonValue::integer(p.updated_ms)},
    }));
  }
  std::vector<JsonValue> names;
  for (const std::string& g : *groups) names.push_back(JsonValue::string(g));
  return jsonReply(JsonValue::object({{"policies", JsonValue::array(std::move(items))},
                                      {"groups", JsonValue::array(std::move(names))}})
                       .toJson());
}

HttpReply AdminApi::setPolicy(const ApiRequest& request, const Caller& caller) {
  auto doc = parseObject(request.body);
  if (!doc) return errorReply(doc.error(), 400);
  std::string group = "default";
  if (const JsonValue* g = doc->find("group"); g != nullptr && !g->isNull()) {
    if (!g->isString()) return badRequest("group: must be a string");
    if (!g->asString().empty()) group = g->asString();
  }
  const JsonValue* policy = doc->find("policy");
  if (policy == nullptr) return badRequest("policy: missing");
  // The dashboard sends the document itself; a script may send it as text.
  const std::string text = policy->isString() ? policy->asString() : policy->toJson();
  auto version = setGroupPolicy(context_.store, context_.signing_key, group, text,
                                context_.now_ms(), caller.admin);
  if (!version) return errorReply(version.error());
  log_("policy for group set: version " + std::to_string(*version));
  std::string out;
  JsonWriter w(out);
  w.beginObject().key("group").value(group).key("version").value(*version).endObject();
  return jsonReply(std::move(out));
}

HttpReply AdminApi::revoke(const Caller& caller, std::int64_t id) {
  if (auto s = context_.store.revoke(id, context_.now_ms(), caller.admin); !s) {
    return errorReply(s.error());
  }
  log_("agent " + std::to_string(id) + ": revoked");
  return jsonReply("{\"id\":" + std::to_string(id) + ",\"state\":\"revoked\"}");
}

HttpReply AdminApi::auditLog(const ApiRequest& request) {
  auto offset = request.queryInt("offset", 0, 0, 1'000'000'000);
  auto limit = request.queryInt("limit", 100, 1, 1000);
  if (!offset) return errorReply(offset.error(), 400);
  if (!limit) return errorReply(limit.error(), 400);
  auto page = context_.store.auditLog(*offset, *limit);
  if (!page) return errorReply(page.error());
  std::vector<std::string> items;
  for (const AuditEntry& e : page->first) {
    std::string item;
    JsonWriter w(item);
    w.beginObject().key("at_ms").value(e.at_ms).key("admin").value(e.admin);
    w.key("action").value(e.action).key("subject").value(e.subject);
    w.key("detail").value(e.detail).endObject();
    items.push_back(std::move(item));
  }
  return jsonReply(joinJson("entries", items, ",\"total\":" + std::to_string(page->second)));
}

HttpReply AdminApi::exportCsvReply() {
  auto rows = context_.store.exportRows();
  if (!rows) return errorReply(rows.error());
  HttpReply reply;
  reply.body = exportCsv(*rows);
  reply.content_type = "text/csv; charset=utf-8";
  reply.headers.emplace_back("Content-Disposition", "attachment; filename=\"jamul-export.csv\"");
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

}  // namespace jamul::console
