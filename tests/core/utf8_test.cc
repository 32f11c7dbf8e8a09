#include "core/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace aduan::core {
namespace {

TEST(Utf8Test, LengthAndPrefixesNeverSplitACharacter) {
  const std::string text = "Jl. é 🙏";  // 1-, 2- and 4-byte characters
  EXPECT_EQ(Utf8Length(text), 7u);
  EXPECT_EQ(Utf8Length(""), 0u);
  EXPECT_EQ(Utf8PrefixChars(text, 5), "Jl. é");
  EXPECT_EQ(Utf8PrefixChars(text, 100), text);
  EXPECT_EQ(Utf8PrefixChars(text, 0), "");
  EXPECT_EQ(Utf8PrefixBytes(text, 5), "Jl. ");  // byte 5 is inside the e-acute
  EXPECT_EQ(Utf8PrefixBytes(text, 6), "Jl. é");
  EXPECT_EQ(Utf8PrefixBytes(text, 9), "Jl. é ");  // never 1-3 bytes of the emoji
  EXPECT_EQ(Utf8PrefixBytes(text, 11), text);
}

TEST(Utf8Test, ValidationAndReplacement) {
  EXPECT_TRUE(IsValidUtf8("Jalan \u2013 \U0001F64F \uFFFD"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe2\x80"));          // truncated
  EXPECT_EQ(SanitizeUtf8("a\xffz"), "a\uFFFDz");
  EXPECT_EQ(SanitizeUtf8("\xe2\x80"), "\uFFFD\uFFFD");
}

TEST(Utf8Test, NextCodePointAlwaysAdvances) {
  const std::string text = "a\u00e9\U0001F64F\xff";
  size_t pos = 0;
  EXPECT_EQ(NextCodePoint(text, pos), U'a');
  EXPECT_EQ(pos, 1u);
  EXPECT_EQ(NextCodePoint(text, pos), U'\u00e9');
  EXPECT_EQ(pos, 3u);
  EXPECT_EQ(NextCodePoint(text, pos), U'\U0001F64F');
  EXPECT_EQ(pos, 7u);
  EXPECT_EQ(NextCodePoint(text, pos), kReplacementCharacter);  // an invalid byte: one step
  EXPECT_EQ(pos, 8u);
}

TEST(Utf8Test, AppendEncodesAndReplacesWhatIsNotACharacter) {
  std::string out;
  for (char32_t cp : {U'a', U'\u00e9', U'\u20ac', U'\U0001F64F'}) AppendUtf8(out, cp);
  EXPECT_EQ(out, "a\u00e9\u20ac\U0001F64F");
  std::string bad;
  AppendUtf8(bad, 0xD800);    // a surrogate
  AppendUtf8(bad, 0x110000);  // past the last code point
  EXPECT_EQ(bad, "\uFFFD\uFFFD");
}

}  // namespace
}  // namespace aduan::core
