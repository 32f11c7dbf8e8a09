#include "channels/sms/gsm7.h"

#include <gtest/gtest.h>

#include <string>

namespace aduan::channels {
namespace {

TEST(Gsm7Test, BasicAndExtensionCharactersAreGsm7) {
  EXPECT_TRUE(IsGsm7("Laporan ADU-7K3QX9M4 diterima. Terima kasih!"));
  EXPECT_TRUE(IsGsm7("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà"));
  EXPECT_TRUE(IsGsm7("{}[]~\\|^€"));
  EXPECT_TRUE(IsGsm7(""));
  EXPECT_FALSE(IsGsm7("Jalan rusak – parah"));  // en dash
  EXPECT_FALSE(IsGsm7("“kutip”"));
  EXPECT_FALSE(IsGsm7("🙏"));
  EXPECT_FALSE(IsGsm7("\xff"));
}

TEST(Gsm7Test, ExtensionCharactersCountTwoSeptets) {
  EXPECT_EQ(Gsm7Septets("abc"), 3u);
  EXPECT_EQ(Gsm7Septets("€"), 2u);
  EXPECT_EQ(Gsm7Septets("[x]"), 5u);
}

TEST(Gsm7Test, SegmentBoundaries) {
  EXPECT_EQ(CountSmsSegments("").segments, 1u);
  EXPECT_EQ(CountSmsSegments(std::string(160, 'a')).segments, 1u);
  EXPECT_EQ(CountSmsSegments(std::string(161, 'a')).segments, 2u);
  EXPECT_EQ(CountSmsSegments(std::string(306, 'a')).segments, 2u);
  EXPECT_EQ(CountSmsSegments(std::string(307, 'a')).segments, 3u);
  // 80 euro signs are 160 septets: still one SMS; one more character makes two.
  std::string euros;
  for (int i = 0; i < 80; ++i) euros += "€";
  EXPECT_EQ(CountSmsSegments(euros).units, 160u);
  EXPECT_EQ(CountSmsSegments(euros).segments, 1u);
  EXPECT_EQ(CountSmsSegments(euros + "a").segments, 2u);
  // An escape pair never straddles parts: 152 'a' then '€' does not fit in 153.
  SmsSegments straddle = CountSmsSegments(std::string(152, 'a') + "€" + std::string(10, 'a'));
  EXPECT_EQ(straddle.units, 164u);
  EXPECT_EQ(straddle.segments, 2u);
  EXPECT_EQ(CountSmsSegments(std::string(152, 'a') + "€" + std::string(152, 'a')).segments, 3u);
}

TEST(Gsm7Test, Ucs2SegmentBoundaries) {
  std::string seventy = "–" + std::string(69, 'a');
  SmsSegments s = CountSmsSegments(seventy);
  EXPECT_FALSE(s.gsm7);
  EXPECT_EQ(s.units, 70u);
  EXPECT_EQ(s.segments, 1u);
  EXPECT_EQ(CountSmsSegments(seventy + "a").segments, 2u);
  EXPECT_EQ(CountSmsSegments("–" + std::string(133, 'a')).segments, 2u);  // 134 = 2 x 67
  EXPECT_EQ(CountSmsSegments("–" + std::string(134, 'a')).segments, 3u);
  // An emoji is a surrogate pair: two UTF-16 units.
  EXPECT_EQ(CountSmsSegments("🙏").units, 2u);
}

TEST(Gsm7Test, TransliteratesCommonNonGsmCharacters) {
  EXPECT_EQ(ToGsm7Safe("“Jalan” ‘rusak’ – parah — segera…"),
            "\"Jalan\" 'rusak' - parah - segera...");
  EXPECT_EQ(ToGsm7Safe("Rp\u00A01.000"), "Rp 1.000");
  EXPECT_EQ(ToGsm7Safe("São Tomé, façade, naïve, Ángel"), "Sao Tomé, facade, naive, Angel");
  EXPECT_EQ(ToGsm7Safe("a\u200Bb"), "ab");
  EXPECT_EQ(ToGsm7Safe("terima kasih 🙏"), "terima kasih ?");
  EXPECT_EQ(ToGsm7Safe("bad \xff byte"), "bad ? byte");
  // Characters already in GSM-7 are kept, including the accented ones it has.
  EXPECT_EQ(ToGsm7Safe("è é ù ì ò Ç ñ ü €"), "è é ù ì ò Ç ñ ü €");
}

TEST(Gsm7Test, SafeTextIsAlwaysGsm7) {
  for (const char* text :
       {"“”‘’–—…", "Zürich Łódź Ørsted Œuvre", "日本語", "\xc3\x28\xa0\xa1", "mix 🙏 ½ ± ° × ™"}) {
    EXPECT_TRUE(IsGsm7(ToGsm7Safe(text))) << text;
  }
}

}  // namespace
}  // namespace aduan::channels
