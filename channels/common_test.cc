// Tests of the shared building blocks (charset, crypto, form, util) and of the registry.
#include <gtest/gtest.h>

#include "channels/adapter.h"
#include "channels/charset.h"
#include "channels/form.h"
#include "channels/test_util.h"
#include "channels/util.h"

namespace aduan::channels {
namespace {

TEST(RegistryTest, EveryChannelIsListedAndDisabledWithoutItsSecret) {
  std::vector<std::string> names;
  for (const auto& reg : AllChannels()) names.emplace_back(reg.name);
  EXPECT_EQ(names, (std::vector<std::string>{"generic", "sms", "whatsapp", "telegram", "twilio",
                                             "mailgun", "sendgrid"}));
  EnvLookup empty = testing::FakeEnv({});
  for (const auto& reg : AllChannels()) {
    auto adapter = reg.make(empty);
    if (reg.name == "generic") {
      ASSERT_NE(adapter, nullptr);
    } else {
      EXPECT_EQ(adapter, nullptr) << reg.name;
    }
  }
  EnvLookup all = testing::FakeEnv({{"ADUAN_SMS_TOKEN", "a"},
                                    {"ADUAN_WHATSAPP_APP_SECRET", "b"},
                                    {"ADUAN_TELEGRAM_SECRET_TOKEN", "c"},
                                    {"ADUAN_TWILIO_AUTH_TOKEN", "d"},
                                    {"ADUAN_MAILGUN_SIGNING_KEY", "e"},
                                    {"ADUAN_SENDGRID_TOKEN", "f"}});
  for (const auto& reg : AllChannels()) {
    auto adapter = reg.make(all);
    ASSERT_NE(adapter, nullptr) << reg.name;
    EXPECT_EQ(adapter->name(), reg.name);
  }
}

TEST(RegistryTest, TraitsAreFoundByNameAndUnknownNamesCanDoNothing) {
  for (const auto& reg : AllChannels()) {
    EXPECT_EQ(&TraitsOf(reg.name), &reg.traits) << reg.name;
    // Every channel but the inline one needs an API to send later replies through, unless an
    // operator must point it at their own gateway (sms).
    if (!reg.traits.answers_inline && reg.name != "sms") {
      EXPECT_EQ(reg.traits.default_api_base.substr(0, 8), "https://") << reg.name;
    }
  }
  EXPECT_TRUE(TraitsOf("generic").answers_inline);
  EXPECT_TRUE(TraitsOf("twilio").reaches_phones);
  EXPECT_FALSE(TraitsOf("telegram").reaches_phones);
  EXPECT_TRUE(TraitsOf("mailgun").threads_by_subject && TraitsOf("mailgun").posts_attachments);
  const ChannelTraits& unknown = TraitsOf("fax");
  EXPECT_FALSE(unknown.answers_inline || unknown.threads_by_subject || unknown.reaches_phones ||
               unknown.posts_attachments);
  EXPECT_TRUE(unknown.default_api_base.empty());
}

TEST(CharsetTest, LabelsFollowWhatwg) {
  EXPECT_EQ(ToUtf8("\x93q\x94 \x96 \xe9", "ISO-8859-1"), "\u201cq\u201d \u2013 \u00e9");
  EXPECT_EQ(ToUtf8("\x80", "us-ascii"), "\u20ac");
  EXPECT_EQ(ToUtf8("\xa4", "iso-8859-15"), "\u20ac");
  EXPECT_EQ(ToUtf8("\xef\xbb\xbfhalo", "utf-8"), "halo");
  EXPECT_EQ(ToUtf8("caf\xc3\xa9", "x-unknown"), "caf\u00e9");  // valid UTF-8 wins
  EXPECT_EQ(ToUtf8("caf\xe9", ""), "caf\u00e9");               // else windows-1252
  EXPECT_EQ(ToUtf8("\x81", "windows-1252"), "\u0081");
}

TEST(FormTest, UrlencodedAndMultipart) {
  auto fields = ParseUrlEncoded("a=1&b=x+y%26z&&c&a=2");
  ASSERT_TRUE(fields);
  ASSERT_EQ(fields->size(), 4u);
  EXPECT_EQ(FieldValue(*fields, "b"), "x y&z");
  EXPECT_EQ(FieldValue(*fields, "a"), "1");
  EXPECT_TRUE(FindField(*fields, "c"));
  EXPECT_FALSE(ParseUrlEncoded("a=%4"));
  EXPECT_EQ(*UrlDecode(UrlEncode("a b/\u00e9~")), "a b/\u00e9~");

  auto parts = ParseMultipartForm(
      "preamble\r\n--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a;b.txt\"\r\n"
      "Content-Type: text/plain\r\n\r\nline1\r\nline2\r\n--B\r\nContent-Disposition: form-data; "
      "name=x\r\n\r\n\r\n--B--\r\n",
      "B");
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].filename, "a;b.txt");
  EXPECT_EQ((*parts)[0].value, "line1\r\nline2");
  EXPECT_EQ((*parts)[1].value, "");
}

TEST(FormTest, HeaderParamsWithRfc2231) {
  HeaderParams p = ParseHeaderParams(
      "attachment; filename*0*=UTF-8''foto%20; filename*1=\"jalan.png\"; size=10");
  EXPECT_EQ(p.value, "attachment");
  EXPECT_EQ(p.Param("filename"), "foto jalan.png");
  EXPECT_EQ(p.Param("size"), "10");
  HeaderParams q = ParseHeaderParams("text/plain; CHARSET=\"ISO-8859-1\"; name=\"a\\\"b\"");
  EXPECT_EQ(q.Param("charset"), "ISO-8859-1");
  EXPECT_EQ(q.Param("name"), "a\"b");
}

TEST(UtilTest, Timestamps) {
  EXPECT_EQ(*ParseDateTimeMs("2024-06-03T01:15:30.500Z"), 1717377330500);
  EXPECT_EQ(*ParseDateTimeMs("2024-06-03 01:15:30"), 1717377330000);
  EXPECT_EQ(*ParseDateTimeMs("2024-06-03T08:15:30+07:00"), 1717377330000);
  EXPECT_EQ(*ParseDateTimeMs("1717377330"), 1717377330000);
  EXPECT_EQ(*ParseDateTimeMs("1717377330500"), 1717377330500);
  EXPECT_FALSE(ParseDateTimeMs("kemarin"));
  EXPECT_FALSE(ParseDateTimeMs("2024-13-03 01:15:30"));
  EXPECT_EQ(*ParseMailDateMs("Mon, 3 Jun 2024 08:15:30 +0700"), 1717377330000);
  EXPECT_EQ(*ParseMailDateMs("3 Jun 2024 01:15:30 GMT"), 1717377330000);
  EXPECT_EQ(*ParseMailDateMs("Sun, 2 Jun 2024 21:15:30 EDT"), 1717377330000);
  EXPECT_FALSE(ParseMailDateMs("garbage"));
}

TEST(UtilTest, OutOfRangeTimesAreIgnoredNotWrapped) {
  // Found by fuzzing: a year this large overflowed into a negative time.
  EXPECT_FALSE(ParseMailDateMs("Mon, 3 Jun 2666666024 08:15:30 +0700"));
  EXPECT_FALSE(ParseMailDateMs("3 Jun -5 08:15:30 +0700"));
  EXPECT_FALSE(ParseDateTimeMs("9223372036854775807"));
  EXPECT_FALSE(ParseDateTimeMs("253402300800000"));  // just past 9999-12-31
  EXPECT_EQ(*ParseMailDateMs("31 Dec 9999 23:59:59 +0000"), 253402300799000);
}

TEST(UtilTest, BlankTextIncludesInvisibleCharacters) {
  EXPECT_TRUE(IsBlankText(""));
  EXPECT_TRUE(IsBlankText(" \t\r\n"));
  EXPECT_TRUE(IsBlankText("\u00a0\u3000\u2003\u200b\u200c\u200d\u2060\ufeff"));
  EXPECT_FALSE(IsBlankText("\u00a0a"));
  EXPECT_FALSE(IsBlankText("\u00e9"));
  EXPECT_FALSE(IsBlankText("\xc2"));      // truncated UTF-8 is not blank
  EXPECT_FALSE(IsBlankText("\xe3\x80"));  // nor is a cut ideographic space
}

TEST(UtilTest, MessageIds) {
  EXPECT_EQ(StripAngles(" <20240603.abc@mg.example> "), "20240603.abc@mg.example");
  EXPECT_EQ(StripAngles("< part1@mail >"), "part1@mail");
  EXPECT_EQ(StripAngles("no-brackets@x"), "no-brackets@x");
  EXPECT_EQ(StripAngles("<>"), "");
}

TEST(UtilTest, ExcerptCutsBetweenWordsAndCharacters) {
  EXPECT_EQ(Excerpt("short", 10), "short");
  EXPECT_EQ(Excerpt("the provider answered with a long error", 20), "the provider...");
  std::string cut = Excerpt(std::string(30, 'a') + "\u00e9\u00e9", 31);
  EXPECT_EQ(cut, std::string(30, 'a') + "...");  // never half of a two-byte character
}

}  // namespace
}  // namespace aduan::channels
