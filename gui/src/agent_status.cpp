// SPDX-License-Identifier: Apache-2.0
#include "agent_status.h"

#include <algorithm>

namespace jamul::gui {

using protocol::JsonValue;

namespace {

qint64 integerOf(const JsonValue* object, std::string_view key, qint64 otherwise = 0) {
  if (!object) return otherwise;
  const JsonValue* v = object->find(key);
  return v && v->isInteger() ? v->asInteger() : otherwise;
}

bool boolOf(const JsonValue* object, std::string_view key) {
  if (!object) return false;
  const JsonValue* v = object->find(key);
  return v && v->isBool() && v->asBool();
}

QString stringOf(const JsonValue* object, std::string_view key) {
  if (!object) return {};
  const JsonValue* v = object->find(key);
  return v && v->isString() ? QString::fromStdString(v->asString()) : QString();
}

}  // namespace

std::optional<int> AgentStatus::percent() const {
  if (!walk_done || bytes_found <= 0) return std::nullopt;
  return static_cast<int>(std::clamp<qint64>(bytes_done * 100 / bytes_found, 0, 100));
}

const VolumeInfo* AgentStatus::volumeOf(const QString& path) const {
  const VolumeInfo* best = nullptr;
  for (const VolumeInfo& v : volumes) {
    if (v.mount_point.isEmpty()) continue;
    const QString prefix = v.mount_point.endsWith(QLatin1Char('/')) ? v.mount_point
                                                                     : v.mount_point + QLatin1Char('/');
    if (!path.startsWith(prefix)) continue;
    if (!best || v.mount_point.size() > best->mount_point.size()) best = &v;
  }
  return best;
}

AgentStatus parseAgentStatus(const JsonValue& result) {
  AgentStatus s;
  s.state = stringOf(&result, "state");
  const JsonValue* scan = result.find("scan");
  s.scanning = scan && scan->isObject();
  s.files_done = integerOf(scan, "files_done");
  s.files_found = integerOf(scan, "files_found");
  s.bytes_done = integerOf(scan, "bytes_done");
  s.bytes_found = integerOf(scan, "bytes_found");
  s.walk_done = boolOf(scan, "walk_done");
  s.files_with_findings = integerOf(&result, "files_with_findings");
  if (const JsonValue* e = result.find("encrypted"); e && e->isInteger()) s.encrypted = e->asInteger();
  s.last_scan_ms = integerOf(&result, "last_scan_ms");
  s.last_scan_error = stringOf(&result, "last_scan_error");
  const JsonValue* governor = result.find("governor");
  s.paused = boolOf(governor, "paused") || s.state == QLatin1String("paused");
  s.paused_by_root = boolOf(governor, "paused_by_root");
  s.on_battery = boolOf(governor, "on_battery");
  s.policy_version = integerOf(result.find("policy"), "version");
  if (const JsonValue* volumes = result.find("volumes"); volumes && volumes->isArray()) {
    for (const JsonValue& v : volumes->asArray()) {
      VolumeInfo info;
      info.key = stringOf(&v, "key");
      info.label = stringOf(&v, "label");
      info.mount_point = stringOf(&v, "mount_point");
      info.removable = boolOf(&v, "removable");
      s.volumes << info;
    }
  }
  return s;
}

TrayState trayStateOf(bool connected, const AgentStatus& status, qint64 unprotected_files) {
  if (!connected) return TrayState::kOffline;
  if (status.scanning && !status.paused) return TrayState::kScanning;
  if (status.paused) return TrayState::kPaused;
  if (unprotected_files > 0) return TrayState::kFound;
  if (status.last_scan_ms <= 0) return TrayState::kUnscanned;
  return TrayState::kClean;
}

}  // namespace jamul::gui
