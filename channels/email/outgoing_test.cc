#include "channels/email/outgoing.h"

#include <gtest/gtest.h>

namespace aduan::channels {
namespace {

TEST(OutgoingEmailTest, ReferencesCarryTheChainThenTheParent) {
  OutgoingMessage m;
  EXPECT_EQ(ReferencesHeader(m), "");
  m.in_reply_to = "c@example.id";
  EXPECT_EQ(ReferencesHeader(m), "<c@example.id>");
  m.references = {"a@example.id", "b@example.id", "a@example.id"};
  EXPECT_EQ(ReferencesHeader(m), "<a@example.id> <b@example.id> <c@example.id>");
}

TEST(OutgoingEmailTest, SubjectLosesControlCharacters) {
  EXPECT_EQ(OutgoingSubject("Re: \x1B$B6l>p\x1B(B [ADU-7K3QX9M4]", "x"),
            "Re: $B6l>p (B [ADU-7K3QX9M4]");
  EXPECT_EQ(OutgoingSubject("a\r\nBcc: someone@example.id", "x"), "a Bcc: someone@example.id");
  EXPECT_EQ(OutgoingSubject(" \t ", "Tanggapan"), "Tanggapan");
  EXPECT_EQ(OutgoingSubject("Jalan rusak — RT 02", "x"), "Jalan rusak — RT 02");
}

}  // namespace
}  // namespace aduan::channels
