// SPDX-License-Identifier: Apache-2.0
#pragma once

// Honest skips (issue 14). A test that cannot run here must not read as a pass:
//   - JAMUL_SKIP(why) ends the test case and prints "JAMUL-SKIPPED: <why>", which CTest turns into
//     a skip of the suite (SKIP_REGULAR_EXPRESSION, cmake/JamulTesting.cmake) instead of a pass.
//     For what a machine may lack that CI may lack too: an unprivileged user, mount namespaces.
//   - JAMUL_SKIP_WITHOUT_DATA(why) does the same when test data is missing (../shared/corpus),
//     except where the environment says the data is there (JAMUL_REQUIRE_TEST_DATA=1, which
//     scripts/test.sh sets, since CI always has ../shared): then the test fails.
//
// Both return from the enclosing test function: use them in a BOOST_AUTO_TEST_CASE body.

#include <boost/test/unit_test.hpp>

namespace jamul::test {

// Whether missing test data is a failure here (JAMUL_REQUIRE_TEST_DATA=1).
bool testDataRequired();

}  // namespace jamul::test

#define JAMUL_SKIP(why)                              \
  do {                                               \
    BOOST_TEST_MESSAGE("JAMUL-SKIPPED: " << (why));  \
    return;                                          \
  } while (false)

#define JAMUL_SKIP_WITHOUT_DATA(why)                                                     \
  do {                                                                                   \
    BOOST_TEST_REQUIRE(!::jamul::test::testDataRequired(),                              \
                       "test data missing where JAMUL_REQUIRE_TEST_DATA says it is: " << (why)); \
    JAMUL_SKIP(why);                                                                     \
  } while (false)
