// SPDX-License-Identifier: Apache-2.0
#include "cli/options.h"

namespace jamul::console {
namespace {

Error usage(const std::string& message) { return Error(ErrorCode::kInvalidArgument, message); }

bool parseNumber(const std::string& text, std::int64_t min, std::int64_t max, std::int64_t& out) {
  if (text.empty() || text.size() > 12) return false;
  std::int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v < min || v > max) return false;
  out = v;
  return true;
}

}  // namespace

std::string usageText() {
  return "usage: jamul-console --data-dir DIR [--listen HOST:PORT] [--cert FILE --key FILE]\n"
         "                     [--database postgresql://USER@HOST:PORT/DB] [--threads N]\n"
         "       jamul-console admin --data-dir DIR VERB\n"
         "verbs: enroll-secret | agents [--json] | findings --json | policy set FILE [--group G]\n"
         "       | revoke ID | exceptions [--json] [--state S] | approve ID [--days N] | deny ID\n"
         "       | export --csv | fingerprint | passwd USER\n";
}

Status parseListen(const std::string& text, std::string& host, std::uint16_t& port) {
  std::string port_text;
  if (!text.empty() && text[0] == '[') {
    const auto close = text.find("]:");
    if (close == std::string::npos) return usage("--listen: expected [V6ADDRESS]:PORT");
    host = text.substr(1, close - 1);
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return usage("--listen: expected HOST:PORT");
    host = text.substr(0, colon);
    port_text = text.substr(colon + 1);
  }
  std::int64_t n = 0;
  if (!parseNumber(port_text, 0, 65535, n)) return usage("--listen: the port must be 0-65535");
  port = static_cast<std::uint16_t>(n);
  return okStatus();
}

Result<CommandLine> parseCommandLine(const std::vector<std::string>& args) {
  CommandLine cl;
  std::size_t i = 0;
  if (!args.empty() && args[0] == "admin") {
    cl.mode = CommandLine::Mode::kAdmin;
    i = 1;
  }
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* flag) -> Result<std::string> {
      if (i + 1 >= args.size()) return usage(std::string(flag) + " needs a value");
      return args[++i];
    };
    if (a == "--help" || a == "-h") {
      cl.mode = CommandLine::Mode::kHelp;
      return cl;
    }
    if (a == "--version") {
      cl.mode = CommandLine::Mode::kVersion;
      return cl;
    }
    if (a == "--data-dir") {
      JAMUL_ASSIGN_OR_RETURN(cl.data_dir, value("--data-dir"));
    } else if (cl.mode == CommandLine::Mode::kAdmin) {
      cl.admin_args.push_back(a);  // the verb's own arguments
    } else if (a == "--listen") {
      JAMUL_ASSIGN_OR_RETURN(std::string listen, value("--listen"));
      JAMUL_RETURN_IF_ERROR(parseListen(listen, cl.listen_host, cl.listen_port));
    } else if (a == "--cert") {
      JAMUL_ASSIGN_OR_RETURN(cl.cert_file, value("--cert"));
    } else if (a == "--key") {
      JAMUL_ASSIGN_OR_RETURN(cl.key_file, value("--key"));
    } else if (a == "--database") {
      JAMUL_ASSIGN_OR_RETURN(cl.database_url, value("--database"));
    } else if (a == "--threads") {
      JAMUL_ASSIGN_OR_RETURN(std::string t, value("--threads"));
      std::int64_t n = 0;
      if (!parseNumber(t, 4, 4096, n)) return usage("--threads: must be 4-4096");
      cl.threads = static_cast<int>(n);
    } else if (a == "--token-max-age") {
      JAMUL_ASSIGN_OR_RETURN(std::string t, value("--token-max-age"));
      if (!parseNumber(t, 1, 365LL * 86400, cl.token_max_age_seconds)) {
        return usage("--token-max-age: seconds, 1 to a year");
      }
    } else {
      return usage("unknown argument: " + a);
    }
  }
  if (cl.data_dir.empty()) return usage("--data-dir DIR is required");
  if (cl.cert_file.empty() != cl.key_file.empty()) return usage("--cert and --key go together");
  if (cl.mode == CommandLine::Mode::kAdmin && cl.admin_args.empty()) {
    return usage("admin: which verb? (enroll-secret, agents, findings, policy, revoke, ...)");
  }
  return cl;
}

}  // namespace jamul::console
