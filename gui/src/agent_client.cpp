// SPDX-License-Identifier: Apache-2.0
#include "agent_client.h"

#include <QtGlobal>
#include <algorithm>
#include <utility>

namespace jamul::gui {

using protocol::JsonValue;
using protocol::LocalMessage;
using protocol::LocalOp;

AgentClient::AgentClient(QString socket_path, QObject* parent)
    : QObject(parent), socket_path_(std::move(socket_path)), requests_(this), events_(this) {
  retry_.setSingleShot(true);
  connect(&retry_, &QTimer::timeout, this, &AgentClient::connectNow);
  connect(&requests_, &LineChannel::opened, this, &AgentClient::onChannelOpened);
  connect(&events_, &LineChannel::opened, this, &AgentClient::onChannelOpened);
  connect(&requests_, &LineChannel::closed, this, &AgentClient::onChannelClosed);
  connect(&events_, &LineChannel::closed, this, &AgentClient::onChannelClosed);
  connect(&requests_, &LineChannel::lineReceived, this, &AgentClient::onRequestLine);
  connect(&events_, &LineChannel::lineReceived, this, &AgentClient::onEventLine);
}

AgentClient::~AgentClient() {
  running_ = false;
  QObject::disconnect(&requests_, nullptr, this, nullptr);
  QObject::disconnect(&events_, nullptr, this, nullptr);
  pending_.clear();
}

QString AgentClient::defaultSocketPath() {
  const QString env = qEnvironmentVariable("JAMUL_AGENT_SOCKET");
  return env.isEmpty() ? QStringLiteral("/run/jamul/agent.sock") : env;
}

void AgentClient::start() {
  running_ = true;
  retry_ms_ = kFirstRetryMs;
  connectNow();
}

void AgentClient::stop() {
  running_ = false;
  retry_.stop();
  requests_.close();
  events_.close();
  failAllPending(QStringLiteral("the client stopped"));
  setConnected(false);
}

void AgentClient::connectNow() {
  if (!running_) return;
  subscribed_ = false;
  greeted_ = false;
  if (!requests_.isOpen()) requests_.open(socket_path_);
  if (!events_.isOpen()) events_.open(socket_path_);
}

void AgentClient::onChannelOpened() {
  if (events_.isOpen() && !subscribed_ && subscribe_id_ == 0)
    subscribe_id_ = sendOn(events_, LocalOp::kSubscribe, JsonValue::object({}));
  if (requests_.isOpen() && !greeted_ && hello_id_ == 0) {
    // `hello` goes through call() so that its reply is matched in order with the others.
    hello_id_ = next_id_;
    call(LocalOp::kHello, JsonValue::object({}), [this](const Result<JsonValue>& r) {
      hello_id_ = 0;
      if (!r) return;  // the connection dropped: onChannelClosed() retries
      if (const JsonValue* u = r->find("user"); u && u->isString())
        user_ = QString::fromStdString(u->asString());
      if (const JsonValue* a = r->find("agent"); a && a->isString())
        agent_version_ = QString::fromStdString(a->asString());
      greeted_ = true;
      setConnected(greeted_ && subscribed_);
    });
  }
}

void AgentClient::onChannelClosed() {
  // Either connection failing means the agent is gone (or going): drop both, fail what waits,
  // and try again later.
  requests_.close();
  events_.close();
  subscribe_id_ = 0;
  hello_id_ = 0;
  subscribed_ = false;
  greeted_ = false;
  failAllPending(QStringLiteral("the connection to the agent was lost"));
  setConnected(false);
  if (running_ && !retry_.isActive()) {
    retry_.start(retry_ms_);
    retry_ms_ = std::min(retry_ms_ * 2, kMaxRetryMs);
  }
}

void AgentClient::call(LocalOp op, JsonValue args, Reply done) {
  if (!requests_.isOpen()) {
    QTimer::singleShot(0, this, [done = std::move(done)] {
      done(Error(ErrorCode::kUnavailable, "the agent is not reachable"));
    });
    return;
  }
  const std::int64_t id = sendOn(requests_, op, std::move(args));
  pending_.push_back({id, std::move(done)});
}

std::int64_t AgentClient::sendOn(LineChannel& channel, LocalOp op, JsonValue args) {
  protocol::LocalRequest request;
  request.id = next_id_++;
  request.op = op;
  request.args = std::move(args);
  channel.send(QByteArray::fromStdString(protocol::encodeLocalRequest(request)));
  return request.id;
}

void AgentClient::onRequestLine(const QByteArray& line) {
  auto message = protocol::parseLocalMessage(std::string_view(line.constData(), line.size()));
  if (!message) {
    onChannelClosed();  // not the agent speaking, or a version we do not know: start over
    return;
  }
  if (message->kind == LocalMessage::Kind::kEvent) return;  // not subscribed here
  // Replies come in request order. An error with id 0 is the agent's answer to a request it
  // could not read far enough to learn its id (an op this agent version does not know): it answers
  // the oldest request too. Anything else out of order is a broken stream.
  const bool unread = message->id == 0 && !message->ok;
  if (pending_.empty() || (pending_.front().id != message->id && !unread)) {
    onChannelClosed();
    return;
  }
  Pending pending = std::move(pending_.front());
  pending_.pop_front();
  if (message->ok)
    pending.done(std::move(message->result));
  else
    pending.done(protocol::errorOf(*message));
}

void AgentClient::onEventLine(const QByteArray& line) {
  auto message = protocol::parseLocalMessage(std::string_view(line.constData(), line.size()));
  if (!message) {
    onChannelClosed();
    return;
  }
  if (message->kind == LocalMessage::Kind::kReply) {
    if (message->id == subscribe_id_) {
      subscribe_id_ = 0;
      subscribed_ = message->ok;
      if (!message->ok) {
        onChannelClosed();
        return;
      }
      retry_ms_ = kFirstRetryMs;
      setConnected(greeted_ && subscribed_);
    }
    return;
  }
  emit eventReceived(QString::fromStdString(message->event), message->data);
}

void AgentClient::setConnected(bool connected) {
  if (connected) retry_ms_ = kFirstRetryMs;
  if (connected == connected_) return;
  connected_ = connected;
  emit connectedChanged(connected);
}

void AgentClient::failAllPending(const QString& why) {
  std::deque<Pending> failed;
  failed.swap(pending_);
  for (Pending& p : failed) p.done(Error(ErrorCode::kUnavailable, why.toStdString()));
}

}  // namespace jamul::gui
