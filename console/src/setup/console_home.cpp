// SPDX-License-Identifier: Apache-2.0
#include "setup/console_home.h"

#include <map>
#include <sstream>

#include "jamul/crypto/credentials.h"
#include "setup/files.h"
#include "setup/tls_certificate.h"

namespace jamul::console {
namespace {

using Conf = std::map<std::string, std::string>;

Conf parseConf(const std::string& text) {
  Conf conf;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    conf[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return conf;
}

std::string formatConf(const Conf& conf) {
  std::string out = "# jamul-console: written by its command line; later runs reuse it\n";
  for (const auto& [key, value] : conf) out += key + "=" + value + "\n";
  return out;
}

Result<Conf> readConf(const std::string& path) {
  if (!fileExists(path)) return Conf{};
  JAMUL_ASSIGN_OR_RETURN(std::string text, readWholeFile(path));
  return parseConf(text);
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

ConsoleHome homeFromConf(const std::string& dir, const Conf& conf) {
  ConsoleHome home;
  home.data_dir = dir;
  auto get = [&](const char* key) {
    auto it = conf.find(key);
    return it == conf.end() ? std::string() : it->second;
  };
  home.database_url = get("database");
  home.cert_file = get("cert");
  home.key_file = get("key");
  if (home.cert_file.empty()) {
    home.cert_file = dir + "/tls/console.crt";
    home.key_file = dir + "/tls/console.key";
  }
  home.sqlite_path = dir + "/console.db";
  home.signing_key_path = dir + "/policy-signing.key";
  return home;
}

Status ensureSecret(ConsoleHome& home) {
  const std::string path = home.data_dir + "/enrollment.secret";
  if (fileExists(path)) {
    JAMUL_ASSIGN_OR_RETURN(std::string secret, readWholeFile(path));
    home.enrollment_secret = trimmed(secret);
    if (home.enrollment_secret.empty()) return Error(ErrorCode::kCorrupt, "empty secret", path);
    return okStatus();
  }
  home.first_start = true;
  home.enrollment_secret = "jes_" + crypto::randomToken(24);
  return writeFileAtomic(path, home.enrollment_secret + "\n", 0600);
}

}  // namespace

Result<ConsoleHome> prepareHome(const HomeOptions& options) {
  if (options.cert_file.empty() != options.key_file.empty()) {
    return Error(ErrorCode::kInvalidArgument, "--cert and --key go together");
  }
  JAMUL_RETURN_IF_ERROR(ensureDirectory(options.data_dir, 0700));
  const std::string conf_path = options.data_dir + "/console.conf";
  JAMUL_ASSIGN_OR_RETURN(Conf conf, readConf(conf_path));
  const Conf before = conf;
  if (!options.database_url.empty()) conf["database"] = options.database_url;
  if (!options.cert_file.empty()) {
    conf["cert"] = options.cert_file;
    conf["key"] = options.key_file;
  }
  if (conf != before || !fileExists(conf_path)) {
    // Mode 0600: a database URL may carry a password.
    JAMUL_RETURN_IF_ERROR(writeFileAtomic(conf_path, formatConf(conf), 0600));
  }
  ConsoleHome home = homeFromConf(options.data_dir, conf);
  if (conf.count("cert") == 0 && !fileExists(home.cert_file)) {
    JAMUL_RETURN_IF_ERROR(ensureDirectory(options.data_dir + "/tls", 0700));
    JAMUL_RETURN_IF_ERROR(createSelfSignedCertificate(home.cert_file, home.key_file));
  }
  JAMUL_ASSIGN_OR_RETURN(home.certificate_sha256, certificateSha256(home.cert_file));
  JAMUL_RETURN_IF_ERROR(ensureSecret(home));
  return home;
}

Result<ConsoleHome> openHome(const std::string& data_dir) {
  if (!fileExists(data_dir + "/enrollment.secret")) {
    return Error(ErrorCode::kNotFound, "no jamul-console data directory (start the server once)",
                 data_dir);
  }
  JAMUL_ASSIGN_OR_RETURN(Conf conf, readConf(data_dir + "/console.conf"));
  ConsoleHome home = homeFromConf(data_dir, conf);
  JAMUL_RETURN_IF_ERROR(ensureSecret(home));
  if (auto sha = certificateSha256(home.cert_file)) home.certificate_sha256 = *sha;
  return home;
}

}  // namespace jamul::console
