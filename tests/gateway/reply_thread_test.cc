// The thread facts every message about a ticket carries (gateway/reply_thread.h).
#include "gateway/tickets/reply_thread.h"

#include <gtest/gtest.h>

#include "core/message.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

TEST(ReplyThreadTest, StackedReplyPrefixesFoldIntoOne) {
  EXPECT_EQ(ReplySubject("re: Re: Lampu mati", "ADU-1"), "Re: Lampu mati [ADU-1]");
  EXPECT_EQ(ReplySubject("RE[2]: AW: Balas: Lampu mati", "ADU-1"), "Re: Lampu mati [ADU-1]");
  EXPECT_EQ(ReplySubject("Re: Lampu mati [ADU-1]", "ADU-1"), "Re: Lampu mati [ADU-1]");
  EXPECT_EQ(ReplySubject("Report: jalan rusak", "ADU-1"), "Re: Report: jalan rusak [ADU-1]");
  EXPECT_EQ(ReplySubject("", "ADU-1"), "Re: Aduan [ADU-1]");
}

TEST(ReplyThreadTest, EmailThreadKeepsTheChainOldestFirst) {
  core::InboundMessage in;
  in.channel = "mailgun";
  in.provider_message_id = "m2@x";
  in.in_reply_to = {"m1@x", "m1@x", "m0@x"};  // In-Reply-To, then References newest first
  in.subject = "Lampu mati";
  json details = ReplyDetails(ThreadOf(in), "mailgun", "ADU-1");
  EXPECT_EQ(details["in_reply_to"], "m2@x");
  EXPECT_EQ(details["references"], (json{"m0@x", "m1@x"}));
  EXPECT_EQ(details["subject"], "Re: Lampu mati [ADU-1]");
}

TEST(ReplyThreadTest, OnlyTheWriterGetsTheStoredThread) {
  storage::TicketRecord t;
  t.id = "ADU-1";
  t.channel = "twilio";
  t.reporter_sender = "whatsapp:+6281234567890";
  t.details_json = R"({"thread":{"message_id":"SM1","our_address":"whatsapp:+14155238886"}})";
  json mine = NotificationDetails(t, "twilio", "whatsapp:+6281234567890");
  EXPECT_EQ(mine["our_address"], "whatsapp:+14155238886");
  json other = NotificationDetails(t, "twilio", "+6289999999999");  // a relayed resident's phone
  EXPECT_FALSE(other.contains("our_address"));
}

}  // namespace
}  // namespace aduan::gateway
