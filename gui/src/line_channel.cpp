// SPDX-License-Identifier: Apache-2.0
#include "line_channel.h"

#include "jamul/protocol/local_api.h"

namespace jamul::gui {

LineChannel::LineChannel(QObject* parent) : QObject(parent) {
  connect(&socket_, &QLocalSocket::connected, this, [this] {
    open_ = true;
    emit opened();
  });
  connect(&socket_, &QLocalSocket::readyRead, this, &LineChannel::readLines);
  connect(&socket_, &QLocalSocket::disconnected, this,
          [this] { fail(QStringLiteral("the agent closed the connection")); });
  connect(&socket_, &QLocalSocket::errorOccurred, this,
          [this](QLocalSocket::LocalSocketError) { fail(socket_.errorString()); });
}

LineChannel::~LineChannel() {
  // The socket is destroyed after this body and aborts then: nothing may reach our slots (or
  // the owner's, half destroyed) from it.
  QObject::disconnect(&socket_, nullptr, this, nullptr);
  active_ = false;
}

void LineChannel::open(const QString& socket_path) {
  close();
  active_ = true;
  socket_.connectToServer(socket_path);
}

void LineChannel::close() {
  active_ = false;  // first: abort() below may report a disconnection, which is not news then
  open_ = false;
  buffer_.clear();
  socket_.abort();
}

bool LineChannel::isOpen() const { return open_; }

bool LineChannel::send(const QByteArray& line) {
  if (!open_) return false;
  return socket_.write(line) == line.size();
}

void LineChannel::readLines() {
  buffer_.append(socket_.readAll());
  qsizetype start = 0;
  for (;;) {
    const qsizetype newline = buffer_.indexOf('\n', start);
    if (newline < 0) break;
    const QByteArray line = buffer_.mid(start, newline - start);
    start = newline + 1;
    emit lineReceived(line);
    if (!open_) return;  // a slot closed the channel
  }
  buffer_.remove(0, start);
  // The agent never sends more than a message's limit on one line: a longer one is not the agent.
  if (static_cast<std::size_t>(buffer_.size()) > protocol::kMaxLocalMessageBytes)
    fail(QStringLiteral("a line from the agent exceeds the local API's limit"));
}

void LineChannel::fail(const QString& why) {
  if (!active_) return;  // reported already (abort() and the socket's own error both land here)
  close();
  emit closed(why);
}

}  // namespace jamul::gui
