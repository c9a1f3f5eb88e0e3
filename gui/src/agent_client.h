// SPDX-License-Identifier: Apache-2.0
#pragma once

// AgentClient: the tray's side of the agent's local API (docs/local-api.md), on Qt's event loop.
//
// It keeps two connections: one subscribed to the agent's events, one for requests (the agent
// answers a connection's requests in order, one at a time, so a long action never delays the
// events). When the agent is unreachable — not started yet, restarted by an update, stopped — it
// says so once (connectedChanged(false)) and tries again by itself, every kFirstRetryMs at first,
// backing off to kMaxRetryMs; when both connections are back it subscribes again and says so.
//
// Every call() ends exactly once: with the agent's result, its error, or kUnavailable when the
// connection dropped first (or was down when the call was made) — unless the client is destroyed
// first.
//
// Thread-safety: GUI thread only.

#include <QObject>
#include <QString>
#include <QTimer>
#include <deque>
#include <functional>

#include "jamul/common/result.h"
#include "jamul/protocol/json_value.h"
#include "jamul/protocol/local_api.h"
#include "line_channel.h"

namespace jamul::gui {

class AgentClient : public QObject {
  Q_OBJECT
 public:
  using Reply = std::function<void(const Result<protocol::JsonValue>&)>;

  static constexpr int kFirstRetryMs = 500;
  static constexpr int kMaxRetryMs = 5000;

  explicit AgentClient(QString socket_path, QObject* parent = nullptr);
  // Calls still waiting are dropped, their callbacks not called (they may point into whatever is
  // being destroyed with the client).
  ~AgentClient() override;

  // $JAMUL_AGENT_SOCKET, else /run/jamul/agent.sock (the agent's default).
  static QString defaultSocketPath();

  // Connects (and keeps reconnecting) until stop().
  void start();
  void stop();
  bool isConnected() const { return connected_; }
  QString socketPath() const { return socket_path_; }
  // Who the agent takes us to be (from `hello`), once connected.
  QString userName() const { return user_; }
  QString agentVersion() const { return agent_version_; }

  // Sends `op` with `args` (an object) on the request connection; `done` is called exactly once,
  // later (never from inside call()).
  void call(protocol::LocalOp op, protocol::JsonValue args, Reply done);

 signals:
  void connectedChanged(bool connected);
  // An event of the subscribed connection: progress, state, found, question, volume.
  void eventReceived(const QString& name, const jamul::protocol::JsonValue& data);

 private:
  struct Pending {
    std::int64_t id;
    Reply done;
  };

  void connectNow();
  void onChannelOpened();
  void onChannelClosed();
  void onRequestLine(const QByteArray& line);
  void onEventLine(const QByteArray& line);
  void setConnected(bool connected);
  void failAllPending(const QString& why);
  std::int64_t sendOn(LineChannel& channel, protocol::LocalOp op, protocol::JsonValue args);

  QString socket_path_;
  LineChannel requests_;
  LineChannel events_;
  QTimer retry_;
  int retry_ms_ = kFirstRetryMs;
  bool running_ = false;
  bool connected_ = false;
  bool subscribed_ = false;
  bool greeted_ = false;
  std::int64_t next_id_ = 1;
  std::int64_t subscribe_id_ = 0;
  std::int64_t hello_id_ = 0;
  std::deque<Pending> pending_;
  QString user_;
  QString agent_version_;
};

}  // namespace jamul::gui
