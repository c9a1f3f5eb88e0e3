// SPDX-License-Identifier: Apache-2.0
#pragma once

// ActionQueue: runs an action the employee chose — encrypt, decrypt, shred, or request an
// exception — on the selected files through the agent, one file per request, so that it can show
// progress and be cancelled between files. Each file's outcome is kept (done, or refused and why);
// one refused file never stops the others.
//
// Thread-safety: GUI thread only.

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include "agent_client.h"

namespace jamul::gui {

enum class ActionKind { kEncrypt, kDecrypt, kShred, kException };

struct ActionOutcome {
  QString file;
  bool ok = false;
  QString result_path;  // what the action gave: name.age, the decrypted name, or the exception id
  std::optional<ErrorCode> error;
};

class ActionQueue : public QObject {
  Q_OBJECT
 public:
  explicit ActionQueue(AgentClient* client, QObject* parent = nullptr);

  // Starts `kind` on `files` (absolute paths). For kException, `reason` and `days` are the
  // request's. Returns false when an action runs already.
  bool start(ActionKind kind, const QStringList& files, const QString& reason = {}, int days = 0);
  // Stops after the file being worked on (its outcome is kept); the rest are not touched.
  void cancel();
  bool isRunning() const { return running_; }
  ActionKind kind() const { return kind_; }

 signals:
  void progress(int done, int total);
  // Every file's outcome, in order; `cancelled` when cancel() stopped it early.
  void finished(const QList<jamul::gui::ActionOutcome>& outcomes, bool cancelled);

 private:
  void next();

  AgentClient* client_;
  ActionKind kind_ = ActionKind::kEncrypt;
  QStringList files_;
  QString reason_;
  int days_ = 0;
  int index_ = 0;
  bool running_ = false;
  bool cancel_ = false;
  QList<ActionOutcome> outcomes_;
};

}  // namespace jamul::gui
