// SPDX-License-Identifier: Apache-2.0
#include "service/record_json.h"

#include <cstdio>

#include "jamul/common/json_writer.h"

namespace jamul::console {
namespace {

// A CSV field: quoted when needed, and a leading = + - @ defused so that a department name
// cannot become a spreadsheet formula.
std::string csvField(const std::string& text) {
  std::string value = text;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) {
    value.insert(0, "'");
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string percent(std::int64_t part, std::int64_t whole) {
  if (whole <= 0) return "0.0";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

}  // namespace

std::string agentJson(const AgentRecord& a, const Liveness& l) {
  std::string out;
  JsonWriter w(out);
  const std::int64_t silent = l.now_ms - a.last_contact_ms;
  w.beginObject();
  w.key("id").value(a.id).key("host").value(a.host).key("user").value(a.user);
  w.key("department").value(a.department).key("version").value(a.version);
  w.key("os").value(a.os);
  w.key("policy_version").value(a.policy_version).key("state").value(a.state);
  w.key("run_state").value(a.run_state);
  w.key("last_contact_ms").value(a.last_contact_ms).key("enrolled_ms").value(a.enrolled_ms);
  w.key("offline").value(a.state == "enrolled" && silent > l.offline.forDepartment(a.department));
  w.key("long_offline").value(a.state == "enrolled" && silent > l.long_offline_ms);
  w.key("files_with_pii").value(a.files_with_pii).key("files_encrypted").value(a.files_encrypted);
  w.key("items").value(a.items).key("items_encrypted").value(a.items_encrypted);
  w.key("outbox_depth").value(a.outbox_depth).key("acked_seq").value(a.acked_seq);
  w.endObject();
  return out;
}

std::string agentLineJson(const AgentRecord& a) {
  std::string out;
  JsonWriter w(out);
  w.beginObject();
  w.key("id").value(a.id).key("host").value(a.host).key("user").value(a.user);
  w.key("department").value(a.department).key("version").value(a.version);
  w.key("policy_version").value(a.policy_version).key("state").value(a.state);
  w.key("last_contact_ms").value(a.last_contact_ms).key("outbox_depth").value(a.outbox_depth);
  w.key("acked_seq").value(a.acked_seq);
  w.endObject();
  return out;
}

std::string exceptionJson(const ExceptionRecord& e) {
  std::string out;
  JsonWriter w(out);
  w.beginObject();
  w.key("id").value(e.id).key("agent").value(e.agent).key("host").value(e.host);
  w.key("request_id").value(e.request_id).key("path").value(e.path).key("owner").value(e.owner);
  w.key("content_digest").value(e.content_digest).key("reason").value(e.reason);
  w.key("days").value(e.days).key("requested_at_ms").value(e.requested_at_ms);
  w.key("state").value(e.state).key("decided_at_ms").value(e.decided_at_ms);
  w.key("expires_at_ms").value(e.expires_at_ms).key("decided_by").value(e.decided_by);
  w.endObject();
  return out;
}

std::string agentFindingsJson(const AgentFindings& f) {
  std::string out;
  JsonWriter w(out);
  w.beginObject().key("agent").value(f.agent).key("counts").beginObject();
  for (const auto& [rule, n] : f.counts) w.key(rule).value(n);
  w.endObject().endObject();
  return out;
}

std::string exportCsv(const std::vector<FigureRow>& rows) {
  std::string out = "\xEF\xBB\xBF";
  out += "department,agents,files_with_pii,files_encrypted,encryption_rate_percent,items,"
         "items_encrypted,items_encryption_rate_percent\r\n";
  for (const FigureRow& r : rows) {
    out += csvField(r.key.empty() ? "default" : r.key) + "," + std::to_string(r.agents) + "," +
           std::to_string(r.files) + "," + std::to_string(r.files_encrypted) + "," +
           percent(r.files_encrypted, r.files) + "," + std::to_string(r.items) + "," +
           std::to_string(r.items_encrypted) + "," + percent(r.items_encrypted, r.items) + "\r\n";
  }
  return out;
}

}  // namespace jamul::console
