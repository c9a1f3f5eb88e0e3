// SPDX-License-Identifier: Apache-2.0
// The Boost.Test entry point shared by every test executable (one per module).
#define BOOST_TEST_MODULE jamul
#include <boost/test/unit_test.hpp>
