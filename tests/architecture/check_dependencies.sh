#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks the module dependency rules of STYLE.md that the build cannot enforce by itself:
#   common <- {scanner, crypto, protocol} <- {agent, gui, console}; scanner and crypto never include
#   each other; third-party headers only where they belong.
# Usage: check_dependencies.sh SOURCE_DIR. Prints every violation; exits 1 if there is any.
set -uo pipefail
src=${1:?usage: check_dependencies.sh SOURCE_DIR}
cd "$src" || exit 2
status=0

# forbid DIR REGEX WHY: no file under DIR may include a header matching REGEX.
forbid() {
  local dir=$1 regex=$2 why=$3
  [ -d "$dir" ] || return 0
  local hits
  hits=$(grep -rnE "^[[:space:]]*#[[:space:]]*include[[:space:]]*[<\"]($regex)" "$dir" \
         --include='*.h' --include='*.cpp' --include='*.inc' || true)
  if [ -n "$hits" ]; then
    echo "dependency rule broken ($why):"
    echo "$hits" | sed 's/^/  /'
    status=1
  fi
}

forbid common     'jamul/(scanner|crypto|protocol|agent|gui|console)/|re2/|sodium|sqlite3|Poco/|Q[A-Z]|unicode/' "common depends on nothing"
forbid scanner    'jamul/(crypto|agent|gui|console)/|sodium|sqlite3|Q[A-Z]'        "scanner must not see crypto, agent, GUI"
forbid crypto     'jamul/(scanner|agent|gui|console)/|re2/|sqlite3|unicode/|Poco/|Q[A-Z]' "crypto must not see scanner"
forbid protocol   'jamul/(scanner|crypto|agent|gui|console)/|re2/|sodium|sqlite3|unicode/' "protocol is data only"
forbid gui        'jamul/(scanner|crypto|agent|console)/|re2/|sodium|sqlite3'     "the GUI links only protocol and common"
forbid console    'jamul/(scanner|agent|gui)/|re2/|sodium'                        "the console uses protocol, crypto and common only"
# Third-party headers stay private to the unit that uses them.
for dir in scanner/include scanner/src/walk scanner/src/scan scanner/src/decode scanner/src/platform; do
  forbid "$dir" 're2/' "RE2 only in scanner/src/detect"
done
for dir in scanner/include scanner/src/detect scanner/src/walk scanner/src/scan scanner/src/platform; do
  forbid "$dir" 'unicode/' "ICU only in scanner/src/decode"
done
# Document libraries (issue 3) stay inside their extractor family's folder.
for dir in scanner/include scanner/src/detect scanner/src/walk scanner/src/scan scanner/src/decode scanner/src/platform; do
  forbid "$dir" 'archive\.h|archive_entry\.h|expat|poppler|zlib\.h|tesseract|leptonica' "document libraries only in scanner/src/extract/<family>"
done
forbid scanner/src/extract 're2/|unicode/' "extractors decode through scanner/src/decode and never detect"
forbid crypto/include 'sodium' "libsodium only in crypto/src"
forbid agent 'sodium|re2/|unicode/' "the agent uses crypto and scanner through their APIs"
for dir in agent/src/cli agent/include; do
  forbid "$dir" 'sqlite3' "SQLite only in agent/src/inventory"
done
# The agent's own folders (issue 14): the CLI uses the agent library through its public headers;
# public headers include only public headers; the OS seam depends on nothing above it; the
# inventory knows nothing of the in-place protocol; only platform/ talks to the OS.
forbid agent/src/cli 'inventory/|protect/|quarantine/|platform/' "the CLI uses the agent through agent/include"
forbid agent/include 'inventory/|protect/|quarantine/|platform/|cli/' "public headers include only public headers"
forbid agent/src/platform 'inventory/|protect/|quarantine/|cli/|jamul/agent/(inventory|file_protector|parse_journal)' "the OS seam depends on nothing above it"
forbid agent/src/inventory 'protect/|quarantine/|cli/' "the inventory knows nothing of the protocol or the CLI"
forbid agent/src/quarantine 'protect/|inventory/|cli/' "the parse journal stands alone"
forbid agent/src/protect 'cli/|quarantine/' "the protocol knows nothing of the CLI"
# The service (issue 15): only it uses Poco; the CLI and the library never reach into it, and it
# never into the CLI; the scan job and the client stand below both.
forbid agent/src/cli 'service/|Poco/' "the CLI talks to the service through the local API only"
forbid agent/src/service 'cli/' "the service does not use the CLI"
for dir in agent/include agent/src/scan agent/src/client agent/src/inventory agent/src/protect agent/src/quarantine agent/src/platform; do
  forbid "$dir" 'service/|Poco/' "Poco and the service's units stay in agent/src/service"
done
forbid agent/src/scan 'protect/|cli/|quarantine/' "the scan job records; it does not act on files"
for dir in agent/src/inventory agent/src/protect agent/src/quarantine; do
  forbid "$dir" 'fcntl\.h|unistd\.h|dirent\.h|sys/(file|stat|statvfs|random)\.h' "OS calls go through platform/env.h"
done

[ $status -eq 0 ] && echo "dependency rules hold"
exit $status
