// SPDX-License-Identifier: Apache-2.0
// Backoff (issue 17): delays grow from 1 s to a 5 min cap, each with jitter in [base/2, base],
// and start over after a success.
#include "service/console/backoff.h"

#include <boost/test/unit_test.hpp>
#include <set>

namespace jamul::agent {

using namespace std::chrono_literals;

BOOST_AUTO_TEST_SUITE(backoff)

BOOST_AUTO_TEST_CASE(delays_double_within_bounds_with_jitter) {
  Backoff b(1s, 5min, 42);
  std::int64_t base = 1000;
  for (int i = 0; i < 20; ++i) {
    const auto d = b.next().count();
    BOOST_TEST(d >= base / 2);
    BOOST_TEST(d <= base);
    base = std::min<std::int64_t>(base * 2, 300'000);
  }
  // At the cap: never more than 5 minutes, never less than half of it.
  for (int i = 0; i < 100; ++i) {
    const auto d = b.next();
    BOOST_TEST(d <= 5min);
    BOOST_TEST(d >= 150s);
  }
  b.reset();
  BOOST_TEST(b.next() <= 1s);
}

BOOST_AUTO_TEST_CASE(agents_do_not_come_back_in_lock_step) {
  std::set<std::int64_t> firsts;
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    Backoff b(1s, 5min, seed);
    for (int i = 0; i < 8; ++i) (void)b.next();
    firsts.insert(b.next().count());
  }
  BOOST_TEST(firsts.size() > 40u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace jamul::agent
