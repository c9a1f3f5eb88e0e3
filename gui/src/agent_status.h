// SPDX-License-Identifier: Apache-2.0
#pragma once

// AgentStatus: the agent's `status` reply (docs/local-api.md) as the tray uses it, and the one
// state the tray icon shows for it.
//
// Thread-safety: value types and pure functions.

#include <QList>
#include <QString>
#include <optional>

#include "jamul/protocol/json_value.h"

namespace jamul::gui {

struct VolumeInfo {
  QString key;
  QString label;
  QString mount_point;
  bool removable = true;
};

struct AgentStatus {
  QString state;  // idle, scanning, paused
  bool scanning = false;
  qint64 files_done = 0;
  qint64 files_found = 0;
  qint64 bytes_done = 0;
  qint64 bytes_found = 0;
  bool walk_done = false;
  qint64 files_with_findings = 0;  // the user's files with personal data at medium or above
  std::optional<qint64> encrypted;  // the user's files Jamul encrypted (newer agents)
  qint64 last_scan_ms = 0;          // the newest complete scan (0: none yet)
  QString last_scan_error;
  bool paused = false;
  bool paused_by_root = false;
  bool on_battery = false;
  qint64 policy_version = 0;
  QList<VolumeInfo> volumes;

  // The scan's progress in percent, once the walk has found everything (nullopt before: the
  // total is not known yet).
  std::optional<int> percent() const;
  // The volume `path` is on (the longest mount point that holds it), or nullptr.
  const VolumeInfo* volumeOf(const QString& path) const;
};

AgentStatus parseAgentStatus(const protocol::JsonValue& result);

// What the tray icon says, in order of precedence.
enum class TrayState {
  kOffline,   // the agent cannot be reached
  kScanning,  // a scan runs (with progress)
  kPaused,    // scanning is paused (by the user, root, or on battery)
  kFound,     // the user has files with unprotected personal data
  kUnscanned, // no scan has completed yet: nothing is known, so nothing is called clean
  kClean,     // nothing unprotected, after a complete scan
};
TrayState trayStateOf(bool connected, const AgentStatus& status, qint64 unprotected_files);

}  // namespace jamul::gui
