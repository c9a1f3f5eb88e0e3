// SPDX-License-Identifier: Apache-2.0
#pragma once

// Error: the one error type that crosses Jamul's module APIs (see result.h for Result<T>).
//
// An Error carries a small stable code that callers branch on, an English message for logs, and a
// subject (usually a path) so that a GUI can build a translated sentence around it.
//
// Contract: a message never contains a personal-data value found in a document (DESIGN.md §1.2).
// Messages describe what failed ("open failed: Permission denied"), never what was read.
//
// Thread-safety: a value type; safe to copy and move between threads.

#include <optional>
#include <string>
#include <string_view>

namespace jamul {

// Add a code only when some caller must branch on it; otherwise use the closest one and say more in
// the message.
enum class ErrorCode {
  kInvalidArgument,    // the caller passed something malformed (a flag, a glob, a config value)
  kNotFound,           // the file or object does not exist (anymore)
  kPermissionDenied,   // the OS refused access
  kIo,                 // a read/write/fsync failed, or the disk is full
  kUnsupportedFormat,  // we cannot read this kind of input
  kCorrupt,            // the input claims a format but breaks it
  kWrongKey,           // a key or passphrase does not open the input
  kCancelled,          // the operation was stopped on request
  kUnavailable,        // a service or resource is not there right now (try again later)
  kTooLarge,           // the input exceeds a configured limit
  kInternal,           // a bug or an invariant the OS broke; look at the logs
};

// Returns the stable lower-case name of `code` ("permission_denied"), as used in JSON and the inventory.
std::string_view errorCodeName(ErrorCode code);
// The code named `name` (errorCodeName()'s inverse); nullopt for a name this version does not know.
std::optional<ErrorCode> errorCodeFromName(std::string_view name);

class Error {
 public:
  Error(ErrorCode code, std::string message, std::string subject = {})
      : code_(code), message_(std::move(message)), subject_(std::move(subject)) {}

  ErrorCode code() const { return code_; }
  // English, for logs and the CLI. Never holds a PII value.
  const std::string& message() const { return message_; }
  // What the error is about, usually a path; may be empty.
  const std::string& subject() const { return subject_; }

  // "subject: message", or just the message when there is no subject.
  std::string toString() const;

 private:
  ErrorCode code_;
  std::string message_;
  std::string subject_;
};

// Maps an errno value to an Error: ENOENT -> kNotFound, EACCES/EPERM -> kPermissionDenied,
// ENOSPC/EIO/... -> kIo. The message is "<what>: <strerror(err)>".
Error errorFromErrno(int err, std::string_view what, std::string_view subject = {});

}  // namespace jamul
