#include "core/privacy.h"

#include <gtest/gtest.h>

#include <string>

namespace aduan::core {
namespace {

TEST(PrivacyTest, PhoneNumbersAreMaskedHoweverTheyAreSpelled) {
  for (std::string phone :
       {"0812 3456 7891", "0812-3456-7891", "+62 812-3456-7891", "62812.3456.7891",
        "(0812) 3456-7891", "+6281234567891", "081234567891"}) {
    std::string out = MaskPhoneNumbers("hubungi " + phone + " ya", "[x]");
    EXPECT_EQ(out, "hubungi [x] ya") << phone;
  }
}

TEST(PrivacyTest, NumbersThatAreNotPhonesStay) {
  for (std::string text : {"tanggal 2024-06-03", "Rp 150.000.000.000", "jam 10.00-12.00",
                           "RT 03 RW 05", "NIK3273010101900001x", "nomor 12345"}) {
    EXPECT_EQ(MaskPhoneNumbers(text, "[x]"), text);
  }
}

TEST(PrivacyTest, NikKeepsItsFirstAndLastFourDigits) {
  EXPECT_EQ(MaskNik("NIK saya 3273010101900001, tolong"), "NIK saya 3273********0001, tolong");
  EXPECT_EQ(MaskNik("dua: 3273010101900001/3273010101900002"),
            "dua: 3273********0001/3273********0002");
  EXPECT_EQ(MaskNik("no hp 081234567890"), "no hp 081234567890");
  EXPECT_EQ(MaskNik("32730101019000011"), "32730101019000011");  // 17 digits: not a NIK
}

TEST(PrivacyTest, MaskNikLeavesTheRestOfAComplaintIntact) {
  EXPECT_EQ(MaskNik("KTP NIK 3273010101900001 belum jadi"), "KTP NIK 3273********0001 belum jadi");
}

}  // namespace
}  // namespace aduan::core
