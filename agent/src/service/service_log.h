// SPDX-License-Identifier: Apache-2.0
#pragma once

// Where the service's units write what the administrator should read: jamul-agent sends it to
// syslog/journald or standard error through Poco (main.cpp); tests keep it. Messages never hold a
// personal-data value (paths, counts and error texts only: Error's contract).
//
// Thread-safety: the sink must be callable from any thread.

#include <functional>
#include <string>
#include <utility>

namespace jamul::agent {

class ServiceLog {
 public:
  enum class Level { kError, kWarning, kNotice, kInformation, kDebug };
  using Sink = std::function<void(Level, const std::string&)>;

  ServiceLog() = default;
  explicit ServiceLog(Sink sink) : sink_(std::move(sink)) {}

  void error(const std::string& text) const { write(Level::kError, text); }
  void warning(const std::string& text) const { write(Level::kWarning, text); }
  void notice(const std::string& text) const { write(Level::kNotice, text); }
  void info(const std::string& text) const { write(Level::kInformation, text); }
  void debug(const std::string& text) const { write(Level::kDebug, text); }

 private:
  void write(Level level, const std::string& text) const {
    if (sink_) sink_(level, text);
  }
  Sink sink_;
};

}  // namespace jamul::agent
