#include "core/phone.h"

#include <gtest/gtest.h>

namespace aduan::core {
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

// Found by tests/fuzz/phone_fuzz.cc: "08(900812) 3456 7890" became +62 and 15 more digits, one
// past E.164's limit, which NormalizePhone itself then refused; each result must normalise to
// itself.
TEST(PhoneTest, ResultsAreE164AndNormaliseToThemselves) {
  EXPECT_EQ(NormalizePhone("08(900812) 3456 7890"), "");
  EXPECT_EQ(NormalizePhone("+1234567890123456"), "");  // 16 digits
  EXPECT_EQ(NormalizePhone("00 0000 0000"), "");       // no country code starts with 0
  EXPECT_EQ(NormalizePhone("00 12 34 5"), "");         // "+12345": too short to dial
  EXPECT_EQ(NormalizeInternationalPhone("(0812) 3456 7890"), "+6281234567890");  // was "+0812..."
  EXPECT_EQ(NormalizeInternationalPhone("1234567890123456"), "");
  for (const char* raw : {"081234567890", "+123456789012345", "0062812345678", "81234567890"}) {
    std::string once = NormalizePhone(raw);
    ASSERT_FALSE(once.empty()) << raw;
    EXPECT_EQ(NormalizePhone(once), once) << raw;
    EXPECT_EQ(NormalizeInternationalPhone(once), once) << raw;
  }
}

}  // namespace
}  // namespace aduan::core
