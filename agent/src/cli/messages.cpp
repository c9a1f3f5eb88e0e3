// SPDX-License-Identifier: Apache-2.0
#include "cli/messages.h"

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/terminal_text.h"

namespace jamul::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int) { g_interrupted.store(true); }

void printLine(std::string_view command, std::string_view text) {
  const std::string line = "jamul " + std::string(command) + ": " + printableText(text) + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

// Whether `subject` is `file` itself, as given or made absolute.
bool sameFile(std::string_view subject, std::string_view file) {
  if (subject == file) return true;
  std::error_code ec;
  const auto abs = std::filesystem::absolute(std::filesystem::path(file), ec);
  return !ec && abs.lexically_normal() == std::filesystem::path(subject).lexically_normal();
}

}  // namespace

int fail(std::string_view command, const Error& error) {
  printLine(command, error.toString());
  return 2;
}

void say(std::string_view command, std::string_view text) { printLine(command, text); }

void fileFailed(std::string_view command, std::string_view file, const Error& error) {
  // An empty name would print as nothing at all: say what it was.
  std::string text = file.empty() ? std::string("\"\" (an empty name)") : std::string(file);
  text += ": " + error.message();
  if (!error.subject().empty() && !sameFile(error.subject(), file))
    text += " (" + error.subject() + ")";
  printLine(command, text);
}

void catchInterrupts() {
  std::signal(SIGINT, onInterrupt);
  std::signal(SIGTERM, onInterrupt);
}

const std::atomic<bool>& interrupted() { return g_interrupted; }

}  // namespace jamul::cli
