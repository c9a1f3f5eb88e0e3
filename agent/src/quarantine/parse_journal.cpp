// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/parse_journal.h"

#include <algorithm>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "jamul/common/base64.h"
#include "platform/env.h"

namespace jamul::agent {
namespace {

// Emptied (when nothing is in flight) once it grows past this.
constexpr std::uint64_t kCompactBytes = std::uint64_t{1} << 20;
// A journal bigger than this is not ours to read (it would be compacted long before).
constexpr std::uint64_t kMaxJournalBytes = std::uint64_t{64} << 20;

std::optional<ValueDigest> fromHex(std::string_view text) {
  ValueDigest d{};
  if (text.size() != d.size() * 2) return std::nullopt;
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < d.size(); ++i) {
    const int hi = nibble(text[2 * i]);
    const int lo = nibble(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    d[i] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return d;
}

struct DigestHash {
  std::size_t operator()(const ValueDigest& d) const {
    std::size_t h = 0;
    std::copy_n(d.begin(), sizeof h, reinterpret_cast<std::uint8_t*>(&h));  // already uniform
    return h;
  }
};

// The starts without ends in one journal's text. Damaged lines (a torn last write) are ignored.
void unfinishedIn(std::string_view text, std::vector<UnfinishedParse>& out) {
  std::vector<UnfinishedParse> open;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) break;  // a torn last line: its write never completed
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl + 1);
    if (line.size() < 2 || line[1] != ' ') continue;
    const char kind = line[0];
    line.remove_prefix(2);
    const auto digest = fromHex(line.substr(0, line.find(' ')));
    if (!digest) continue;
    if (kind == 'E') {
      const auto it = std::find_if(open.begin(), open.end(),
                                   [&](const UnfinishedParse& p) { return p.content == *digest; });
      if (it != open.end()) open.erase(it);
      continue;
    }
    if (kind != 'B') continue;
    // "B <hex> <format> <base64 path>"
    const auto first = line.find(' ');
    const auto second = first == std::string_view::npos ? first : line.find(' ', first + 1);
    if (second == std::string_view::npos) continue;
    auto path = base64::decode(line.substr(second + 1));
    if (!path) continue;
    open.push_back({*digest, std::move(*path), std::string(line.substr(first + 1, second - first - 1))});
  }
  for (UnfinishedParse& p : open) out.push_back(std::move(p));
}

struct InFlight {
  ValueDigest content{};
  std::string path;
  std::string format;
  std::chrono::steady_clock::time_point started;
};

}  // namespace

struct ParseJournal::Impl {
  Env& env;
  std::string path;
  FileLock lock;  // held while the process lives: the journal is not a dead process's
  Fd fd;          // appends
  std::unordered_set<ValueDigest, DigestHash> quarantined;

  std::mutex mutex;  // guards everything below, and the order of writes to fd
  std::vector<InFlight> in_flight;
  std::uint64_t written = 0;
  bool write_failed = false;

  std::condition_variable stop_watch;
  bool stopping = false;
  std::thread watchdog;

  explicit Impl(Env& e) : env(e) {}

  void append(const std::string& line) {
    // One write per line (append mode): a line is never interleaved with another process's, and a
    // torn line can only be the last. A failed write (disk full) only weakens the quarantine; the
    // scan goes on.
    if (writeAll(env, fd.get(), line, path))
      written += line.size();
    else
      write_failed = true;
  }
};

namespace {

// The starts without ends of the journal at `path`, read through a descriptor of its own.
void harvest(Env& env, const std::string& path, std::vector<UnfinishedParse>& unfinished) {
  auto file = env.openFile(path, OpenMode::kRead);
  if (!file) return;
  if (auto text = readAll(env, file->get(), path, kMaxJournalBytes))
    unfinishedIn(*text, unfinished);
}

}  // namespace

Result<std::unique_ptr<ParseJournal>> ParseJournal::open(const std::string& base,
                                                        std::vector<UnfinishedParse>& unfinished) {
  Env& env = Env::system();
  const std::string dir = folderOf(base);
  const std::string prefix = nameOf(base) + ".parsing.";
  const std::string own_name = prefix + std::to_string(env.processId());
  if (auto names = env.listFolder(dir)) {
    for (const std::string& name : *names) {
      if (!name.starts_with(prefix) || name == own_name) continue;
      const std::string path = dir + "/" + name;
      // Held by a live process: its parses are still running, not crashed.
      auto held = env.lockFile(path, nullptr);
      if (!held) continue;
      harvest(env, path, unfinished);
      (void)env.remove(path);
    }
  }
  auto impl = std::make_unique<Impl>(env);
  impl->path = dir + "/" + own_name;
  // A journal left by a dead process that had our pid was skipped by name above: it is read here,
  // then emptied for this process.
  JAMUL_ASSIGN_OR_RETURN(impl->lock, env.lockFile(impl->path, nullptr));
  harvest(env, impl->path, unfinished);
  JAMUL_ASSIGN_OR_RETURN(impl->fd, env.openFile(impl->path, OpenMode::kAppend, 0600));
  JAMUL_RETURN_IF_ERROR(env.truncate(impl->fd.get(), 0, impl->path));
  return std::unique_ptr<ParseJournal>(new ParseJournal(std::move(impl)));
}

ParseJournal::ParseJournal(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ParseJournal::~ParseJournal() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->stop_watch.notify_all();
  if (impl_->watchdog.joinable()) impl_->watchdog.join();
  // A clean end: every parse that began has ended (or the scan was abandoned between documents).
  (void)impl_->env.remove(impl_->path);
}

void ParseJournal::setQuarantined(std::vector<ValueDigest> digests) {
  impl_->quarantined = {digests.begin(), digests.end()};
}

bool ParseJournal::quarantined(const ValueDigest& content) const {
  return impl_->quarantined.contains(content);
}

void ParseJournal::parsing(const ValueDigest& content, std::string_view path,
                           std::string_view format) {
  std::string line = "B " + toHex(content) + " " + std::string(format) + " " +
                     base64::encode(path) + "\n";
  std::lock_guard lock(impl_->mutex);
  impl_->append(line);
  impl_->in_flight.push_back(
      {content, std::string(path), std::string(format), std::chrono::steady_clock::now()});
}

void ParseJournal::parsed(const ValueDigest& content) {
  std::lock_guard lock(impl_->mutex);
  auto& flight = impl_->in_flight;
  const auto it = std::find_if(flight.begin(), flight.end(),
                               [&](const InFlight& f) { return f.content == content; });
  if (it != flight.end()) flight.erase(it);
  if (flight.empty() && impl_->written > kCompactBytes) {
    if (impl_->env.truncate(impl_->fd.get(), 0, impl_->path)) impl_->written = 0;
    return;
  }
  impl_->append("E " + toHex(content) + "\n");
}

void ParseJournal::watchForHangs(
    std::chrono::milliseconds limit,
    std::function<void(const UnfinishedParse&, std::chrono::milliseconds)> on_hang) {
  const auto period = std::min<std::chrono::milliseconds>(std::max(limit / 10, std::chrono::milliseconds(1)),
                                                          std::chrono::seconds(1));
  impl_->watchdog = std::thread([this, limit, period, on_hang = std::move(on_hang)] {
    std::unique_lock lock(impl_->mutex);
    while (!impl_->stopping) {
      impl_->stop_watch.wait_for(lock, period);
      if (impl_->stopping) return;
      const auto now = std::chrono::steady_clock::now();
      for (const InFlight& f : impl_->in_flight) {
        const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(now - f.started);
        if (elapsed < limit) continue;
        const UnfinishedParse hung{f.content, f.path, f.format};
        lock.unlock();
        on_hang(hung, elapsed);
        return;
      }
    }
  });
}

}  // namespace jamul::agent
