// Mail from Chinese and Japanese clients: GBK/GB2312, Shift_JIS and ISO-2022-JP text and
// subjects decode to the characters the resident typed, and no escape byte survives.
#include <gtest/gtest.h>

#include "channels/charset.h"
#include "channels/email/mime.h"

namespace aduan::channels {
namespace {

// "路面坏了" in GBK (what GB2312-labelled mail usually really is).
constexpr char kGbk[] = "\xC2\xB7\xC3\xE6\xBB\xB5\xC1\xCB";
// "道路が壊れています" in Shift_JIS and in ISO-2022-JP (ESC $ B ... ESC ( B).
constexpr char kShiftJis[] =
    "\x93\xB9\x98\x48\x82\xAA\x89\xF3\x82\xEA\x82\xC4\x82\xA2\x82\xDC\x82\xB7";
constexpr char kIso2022Jp[] = "\x1B$BF;O)$,2u$l$F$$$^$9\x1B(B";

TEST(CjkCharsetTest, GbkAndGb2312Decode) {
  EXPECT_EQ(ToUtf8(kGbk, "GBK"), "路面坏了");
  EXPECT_EQ(ToUtf8(kGbk, "gb2312"), "路面坏了");
  EXPECT_EQ(ToUtf8(kGbk, "\"GB18030\""), "路面坏了");
}

TEST(CjkCharsetTest, ShiftJisDecodes) {
  EXPECT_EQ(ToUtf8(kShiftJis, "Shift_JIS"), "道路が壊れています");
  EXPECT_EQ(ToUtf8(kShiftJis, "x-sjis"), "道路が壊れています");
}

TEST(CjkCharsetTest, Iso2022JpDecodesEvenWhenUnlabelled) {
  EXPECT_EQ(ToUtf8(kIso2022Jp, "ISO-2022-JP"), "道路が壊れています");
  // Japanese mailers put raw ISO-2022-JP in headers; its escapes name the charset.
  EXPECT_EQ(ToUtf8(kIso2022Jp, ""), "道路が壊れています");
}

TEST(CjkCharsetTest, BrokenBytesBecomeReplacementCharacters) {
  std::string cut(kShiftJis, 3);  // the last character's first byte only
  EXPECT_EQ(ToUtf8(cut, "shift_jis"), "道\uFFFD");
  // A label naming something that is no charset falls back as before, never fails.
  EXPECT_EQ(ToUtf8("caf\xE9", "../../etc/x"), "caf\u00E9");
}

TEST(CjkCharsetTest, EncodedWordSubjectHasNoEscapeBytes) {
  ParsedEmail email = ParseEmail(
      "From: Taro <taro@example.jp>\r\n"
      "Subject: =?ISO-2022-JP?B?GyRCNmw+cBsoQg==?= jalan\r\n"
      "Content-Type: text/plain; charset=ISO-2022-JP\r\n"
      "\r\n"
      "\x1B$BF;O)$,2u$l$F$$$^$9\x1B(B\r\n");
  EXPECT_EQ(email.subject, "苦情 jalan");
  EXPECT_EQ(email.text_plain.find('\x1B'), std::string::npos);
  EXPECT_NE(email.text_plain.find("道路が壊れています"), std::string::npos) << email.text_plain;
}

TEST(CjkCharsetTest, GbkBodyPart) {
  ParsedEmail email = ParseEmail(std::string("From: a@example.cn\r\n"
                                             "Subject: =?GB2312?B?wrfD5ru1wcs=?=\r\n"
                                             "Content-Type: text/plain; charset=gb2312\r\n"
                                             "Content-Transfer-Encoding: 8bit\r\n\r\n") +
                                 kGbk + "\r\n");
  EXPECT_EQ(email.subject, "路面坏了");
  EXPECT_NE(email.text_plain.find("路面坏了"), std::string::npos) << email.text_plain;
}

}  // namespace
}  // namespace aduan::channels
