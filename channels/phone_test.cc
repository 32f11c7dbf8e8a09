#include "channels/phone.h"

#include <gtest/gtest.h>

namespace aduan::channels {
namespace {

TEST(PhoneTest, IndonesianFormsAreOneSender) {
  for (const char* raw :
       {"081234567890", "6281234567890", "+6281234567890", "+62 812-3456-7890", "(0812) 3456 7890",
        " 0812.3456.7890 ", "006281234567890", "81234567890"}) {
    EXPECT_EQ(NormalizePhone(raw), "+6281234567890") << raw;
  }
}

TEST(PhoneTest, ForeignNumbersKeepTheirCountryCode) {
  EXPECT_EQ(NormalizePhone("+14155550100"), "+14155550100");
}

TEST(PhoneTest, InternationalFormsNeverAssumeIndonesia) {
  EXPECT_EQ(NormalizeInternationalPhone("6281234567890"), "+6281234567890");
  EXPECT_EQ(NormalizeInternationalPhone("+62 812-3456-7890"), "+6281234567890");
  EXPECT_EQ(NormalizeInternationalPhone("081234567890"), "+6281234567890");
  EXPECT_EQ(NormalizeInternationalPhone("819012345678"), "+819012345678");  // Japan
  EXPECT_EQ(NormalizeInternationalPhone("14155550100"), "+14155550100");
  EXPECT_EQ(NormalizeInternationalPhone("not a phone"), "");
  EXPECT_EQ(NormalizeInternationalPhone(""), "");
}

TEST(PhoneTest, NonPhonesAreRejected) {
  for (const char* raw : {"", "budi@example.id", "12345", "tg:123abc", "0812345678901234567"}) {
    EXPECT_EQ(NormalizePhone(raw), "") << raw;
  }
}

}  // namespace
}  // namespace aduan::channels
