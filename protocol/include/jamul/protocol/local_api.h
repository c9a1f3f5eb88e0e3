// SPDX-License-Identifier: Apache-2.0
#pragma once

// The local API between jamul-agent and its clients on the same PC (the tray, `jamul agent ...`):
// the messages and their JSON form. docs/local-api.md is the reference; this is the codec only (no
// sockets): the agent's server and the clients share it.
//
// Framing: one message per line, a JSON object followed by '\n', at most kMaxLocalMessageBytes.
//
//   client -> agent  {"v":1,"id":7,"op":"findings","args":{"min_confidence":"medium"}}
//   agent -> client  {"v":1,"id":7,"ok":true,"result":{...}}
//                    {"v":1,"id":7,"ok":false,"error":{"code":"permission_denied",
//                                                      "message":"...","subject":"/home/b/x"}}
//                    {"v":1,"event":"progress","data":{...}}     (after "subscribe")
//
// `v` is kLocalApiVersion: a peer refuses a message of another major version. `id` is the client's
// number for the request, echoed in its reply (events have none). Unknown ops are refused by the
// agent with kUnsupportedFormat; unknown keys in `args` are refused too (a typo must not mean
// "default"). What each op takes and returns is in docs/local-api.md.
//
// Thread-safety: pure functions.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "jamul/common/result.h"
#include "jamul/protocol/json_value.h"
#include "jamul/protocol/versions.h"

namespace jamul::protocol {

inline constexpr std::size_t kMaxLocalMessageBytes = std::size_t{1} << 20;

enum class LocalOp : std::uint8_t {
  kHello,      // -> {agent, api, uid, user}
  kStatus,     // -> state, progress, last scan, governor, volumes, policy version
  kScan,       // {wait?: bool} start a scan now -> {scan: started|running}
  kPause,      // pause scanning (root, or the user at the console: see docs)
  kResume,
  kFindings,   // {min_confidence?, offset?, encrypted?} -> {files: [the caller's files, as
               // `jamul scan --json`; with encrypted, also those Jamul encrypted], total, next?}
  kEncrypt,    // {files: [...]} -> {results: [{file, ok, path | error}]}
  kDecrypt,
  kShred,
  kException,  // {file, reason, days} -> {id}: kept until a console takes it
  kAnswer,     // {question, decision}: the answer to a `notify` question
  kSubscribe,  // events on this connection from now on: progress, found, question, state
  kHistory,    // {since_ms?, limit?, before?} -> {actions: [the caller's ended actions], next?}
  kExceptions,  // -> {exceptions: [the caller's exception requests]}
  kRules,      // -> {rules: [{id, title, title_ko, validation}]}: the detection rules
  kEnroll,     // root: {url, secret, ca_pem?, department?} -> {agent_id, certificate_sha256}
  kSync,       // root: heartbeat, policy and outbox now -> the status's console object
};
std::string_view localOpName(LocalOp op);
std::optional<LocalOp> localOpFromName(std::string_view name);

struct LocalRequest {
  std::int64_t id = 0;
  LocalOp op = LocalOp::kHello;
  JsonValue args = JsonValue::object({});  // always an object
};

// What the agent sends: a reply to request `id`, or an event.
struct LocalMessage {
  enum class Kind : std::uint8_t { kReply, kEvent };
  Kind kind = Kind::kReply;
  std::int64_t id = 0;                     // kReply
  bool ok = false;                         // kReply
  JsonValue result;                        // kReply, ok
  ErrorCode error_code = ErrorCode::kInternal;  // kReply, !ok
  std::string error_message;               // kReply, !ok
  std::string error_subject;               // kReply, !ok (a path, usually)
  std::string event;                       // kEvent: "progress", "found", "question", "state"
  JsonValue data;                          // kEvent
};

// A request line (without its '\n'). kInvalidArgument (not a request; names the key), kTooLarge,
// kUnsupportedFormat (another API version, or an op this version does not know).
Result<LocalRequest> parseLocalRequest(std::string_view line);
// The request as a line, with its '\n'.
std::string encodeLocalRequest(const LocalRequest& request);

// Replies and events as lines, with their '\n'. An error's message and subject never hold a
// personal-data value (Error's contract).
std::string encodeReply(std::int64_t id, const JsonValue& result);
std::string encodeErrorReply(std::int64_t id, const Error& error);
std::string encodeEvent(std::string_view event, const JsonValue& data);
// A line from the agent. Errors as parseLocalRequest().
Result<LocalMessage> parseLocalMessage(std::string_view line);

// The Error a failed reply stands for.
Error errorOf(const LocalMessage& reply);

}  // namespace jamul::protocol
