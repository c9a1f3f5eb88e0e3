# SPDX-License-Identifier: Apache-2.0
# Third-party dependencies, all from Debian 12 packages (scripts/install-deps.sh lists them).
# RE2 and libsodium ship no CMake config on Debian 12: pkg-config it is.

find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(ICU_UC REQUIRED IMPORTED_TARGET icu-uc)
# Poco ships CMake configs: the agent's service frame (Util::ServerApplication) and logging; the
# console's HTTPS server and the agent's HTTPS client (Net, NetSSL, Crypto: OpenSSL underneath);
# the console's storage (Data with its SQLite and PostgreSQL connectors; issue 17).
find_package(Poco REQUIRED COMPONENTS Foundation Util Net NetSSL Crypto Data DataSQLite DataPostgreSQL)
# OpenSSL directly only where Poco has no API: the console's first-start self-signed certificate.
find_package(OpenSSL REQUIRED)
