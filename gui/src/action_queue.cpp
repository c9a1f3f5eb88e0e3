// SPDX-License-Identifier: Apache-2.0
#include "action_queue.h"

namespace jamul::gui {

using protocol::JsonValue;
using protocol::LocalOp;

ActionQueue::ActionQueue(AgentClient* client, QObject* parent) : QObject(parent), client_(client) {}

bool ActionQueue::start(ActionKind kind, const QStringList& files, const QString& reason, int days) {
  if (running_) return false;
  kind_ = kind;
  files_ = files;
  reason_ = reason;
  days_ = days;
  index_ = 0;
  cancel_ = false;
  running_ = true;
  outcomes_.clear();
  emit progress(0, static_cast<int>(files_.size()));
  next();
  return true;
}

void ActionQueue::cancel() { cancel_ = true; }

void ActionQueue::next() {
  if (index_ >= files_.size() || cancel_) {
    running_ = false;
    emit finished(outcomes_, cancel_ && index_ < files_.size());
    return;
  }
  const QString file = files_[index_];
  LocalOp op = LocalOp::kEncrypt;
  JsonValue args;
  if (kind_ == ActionKind::kException) {
    op = LocalOp::kException;
    args = JsonValue::object({{"file", JsonValue::string(file.toStdString())},
                              {"reason", JsonValue::string(reason_.toStdString())},
                              {"days", JsonValue::integer(days_)}});
  } else {
    op = kind_ == ActionKind::kEncrypt   ? LocalOp::kEncrypt
         : kind_ == ActionKind::kDecrypt ? LocalOp::kDecrypt
                                         : LocalOp::kShred;
    args = JsonValue::object(
        {{"files", JsonValue::array({JsonValue::string(file.toStdString())})}});
  }
  client_->call(op, std::move(args), [this, file](const Result<JsonValue>& reply) {
    ActionOutcome outcome;
    outcome.file = file;
    if (!reply) {
      outcome.error = reply.error().code();
    } else if (kind_ == ActionKind::kException) {
      const JsonValue* id = reply->find("id");
      outcome.ok = true;
      outcome.result_path = id && id->isInteger() ? QString::number(id->asInteger()) : QString();
    } else {
      // {"results":[{"file","ok","path"|"error":{"code",...}}]}: one result, ours.
      const JsonValue* results = reply->find("results");
      const JsonValue* r = results && results->isArray() && !results->asArray().empty()
                               ? &results->asArray().front()
                               : nullptr;
      const JsonValue* ok = r ? r->find("ok") : nullptr;
      outcome.ok = ok && ok->isBool() && ok->asBool();
      if (outcome.ok) {
        if (const JsonValue* p = r->find("path"); p && p->isString())
          outcome.result_path = QString::fromStdString(p->asString());
      } else {
        outcome.error = ErrorCode::kInternal;
        if (const JsonValue* e = r ? r->find("error") : nullptr; e && e->isObject())
          if (const JsonValue* code = e->find("code"); code && code->isString())
            outcome.error = errorCodeFromName(code->asString()).value_or(ErrorCode::kInternal);
      }
    }
    outcomes_ << outcome;
    ++index_;
    emit progress(index_, static_cast<int>(files_.size()));
    next();
  });
}

}  // namespace jamul::gui
