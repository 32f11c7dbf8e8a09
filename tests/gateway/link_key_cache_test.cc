// The link keys kept between messages: the same key while a ticket is unchanged, a new one
// once its text or details change, and a bounded cache.
#include "gateway/intake/link_key_cache.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace aduan::gateway {
namespace {

storage::TicketRecord Ticket(const std::string& id, const std::string& text,
                             const std::string& details = "{}") {
  storage::TicketRecord t;
  t.id = id;
  t.text = text;
  t.details_json = details;
  return t;
}

TEST(LinkKeyCacheTest, AnUnchangedTicketKeepsItsKey) {
  LinkKeyCache cache;
  const auto t = Ticket("ADU-A", "got mampet di RT 02 Ciwaduk");
  const auto first = cache.Get(t);
  const auto again = cache.Get(t);
  EXPECT_EQ(first.get(), again.get());
  EXPECT_EQ(cache.builds(), 1u);
  EXPECT_EQ(first->terms, conversation::LinkKeyOf(t.text, t.details_json).terms);
}

TEST(LinkKeyCacheTest, ALocationAddedLaterGivesANewKey) {
  LinkKeyCache cache;
  auto t = Ticket("ADU-A", "lampu jalan mati");
  const auto before = cache.Get(t);
  EXPECT_FALSE(before->coordinates);
  t.details_json = R"({"location": {"latitude": -6.2, "longitude": 106.8, "label": "Masjid"}})";
  const auto after = cache.Get(t);
  ASSERT_TRUE(after->coordinates);
  EXPECT_DOUBLE_EQ(after->coordinates->latitude, -6.2);
  EXPECT_NE(std::find(after->terms.begin(), after->terms.end(), "masjid"), after->terms.end());
  // An edited text is a new key too.
  t.text = "lampu taman mati";
  EXPECT_NE(std::find(cache.Get(t)->terms.begin(), cache.Get(t)->terms.end(), "taman"),
            cache.Get(t)->terms.end());
  EXPECT_EQ(cache.builds(), 3u);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(LinkKeyCacheTest, AFullCacheStartsOverAndKeysHeldStayValid) {
  LinkKeyCache cache(4);
  const auto held = cache.Get(Ticket("ADU-0", "jalan berlubang di gang mawar"));
  for (int i = 1; i < 10; ++i) cache.Get(Ticket("ADU-" + std::to_string(i), "sampah menumpuk"));
  EXPECT_LE(cache.size(), 4u);
  EXPECT_EQ(held->terms, (std::vector<std::string>{"berlubang", "gang", "jalan", "mawar"}));
  // ADU-0 was dropped when the cache started over: asking again builds it again.
  const uint64_t builds = cache.builds();
  cache.Get(Ticket("ADU-0", "jalan berlubang di gang mawar"));
  EXPECT_EQ(cache.builds(), builds + 1);
}

}  // namespace
}  // namespace aduan::gateway
