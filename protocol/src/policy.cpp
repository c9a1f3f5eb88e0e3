// SPDX-License-Identifier: Apache-2.0
#include "jamul/protocol/policy.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>
#include <set>

#include "jamul/common/json_writer.h"

namespace jamul::protocol {
namespace {

constexpr std::array<std::string_view, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

Error invalid(const std::string& key, std::string_view why) {
  return Error(ErrorCode::kInvalidArgument, "policy: " + key + ": " + std::string(why));
}

std::string join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : path + "." + std::string(key);
}

// The members of one object of the document: each read marks its key as known, and whatever is
// left is refused (a misspelt key must not silently mean "default").
class Fields {
 public:
  Fields(const JsonValue& object, std::string path) : object_(object), path_(std::move(path)) {}

  const JsonValue* get(std::string_view key) {
    known_.insert(std::string(key));
    return object_.find(key);
  }
  std::string keyPath(std::string_view key) const { return join(path_, key); }

  Status noOthers() const {
    for (const auto& [key, value] : object_.members())
      if (!known_.contains(key)) return invalid(keyPath(key), "not a policy setting");
    return okStatus();
  }

  Status boolean(std::string_view key, bool& out) {
    const JsonValue* v = get(key);
    if (v == nullptr) return okStatus();
    if (!v->isBool()) return wrongType(key, *v, "true or false");
    out = v->asBool();
    return okStatus();
  }

  Status integer(std::string_view key, std::int64_t low, std::int64_t high, std::int64_t& out) {
    const JsonValue* v = get(key);
    if (v == nullptr) return okStatus();
    if (!v->isInteger() || v->asInteger() < low || v->asInteger() > high)
      return invalid(keyPath(key), "must be a whole number from " + std::to_string(low) +
                                       " to " + std::to_string(high));
    out = v->asInteger();
    return okStatus();
  }

  Status string(std::string_view key, std::string& out) {
    const JsonValue* v = get(key);
    if (v == nullptr) return okStatus();
    if (!v->isString()) return wrongType(key, *v, "a string");
    out = v->asString();
    return okStatus();
  }

  Status strings(std::string_view key, std::vector<std::string>& out) {
    const JsonValue* v = get(key);
    if (v == nullptr) return okStatus();
    if (!v->isArray()) return wrongType(key, *v, "an array of strings");
    std::vector<std::string> items;
    for (std::size_t i = 0; i < v->asArray().size(); ++i) {
      const JsonValue& item = v->asArray()[i];
      if (!item.isString())
        return invalid(keyPath(key) + "[" + std::to_string(i) + "]", "must be a string");
      items.push_back(item.asString());
    }
    out = std::move(items);
    return okStatus();
  }

  Error wrongType(std::string_view key, const JsonValue& v, std::string_view want) const {
    return invalid(keyPath(key),
                   "must be " + std::string(want) + ", not " + std::string(jsonTypeName(v.type())));
  }

 private:
  const JsonValue& object_;
  std::string path_;
  std::set<std::string, std::less<>> known_;
};

// "12:30" -> 750.
Result<int> minutesOf(const std::string& key, const JsonValue& v) {
  const auto bad = invalid(key, "must be a time HH:MM (24-hour clock)");
  if (!v.isString()) return bad;
  const std::string& t = v.asString();
  if (t.size() != 5 || t[2] != ':') return bad;
  for (int i : {0, 1, 3, 4})
    if (t[static_cast<std::size_t>(i)] < '0' || t[static_cast<std::size_t>(i)] > '9') return bad;
  const int h = (t[0] - '0') * 10 + (t[1] - '0');
  const int m = (t[3] - '0') * 10 + (t[4] - '0');
  if (h > 23 || m > 59) return bad;
  return h * 60 + m;
}

Status readSchedule(const JsonValue& v, Schedule& out) {
  if (v.isString()) {
    if (v.asString() != "manual")
      return invalid("schedule", "must be \"manual\" or an object with days, start and end");
    out.manual = true;
    return okStatus();
  }
  if (!v.isObject())
    return invalid("schedule", "must be \"manual\" or an object with days, start and end");
  Fields f(v, "schedule");
  out.manual = false;
  if (const JsonValue* days = f.get("days")) {
    if (!days->isArray()) return f.wrongType("days", *days, "an array of days (\"mon\" ...)");
    std::vector<int> picked;
    for (const JsonValue& d : days->asArray()) {
      const auto it = d.isString() ? std::find(kDays.begin(), kDays.end(), d.asString())
                                   : kDays.end();
      if (it == kDays.end())
        return invalid("schedule.days", "must name days as mon, tue, wed, thu, fri, sat, sun");
      const int day = static_cast<int>(it - kDays.begin());
      if (std::find(picked.begin(), picked.end(), day) == picked.end()) picked.push_back(day);
    }
    if (picked.empty()) return invalid("schedule.days", "must name at least one day (or use \"manual\")");
    std::sort(picked.begin(), picked.end());
    out.days = std::move(picked);
  }
  for (const char* key : {"start", "end"}) {
    const JsonValue* t = f.get(key);
    if (t == nullptr) continue;
    JAMUL_ASSIGN_OR_RETURN(int minutes, minutesOf(f.keyPath(key), *t));
    (std::string_view(key) == "start" ? out.start_minute : out.end_minute) = minutes;
  }
  if (out.start_minute == out.end_minute)
    return invalid("schedule.end", "must differ from schedule.start (the window would be empty)");
  return f.noOthers();
}

Result<Level> levelOf(const std::string& key, const JsonValue& v) {
  for (Level l : {Level::kLow, Level::kMedium, Level::kHigh})
    if (v.isString() && v.asString() == levelName(l)) return l;
  return invalid(key, "must be low, medium or high");
}

Status readActions(const JsonValue& v, const PolicyVocabulary& vocabulary,
                   std::vector<ActionRule>& out) {
  if (!v.isArray()) return invalid("actions", "must be an array of {rules, min_confidence, action}");
  out.clear();
  for (std::size_t i = 0; i < v.asArray().size(); ++i) {
    const JsonValue& item = v.asArray()[i];
    const std::string path = "actions[" + std::to_string(i) + "]";
    if (!item.isObject()) return invalid(path, "must be an object {rules, min_confidence, action}");
    Fields f(item, path);
    ActionRule rule;
    JAMUL_RETURN_IF_ERROR(f.strings("rules", rule.rules));
    for (const std::string& name : rule.rules)
      if (std::find(vocabulary.rules.begin(), vocabulary.rules.end(), name) ==
          vocabulary.rules.end())
        return invalid(f.keyPath("rules"), "no rule is called \"" + name + "\" (see jamul rules)");
    if (const JsonValue* level = f.get("min_confidence")) {
      JAMUL_ASSIGN_OR_RETURN(rule.min_confidence, levelOf(f.keyPath("min_confidence"), *level));
    }
    const JsonValue* action = f.get("action");
    if (action == nullptr) return invalid(f.keyPath("action"), "is required");
    bool known = false;
    for (PolicyAction a : {PolicyAction::kReport, PolicyAction::kNotify, PolicyAction::kEncrypt})
      if (action->isString() && action->asString() == policyActionName(a)) {
        rule.action = a;
        known = true;
      }
    if (!known) return invalid(f.keyPath("action"), "must be report, notify or encrypt");
    JAMUL_RETURN_IF_ERROR(f.noOthers());
    out.push_back(std::move(rule));
  }
  return okStatus();
}

bool isAbsoluteOrHomes(const std::string& root) {
  return root == "~" || (!root.empty() && root.front() == '/');
}

}  // namespace

std::string_view levelName(Level level) {
  switch (level) {
    case Level::kLow: return "low";
    case Level::kMedium: return "medium";
    case Level::kHigh: return "high";
  }
  return "medium";
}

std::string_view policyActionName(PolicyAction action) {
  switch (action) {
    case PolicyAction::kReport: return "report";
    case PolicyAction::kNotify: return "notify";
    case PolicyAction::kEncrypt: return "encrypt";
  }
  return "report";
}

Policy defaultPolicy() { return Policy{}; }

PolicyVocabulary knownRuleVocabulary() {
  static constexpr std::array<std::string_view, 19> kRuleIds = {
      "kr_rrn",      "kr_frn",          "kr_passport",         "kr_driver_license", "kr_phone",
      "card_number", "kr_bank_account", "kr_health_insurance", "kr_brn",            "kr_crn",
      "email",       "ipv4",            "ipv6",                "password",          "kr_address",
      "person_name", "birth_date",      "sensitive_health",    "age_sex"};
  return {kRuleIds};
}

Result<Policy> parsePolicy(std::string_view json, const PolicyVocabulary& vocabulary) {
  auto document = JsonValue::parse(json);
  if (!document)
    return Error(document.error().code(), "policy: " + document.error().message());
  return policyFromJson(*document, vocabulary);
}

Result<Policy> policyFromJson(const JsonValue& document, const PolicyVocabulary& vocabulary) {
  if (!document.isObject()) return invalid("(document)", "must be a JSON object");
  Policy p = defaultPolicy();
  Fields f(document, "");
  JAMUL_RETURN_IF_ERROR(f.integer("version", 0, INT64_MAX, p.version));
  JAMUL_RETURN_IF_ERROR(f.strings("roots", p.roots));
  for (const std::string& root : p.roots)
    if (!isAbsoluteOrHomes(root))
      return invalid("roots", "\"" + root + "\" is neither an absolute folder nor ~ (homes)");
  if (p.roots.empty()) return invalid("roots", "must name at least one folder (~: the homes)");
  JAMUL_RETURN_IF_ERROR(f.strings("exclude", p.exclude));
  if (const JsonValue* schedule = f.get("schedule")) {
    JAMUL_RETURN_IF_ERROR(readSchedule(*schedule, p.schedule));
  }
  if (const JsonValue* media = f.get("media")) {
    if (!media->isObject()) return f.wrongType("media", *media, "an object");
    Fields m(*media, "media");
    JAMUL_RETURN_IF_ERROR(m.boolean("scan_on_mount", p.media.scan_on_mount));
    JAMUL_RETURN_IF_ERROR(m.strings("mount_prefixes", p.media.mount_prefixes));
    for (const std::string& prefix : p.media.mount_prefixes)
      if (prefix.empty() || prefix.front() != '/')
        return invalid("media.mount_prefixes", "\"" + prefix + "\" is not an absolute folder");
    JAMUL_RETURN_IF_ERROR(m.noOthers());
  }
  if (const JsonValue* governor = f.get("governor")) {
    if (!governor->isObject()) return f.wrongType("governor", *governor, "an object");
    Fields g(*governor, "governor");
    std::int64_t cpu = p.governor.cpu_percent, read = p.governor.read_mb_per_s;
    JAMUL_RETURN_IF_ERROR(g.integer("cpu_percent", 1, 100, cpu));
    JAMUL_RETURN_IF_ERROR(g.integer("read_mb_per_s", 0, 100'000, read));
    JAMUL_RETURN_IF_ERROR(g.boolean("pause_on_battery", p.governor.pause_on_battery));
    JAMUL_RETURN_IF_ERROR(g.noOthers());
    p.governor.cpu_percent = static_cast<int>(cpu);
    p.governor.read_mb_per_s = static_cast<int>(read);
  }
  JAMUL_RETURN_IF_ERROR(f.boolean("ocr", p.ocr));
  if (const JsonValue* actions = f.get("actions")) {
    JAMUL_RETURN_IF_ERROR(readActions(*actions, vocabulary, p.actions));
  }
  JAMUL_RETURN_IF_ERROR(f.strings("recovery_recipients", p.recovery_recipients));
  for (const std::string& r : p.recovery_recipients)
    if (!r.starts_with("age1"))
      return invalid("recovery_recipients", "\"" + r + "\" is not an age1... public key");
  if (const JsonValue* console = f.get("console")) {
    if (!console->isObject()) return f.wrongType("console", *console, "an object");
    Fields c(*console, "console");
    std::int64_t heartbeat = p.console.heartbeat_seconds;
    JAMUL_RETURN_IF_ERROR(c.string("url", p.console.url));
    JAMUL_RETURN_IF_ERROR(c.integer("heartbeat_seconds", 10, 86'400, heartbeat));
    JAMUL_RETURN_IF_ERROR(c.noOthers());
    p.console.heartbeat_seconds = static_cast<int>(heartbeat);
    // Anything but https would send the agent's reports in the clear, or nowhere: refused, so
    // that a policy can never cut an agent off from its console (DESIGN.md §7).
    if (!p.console.url.empty() && !p.console.url.starts_with("https://"))
      return invalid("console.url", "must start with https://");
  }
  JAMUL_RETURN_IF_ERROR(f.noOthers());
  return p;
}

std::string policyToJson(const Policy& p) {
  std::string out;
  JsonWriter w(out);
  w.beginObject().key("version").value(p.version);
  w.key("roots").beginArray();
  for (const std::string& r : p.roots) w.value(r);
  w.endArray().key("exclude").beginArray();
  for (const std::string& e : p.exclude) w.value(e);
  w.endArray().key("schedule");
  if (p.schedule.manual) {
    w.value("manual");
  } else {
    const auto hhmm = [](int minutes) {
      const auto two = [](int n) { return std::string(1, static_cast<char>('0' + n / 10)) +
                                          static_cast<char>('0' + n % 10); };
      return two(minutes / 60 % 24) + ":" + two(minutes % 60);
    };
    w.beginObject().key("days").beginArray();
    for (int d : p.schedule.days) w.value(kDays[static_cast<std::size_t>(d)]);
    w.endArray().key("start").value(hhmm(p.schedule.start_minute));
    w.key("end").value(hhmm(p.schedule.end_minute)).endObject();
  }
  w.key("media").beginObject().key("scan_on_mount").value(p.media.scan_on_mount);
  w.key("mount_prefixes").beginArray();
  for (const std::string& m : p.media.mount_prefixes) w.value(m);
  w.endArray().endObject();
  w.key("governor").beginObject().key("cpu_percent").value(p.governor.cpu_percent);
  w.key("read_mb_per_s").value(p.governor.read_mb_per_s);
  w.key("pause_on_battery").value(p.governor.pause_on_battery).endObject();
  w.key("ocr").value(p.ocr);
  w.key("actions").beginArray();
  for (const ActionRule& a : p.actions) {
    w.beginObject().key("rules").beginArray();
    for (const std::string& r : a.rules) w.value(r);
    w.endArray().key("min_confidence").value(levelName(a.min_confidence));
    w.key("action").value(policyActionName(a.action)).endObject();
  }
  w.endArray().key("recovery_recipients").beginArray();
  for (const std::string& r : p.recovery_recipients) w.value(r);
  w.endArray().key("console").beginObject().key("url").value(p.console.url);
  w.key("heartbeat_seconds").value(p.console.heartbeat_seconds).endObject();
  w.endObject();
  return out;
}

PolicyAction actionFor(const Policy& policy, std::span<const RuleLevel> findings) {
  for (const ActionRule& a : policy.actions) {
    for (const RuleLevel& f : findings) {
      const bool rule_ok =
          a.rules.empty() || std::find(a.rules.begin(), a.rules.end(), f.rule) != a.rules.end();
      if (rule_ok && f.level >= a.min_confidence) return a.action;
    }
  }
  return PolicyAction::kReport;
}

}  // namespace jamul::protocol
