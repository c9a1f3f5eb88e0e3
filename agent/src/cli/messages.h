// SPDX-License-Identifier: Apache-2.0
#pragma once

// What every command prints when something goes wrong, and how it stops on Ctrl-C.
//
// Messages go to standard error as "jamul COMMAND: ...", made printable (printableText()): a file
// name can hold terminal escapes, and a name is in most messages. A message about one file of
// many names that file first, as the user gave it.
//
// Interrupts: catchInterrupts() makes SIGINT and SIGTERM set a flag instead of ending the process;
// commands finish the file in hand (a scan its files in flight, an encryption its current file,
// which is never left half-done either way) and stop with exit status 130.
//
// Thread-safety: the printers may be called from any thread; catchInterrupts() from main's.

#include <atomic>
#include <string_view>

#include "jamul/common/error.h"

namespace jamul::cli {

// Prints "jamul COMMAND: <error>" and returns 2 (the exit status of a failed command).
int fail(std::string_view command, const Error& error);
// Prints "jamul COMMAND: <text>".
void say(std::string_view command, std::string_view text);
// Prints "jamul COMMAND: FILE: <message>", with the error's subject in parentheses when it names
// something else than FILE (a temporary file, a target that is in the way).
void fileFailed(std::string_view command, std::string_view file, const Error& error);

void catchInterrupts();
const std::atomic<bool>& interrupted();
// The exit status of a command stopped by an interrupt.
inline constexpr int kInterruptedExit = 130;

}  // namespace jamul::cli
