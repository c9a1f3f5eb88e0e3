// SPDX-License-Identifier: Apache-2.0
// AgentClient against the real jamul-agent (started here on a temporary tree): it connects, asks,
// receives the events of a scan, notices the agent going away, fails what was waiting, and comes
// back by itself when the agent does — and it drops a peer that does not speak the protocol.
#include <signal.h>
#include <sys/wait.h>

#include <QElapsedTimer>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "agent_client.h"
#include "file_record.h"

using namespace jamul;
using namespace jamul::gui;
using protocol::JsonValue;
using protocol::LocalOp;

namespace {

// Waits, running the event loop, until `done()` or `ms` pass.
template <typename F>
bool waitFor(F done, int ms) {
  QElapsedTimer t;
  t.start();
  while (!done()) {
    if (t.elapsed() > ms) return false;
    QTest::qWait(20);
  }
  return true;
}

struct Call {
  bool done = false;
  std::optional<Result<JsonValue>> reply;
};

// Makes `op` and waits for its reply.
Result<JsonValue> callAndWait(AgentClient& client, LocalOp op, JsonValue args = JsonValue::object({}),
                              int ms = 30000) {
  auto call = std::make_shared<Call>();
  client.call(op, std::move(args), [call](const Result<JsonValue>& r) {
    call->done = true;
    call->reply = r;
  });
  if (!waitFor([&] { return call->done; }, ms)) return Error(ErrorCode::kCancelled, "no reply in time");
  return *call->reply;
}

// An agent of an older version: it answers hello, subscribe and status, and refuses `rules`, an op
// it does not know, with id 0 (it could not read the request far enough to learn its id).
QByteArray oldAgentAnswer(const QByteArray& line) {
  auto parsed = protocol::parseLocalRequest(std::string_view(line.constData(), line.size() - 1));
  if (!parsed || parsed->op == LocalOp::kRules) {
    return "{\"v\":1,\"id\":0,\"ok\":false,\"error\":{\"code\":\"unsupported_format\","
           "\"message\":\"local API: no operation\"}}\n";
  }
  const QByteArray id = QByteArray::number(static_cast<qlonglong>(parsed->id));
  QByteArray result = "{\"state\":\"idle\"}";
  if (parsed->op == LocalOp::kHello)
    result = "{\"agent\":\"0.0.9\",\"api\":1,\"uid\":1000,\"user\":\"kim\"}";
  else if (parsed->op == LocalOp::kSubscribe)
    result = "{\"subscribed\":true}";
  return "{\"v\":1,\"id\":" + id + ",\"ok\":true,\"result\":" + result + "}\n";
}

}  // namespace

class AgentClientTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QProcess agent_;

  QString socketPath() const { return dir_.filePath(QStringLiteral("agent.sock")); }

  void startAgent() {
    agent_.setProgram(QStringLiteral(JAMUL_AGENT_BINARY));
    agent_.setArguments({QStringLiteral("--foreground"), QStringLiteral("--config"),
                         dir_.filePath(QStringLiteral("agent.json"))});
    agent_.setProcessChannelMode(QProcess::MergedChannels);
    agent_.setStandardOutputFile(dir_.filePath(QStringLiteral("agent.log")), QIODevice::Append);
    agent_.start();
    QVERIFY2(agent_.waitForStarted(10000), "jamul-agent did not start");
  }

  void killAgent() {
    ::kill(static_cast<pid_t>(agent_.processId()), SIGKILL);
    agent_.waitForFinished(10000);
  }

  QByteArray agentLog() const {
    QFile f(dir_.filePath(QStringLiteral("agent.log")));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QDir(dir_.path()).mkpath(QStringLiteral("home/docs"));
    QFile doc(dir_.filePath(QStringLiteral("home/docs/명단.txt")));
    QVERIFY(doc.open(QIODevice::WriteOnly));
    // A synthetic resident registration number with a valid check digit, labelled.
    doc.write("성명: 홍길동\n주민등록번호: 900101-1234568\n");
    doc.close();
    QFile config(dir_.filePath(QStringLiteral("agent.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write(QStringLiteral("{\"data_dir\":\"%1\",\"socket\":\"%2\",\"log\":\"console\",\"policy\":"
                                "{\"roots\":[\"%3\"],\"schedule\":\"manual\",\"governor\":{\"cpu_percent\":100}}}")
                     .arg(dir_.filePath(QStringLiteral("data")), socketPath(), dir_.filePath(QStringLiteral("home")))
                     .toUtf8());
  }

  void cleanupTestCase() {
    if (agent_.state() != QProcess::NotRunning) {
      agent_.terminate();
      agent_.waitForFinished(10000);
    }
  }

  void waitsForTheAgentThenReconnectsByItself() {
    AgentClient client(socketPath());
    QSignalSpy changes(&client, &AgentClient::connectedChanged);
    QSignalSpy events(&client, &AgentClient::eventReceived);
    client.start();

    // No agent yet: not connected, and a call fails at once with kUnavailable.
    QTest::qWait(700);
    QVERIFY(!client.isConnected());
    auto early = callAndWait(client, LocalOp::kStatus, JsonValue::object({}), 2000);
    QVERIFY(!early.ok());
    QCOMPARE(early.error().code(), ErrorCode::kUnavailable);

    // The agent starts: the client finds it without being told.
    startAgent();
    QVERIFY2(waitFor([&] { return client.isConnected(); }, 20000), agentLog().constData());
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.takeFirst().at(0).toBool(), true);
    QVERIFY(!client.userName().isEmpty());
    QVERIFY(!client.agentVersion().isEmpty());

    auto status = callAndWait(client, LocalOp::kStatus);
    QVERIFY(status.ok());
    QVERIFY(status->find("state") != nullptr);

    // A scan: its events arrive on the subscribed connection — progress, state, and `found` for
    // the file with the number.
    auto scan = callAndWait(client, LocalOp::kScan, JsonValue::object({{"wait", JsonValue::boolean(true)}}));
    QVERIFY2(scan.ok(), scan.ok() ? "" : scan.error().message().c_str());
    auto sawEvent = [&](const QString& name, const QString& path = {}) {
      for (const QList<QVariant>& e : events) {
        if (e.at(0).toString() != name) continue;
        if (path.isEmpty()) return true;
        const auto data = e.at(1).value<JsonValue>();
        if (const JsonValue* p = data.find("path"); p && QString::fromStdString(p->asString()) == path) return true;
      }
      return false;
    };
    const QString doc = dir_.filePath(QStringLiteral("home/docs/명단.txt"));
    QVERIFY(waitFor([&] { return sawEvent(QStringLiteral("found"), doc); }, 10000));
    QVERIFY(sawEvent(QStringLiteral("state")));
    QVERIFY(sawEvent(QStringLiteral("progress")));

    auto findings = callAndWait(client, LocalOp::kFindings);
    QVERIFY(findings.ok());
    auto page = parseFindingsPage(*findings);
    QVERIFY(page.ok());
    QCOMPARE(page->files.size(), 1);
    QCOMPARE(page->files[0].path, doc);
    QCOMPARE(page->files[0].counts.value(QStringLiteral("kr_rrn")), 1);
    QCOMPARE(page->files[0].findings[0].masked, QStringLiteral("900101-1******"));

    // The agent dies with a call in flight: the call fails (once), the client says so.
    bool failed = false;
    int replies = 0;
    client.call(LocalOp::kScan, JsonValue::object({{"wait", JsonValue::boolean(true)}}),
                [&](const Result<JsonValue>& r) {
                  ++replies;
                  failed = !r.ok() && r.error().code() == ErrorCode::kUnavailable;
                });
    killAgent();
    QVERIFY(waitFor([&] { return !client.isConnected(); }, 10000));
    QVERIFY(waitFor([&] { return replies > 0; }, 5000));
    QTest::qWait(200);
    QCOMPARE(replies, 1);
    // (A scan of one small file may have ended before the kill: then it succeeded, which is fine;
    // what may never happen is no answer or two.)
    Q_UNUSED(failed);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.takeFirst().at(0).toBool(), false);

    // It comes back: reconnected and subscribed again, events flow again.
    startAgent();
    QVERIFY2(waitFor([&] { return client.isConnected(); }, 20000), agentLog().constData());
    events.clear();
    auto again = callAndWait(client, LocalOp::kScan, JsonValue::object({{"wait", JsonValue::boolean(true)}}));
    QVERIFY(again.ok());
    QVERIFY(waitFor([&] { return sawEvent(QStringLiteral("state")); }, 10000));
    client.stop();
    QVERIFY(!client.isConnected());
  }

  void dropsAPeerThatDoesNotSpeakTheProtocol() {
    // Something else listens on the socket path and answers garbage: the client never counts
    // itself connected, fails its calls, and keeps retrying without piling up connections.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("fake.sock"));
    QLocalServer server;
    QVERIFY(server.listen(path));
    int accepted = 0;
    connect(&server, &QLocalServer::newConnection, this, [&] {
      while (QLocalSocket* s = server.nextPendingConnection()) {
        ++accepted;
        s->write("this is not json\n");
        s->flush();
      }
    });
    AgentClient client(path);
    client.start();
    QVERIFY(waitFor([&] { return accepted >= 4; }, 10000));  // it retried
    QVERIFY(!client.isConnected());
    auto r = callAndWait(client, LocalOp::kStatus, JsonValue::object({}), 5000);
    QVERIFY(!r.ok());
    client.stop();
  }

  void anOpTheAgentDoesNotKnowFailsThatCallOnly() {
    // An older agent answers a request it cannot read (an op it does not know) with id 0: that
    // call fails with the agent's error, and the connection, and the next call, carry on.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sock"));
    QLocalServer server;
    QVERIFY(server.listen(path));
    connect(&server, &QLocalServer::newConnection, this, [&] {
      while (QLocalSocket* s = server.nextPendingConnection()) {
        connect(s, &QLocalSocket::readyRead, s, [s] {
          while (s->canReadLine()) s->write(oldAgentAnswer(s->readLine()));
        });
      }
    });
    AgentClient client(path);
    client.start();
    QVERIFY(waitFor([&] { return client.isConnected(); }, 5000));
    QCOMPARE(client.userName(), QStringLiteral("kim"));
    auto rules = callAndWait(client, LocalOp::kRules, JsonValue::object({}), 5000);
    QVERIFY(!rules.ok());
    QCOMPARE(rules.error().code(), ErrorCode::kUnsupportedFormat);
    auto status = callAndWait(client, LocalOp::kStatus, JsonValue::object({}), 5000);
    QVERIFY(status.ok());
    QVERIFY(client.isConnected());
    // Destroyed while a call waits (the agent never answers it): no callback, no crash.
    bool called = false;
    {
      AgentClient doomed(path);
      doomed.start();
      QVERIFY(waitFor([&] { return doomed.isConnected(); }, 5000));
      server.close();
      doomed.call(LocalOp::kStatus, JsonValue::object({}), [&](const Result<JsonValue>&) { called = true; });
    }
    QTest::qWait(100);
    QVERIFY(!called);
    client.stop();
  }

  void anEventFromAnotherVersionIsNotTakenForOne() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v2.sock"));
    QLocalServer server;
    QVERIFY(server.listen(path));
    connect(&server, &QLocalServer::newConnection, this, [&] {
      while (QLocalSocket* s = server.nextPendingConnection()) {
        s->write("{\"v\":2,\"event\":\"found\",\"data\":{\"path\":\"/x\"}}\n");
        s->flush();
      }
    });
    AgentClient client(path);
    QSignalSpy events(&client, &AgentClient::eventReceived);
    client.start();
    QTest::qWait(1500);
    QCOMPARE(events.count(), 0);
    QVERIFY(!client.isConnected());
    client.stop();
  }
};

QTEST_MAIN(AgentClientTest)
#include "agent_client_test.moc"
