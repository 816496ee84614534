// The pool that keeps credited deals' shares: spans that stay where they are as the pool grows.
#include "interpreter/run_engine.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace compplan;
using namespace compplan::run_detail;

namespace {

std::vector<credit_share> shares_of(int first, int count)
{
   std::vector<credit_share> shares(static_cast<std::size_t>(count));
   for (int i = 0; i < count; ++i) {
      shares[static_cast<std::size_t>(i)].person_id = static_cast<std::uint32_t>(first + i);
      shares[static_cast<std::size_t>(i)].before_at = static_cast<std::uint32_t>(7 * (first + i));
   }
   return shares;
}

}  // namespace

TEST_CASE("share_pool: spans keep their shares as the pool grows past blocks", "[run]")
{
   share_pool pool;
   std::vector<std::span<credit_share>> taken;
   int next = 0;
   // 3 shares at a time over more than two blocks of 4,096, then one take larger than a block.
   for (int deal = 0; deal < 3000; ++deal) {
      auto shares = shares_of(next, 3);
      taken.push_back(pool.take(shares));
      next += 3;
   }
   auto many = shares_of(next, 5000);
   taken.push_back(pool.take(many));
   next += 5000;
   auto after = shares_of(next, 2);
   taken.push_back(pool.take(after));

   int expected = 0;
   for (const auto& span : taken) {
      for (const auto& share : span) {
         REQUIRE(share.person_id == static_cast<std::uint32_t>(expected));
         REQUIRE(share.before_at == static_cast<std::uint32_t>(7 * expected));  // the whole share, in place
         ++expected;
      }
   }
   CHECK(expected == next + 2);
   CHECK(taken[2999].size() == 3);
   CHECK(taken[3000].size() == 5000);
   // A take of none is an empty span.
   std::vector<credit_share> none;
   CHECK(pool.take(none).empty());
   // A pool moved elsewhere keeps its blocks where they were.
   const auto* first = taken.front().data();
   share_pool moved = std::move(pool);
   CHECK(taken.front().data() == first);
   CHECK(taken.front()[0].person_id == 0);
}

TEST_CASE("share_pool: a share's credit is given back exactly, from its cell or from the pool's table", "[run]")
{
   std::vector<share_pool> pools(1);
   std::vector<credit_share> shares(4);
   const auto taken = pools.front().take(shares);
   CHECK(taken[0].credit() == decimal{});  // none set yet: zero
   const std::vector<decimal> credits{
      *decimal::parse("1234.56"),                                  // cents: in the cell
      *decimal::parse("-0.01"),                                    // negative
      *decimal::parse("98765432109876543210.25"),                  // too large for the cell
      decimal::from_fraction(1, 3),                                // no decimal form: in the table
   };
   for (std::size_t i = 0; i < credits.size(); ++i) taken[i].set_credit(credits[i], pools.front().large());
   CHECK(pools.front().large().size() == 2);
   // Moving the pool, as the run does when it keeps each slice's pool, moves none of the table.
   pools.emplace_back();
   pools.emplace_back();
   for (std::size_t i = 0; i < credits.size(); ++i) {
      INFO("credit " << credits[i].to_string());
      CHECK(taken[i].credit() == credits[i]);
   }
   // Set again: the increment added by the largest remainder step.
   taken[0].set_credit(taken[0].credit() + *decimal::parse("0.01"), pools.front().large());
   CHECK(taken[0].credit() == *decimal::parse("1234.57"));
   CHECK(taken[1].credit() == credits[1]);  // its neighbours untouched
}
