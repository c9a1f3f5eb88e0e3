// SPDX-License-Identifier: Apache-2.0
#pragma once

// LineChannel: one connection to the agent's Unix socket with the local API's framing (one JSON
// object per line, at most protocol::kMaxLocalMessageBytes). It only moves lines; AgentClient
// gives them meaning.
//
// Thread-safety: lives on the thread of its QObject parent (the GUI thread).

#include <QByteArray>
#include <QLocalSocket>
#include <QObject>
#include <QString>

namespace jamul::gui {

class LineChannel : public QObject {
  Q_OBJECT
 public:
  explicit LineChannel(QObject* parent = nullptr);
  // Closes the connection without a closed() signal (its owner is going away).
  ~LineChannel() override;

  // Starts connecting to `socket_path`; emits opened() or closed().
  void open(const QString& socket_path);
  void close();
  bool isOpen() const;
  // Sends one line (`line` ends with '\n'). Returns false when the channel is not open.
  bool send(const QByteArray& line);

 signals:
  void opened();
  // The connection ended, or never began (nothing listens, no permission). `why` is for logs.
  void closed(const QString& why);
  // A complete line, without its '\n'.
  void lineReceived(const QByteArray& line);

 private:
  void readLines();
  void fail(const QString& why);

  QLocalSocket socket_;
  QByteArray buffer_;
  bool open_ = false;    // connected
  bool active_ = false;  // connecting or connected: its end is still to be reported
};

}  // namespace jamul::gui
