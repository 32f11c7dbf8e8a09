// A journal record must give back the very message the adapter produced: the processor
// decides from it alone, maybe an hour later or after a restart.
#include "gateway/intake/intake_entry.h"

#include <gtest/gtest.h>

#include "core/message.h"

namespace aduan::gateway {
namespace {

TEST(IntakeEntryTest, EveryFieldSurvivesTheJournal) {
  IntakeEntry in;
  in.received_at_ms = 1'790'000'000'123;
  in.receipt = "r6d31";
  core::InboundMessage& m = in.message;
  m.channel = "mailgun";
  m.provider_message_id = "<abc@mail>";
  m.sender = "warga@example.id";
  m.display_name = "Siti";
  m.text = "Got mampet\n\"di\" RT 2 \xF0\x9F\x98\xA2";
  m.subject = "Re: [ADU-7K3QX9M4] banjir";
  m.media.push_back({"image", "https://x/1", "image/jpeg", "a.jpg", 1234, "cid-1", ""});
  m.media.push_back({"sticker", "s-1", "", "", -1, "", ""});
  std::string jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\xFF\xD9", 14);
  m.media.push_back({"image", "", "image/jpeg", "foto.jpg", 16, "", jpeg});
  m.location = core::Location{-6.9175, 107.6191, "Pasar", "Jl. Merdeka 1"};
  m.contact = core::SharedContact{"+6281234567890", "Budi", true};
  m.reply_address = "balas@example.id";
  m.our_address = "aduan@kota.go.id";
  m.in_reply_to = {"outbox-12@aduan", "<x@y>"};
  m.is_edit = true;
  m.edits_message_id = "m0";
  m.sent_at_ms = 1'789'999'999'000;
  m.replay_token = "tok-1";

  auto out = DecodeEntry(EncodeEntry(in));
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(out->received_at_ms, in.received_at_ms);
  EXPECT_EQ(out->receipt, in.receipt);
  const core::InboundMessage& o = out->message;
  EXPECT_EQ(o.channel, m.channel);
  EXPECT_EQ(o.provider_message_id, m.provider_message_id);
  EXPECT_EQ(o.sender, m.sender);
  EXPECT_EQ(o.display_name, m.display_name);
  EXPECT_EQ(o.text, m.text);
  EXPECT_EQ(o.subject, m.subject);
  ASSERT_EQ(o.media.size(), 3u);
  EXPECT_EQ(o.media[0].kind, "image");
  EXPECT_EQ(o.media[0].reference, "https://x/1");
  EXPECT_EQ(o.media[0].mime_type, "image/jpeg");
  EXPECT_EQ(o.media[0].filename, "a.jpg");
  EXPECT_EQ(o.media[0].size_bytes, 1234);
  EXPECT_EQ(o.media[0].content_id, "cid-1");
  EXPECT_EQ(o.media[1].size_bytes, -1);
  EXPECT_TRUE(o.media[1].bytes.empty());
  EXPECT_EQ(o.media[2].bytes, jpeg);  // binary, byte for byte
  ASSERT_TRUE(o.location.has_value());
  EXPECT_DOUBLE_EQ(o.location->latitude, -6.9175);
  EXPECT_DOUBLE_EQ(o.location->longitude, 107.6191);
  EXPECT_EQ(o.location->name, "Pasar");
  EXPECT_EQ(o.location->address, "Jl. Merdeka 1");
  ASSERT_TRUE(o.contact.has_value());
  EXPECT_EQ(o.contact->phone, "+6281234567890");
  EXPECT_EQ(o.contact->name, "Budi");
  EXPECT_TRUE(o.contact->is_sender);
  EXPECT_EQ(o.reply_address, m.reply_address);
  EXPECT_EQ(o.our_address, m.our_address);
  EXPECT_EQ(o.in_reply_to, m.in_reply_to);
  EXPECT_TRUE(o.is_edit);
  EXPECT_EQ(o.edits_message_id, "m0");
  EXPECT_EQ(o.sent_at_ms, m.sent_at_ms);
  EXPECT_EQ(o.replay_token, "tok-1");
}

TEST(IntakeEntryTest, AMessageWithoutOptionalPartsStaysWithout) {
  IntakeEntry in;
  in.message.channel = "generic";
  in.message.sender = "+62812";
  in.message.text = "halo";
  auto out = DecodeEntry(EncodeEntry(in));
  ASSERT_TRUE(out.has_value());
  EXPECT_FALSE(out->message.location.has_value());
  EXPECT_FALSE(out->message.contact.has_value());
  EXPECT_TRUE(out->message.media.empty());
}

TEST(IntakeEntryTest, WhatIsNotAnEntryIsRefused) {
  EXPECT_FALSE(DecodeEntry("").has_value());
  EXPECT_FALSE(DecodeEntry("[1,2]").has_value());
  EXPECT_FALSE(DecodeEntry(R"({"v":99,"at":1})").has_value());
  EXPECT_FALSE(DecodeEntry(R"({"v":1,"at":"soon"})").has_value());
}

}  // namespace
}  // namespace aduan::gateway
