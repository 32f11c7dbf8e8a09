#include "classifier/normalize.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace aduan::classifier {
namespace {

using ::testing::ElementsAre;

Lexicon ShippedLexicon() {
  Lexicon lexicon;
  std::string error;
  EXPECT_TRUE(lexicon.Load(ADUAN_SOURCE_DIR "/config/classifier/lexicon", &error)) << error;
  return lexicon;
}

TEST(NormalizeTest, LowerCasesAndDropsPunctuationAndEmoji) {
  EXPECT_THAT(Tokenize("Jalan RUSAK!!! 😡😡 \xE2\x80\x9Ctolong\xE2\x80\x9D"),
              ElementsAre("jalan", "rusak", "tolong"));
}

TEST(NormalizeTest, FoldsElongationButKeepsDoubleLetters) {
  EXPECT_EQ(FoldElongation("lamaaaa"), "lama");
  EXPECT_EQ(FoldElongation("tolonggggg"), "tolong");
  EXPECT_EQ(FoldElongation("saat"), "saat");
  EXPECT_EQ(FoldElongation("maaf"), "maaf");
  EXPECT_EQ(FoldElongation("2000"), "2000");  // digits are not elongation
  EXPECT_THAT(Tokenize("lamaaaa bgttt"), ElementsAre("lama", "bgt"));
}

TEST(NormalizeTest, ExpandsReduplicationWrittenWithTwo) {
  EXPECT_THAT(Tokenize("tiang2 listrik"), ElementsAre("tiang", "tiang", "listrik"));
  EXPECT_THAT(Tokenize("anak2, ibu2."), ElementsAre("anak", "anak", "ibu", "ibu"));
  // A suffix after the "2" belongs to the repeated word: "asal2an" is "asal-asalan".
  EXPECT_THAT(Tokenize("catat asal2an, kira2nya"),
              ElementsAre("catat", "asal", "asalan", "kira", "kiranya"));
  EXPECT_THAT(Tokenize("Asal2AN"), ElementsAre("asal", "asalan"));
  // Letters after the "2" that are not a suffix stay apart, as before.
  EXPECT_THAT(Tokenize("jam2ant"), ElementsAre("jam", "2", "ant"));
  // A number glued to letters that is not a lone "2" stays a number.
  EXPECT_THAT(Tokenize("RT 02"), ElementsAre("rt", "02"));
  // Reference codes are one token, so their letters and digits cannot read as words.
  EXPECT_THAT(Tokenize("Re: [ADU-7K3QX9M4] banjir"), ElementsAre("re", "adu", "<kode>", "banjir"));
  EXPECT_THAT(Tokenize("mobil B1234XYZ"), ElementsAre("mobil", "<kode>"));
  // Short mixes stay words and numbers: K3, covid19, pph21, 5G.
  EXPECT_THAT(Tokenize("k3 covid19 pph21 5g"),
              ElementsAre("k", "3", "covid", "19", "pph", "21", "5", "g"));
  EXPECT_THAT(Tokenize("100rb"), ElementsAre("100", "rb"));
}

TEST(NormalizeTest, RecognisesUrlsEmailsPhonesAndNiks) {
  EXPECT_THAT(Tokenize("cek https://lapor.go.id/x?a=1 ya"), ElementsAre("cek", "<url>", "ya"));
  EXPECT_THAT(Tokenize("www.pemkot.go.id"), ElementsAre("<url>"));
  EXPECT_THAT(Tokenize("email warga@mail.com"), ElementsAre("email", "<email>"));
  EXPECT_THAT(Tokenize("hub 0812-3456-7890 atau +62 812 3456 7890"),
              ElementsAre("hub", "<telepon>", "atau", "<telepon>"));
  EXPECT_THAT(Tokenize("NIK 3273010101900001 salah"), ElementsAre("nik", "<nik>", "salah"));
  // 15 and 17 digits are numbers, not NIKs; a short number is just a number.
  EXPECT_THAT(Tokenize("327301010190000"), ElementsAre("327301010190000"));
  EXPECT_THAT(Tokenize("bayar 50 ribu"), ElementsAre("bayar", "50", "ribu"));
}

TEST(NormalizeTest, MapsSlangAndAbbreviations) {
  const Lexicon lexicon = ShippedLexicon();
  EXPECT_EQ(NormalizeText("gk ga gak nggak kagak tdk", &lexicon),
            "tidak tidak tidak tidak tidak tidak");
  EXPECT_EQ(NormalizeText("udh udah sdh blm", &lexicon), "sudah sudah sudah belum");
  EXPECT_EQ(NormalizeText("jln jl yg dgn", &lexicon), "jalan jalan yang dengan");
  EXPECT_EQ(NormalizeText("sy aq gue", &lexicon), "saya aku saya");
  EXPECT_EQ(NormalizeText("tlg mhn bgt", &lexicon), "tolong mohon banget");
  EXPECT_EQ(NormalizeText("3 bln 2 thn krn utk pd tp sm aja kalo", &lexicon),
            "3 bulan 2 tahun karena untuk pada tapi sama saja kalau");
  EXPECT_EQ(NormalizeText("gpp", &lexicon), "tidak apa apa");  // one word to several
  EXPECT_EQ(NormalizeText("gakkkk", &lexicon), "tidak");       // elongation then lexicon
}

TEST(NormalizeTest, MapsRegionalWords) {
  const Lexicon lexicon = ShippedLexicon();
  EXPECT_EQ(NormalizeText("ora durung", &lexicon), "tidak belum");             // Javanese
  EXPECT_EQ(NormalizeText("teu acan", &lexicon), "tidak belum");               // Sundanese
  EXPECT_EQ(NormalizeText("kagak kaga udeh", &lexicon), "tidak tidak sudah");  // Betawi
  EXPECT_EQ(NormalizeText("banyune mati", &lexicon), "air mati");
  EXPECT_EQ(NormalizeText("runtah teu diangkut", &lexicon), "sampah tidak diangkut");
}

TEST(NormalizeTest, SurvivesHostileInput) {
  EXPECT_TRUE(Tokenize("").empty());
  EXPECT_TRUE(Tokenize("😡🙏🔥💧").empty());
  EXPECT_TRUE(Tokenize("\xff\xfe\xc3\x28\xe2\x82").empty());  // invalid UTF-8
  EXPECT_TRUE(Tokenize("水が出ない 電気").empty());           // another script
  EXPECT_THAT(Tokenize("air\xffmati"), ElementsAre("air", "mati"));
  const std::string huge(100 * 1024, 'a');
  EXPECT_THAT(Tokenize(huge), ElementsAre("a"));
}

TEST(LexiconTest, RejectsAMalformedLineWithFileAndLine) {
  const std::string path = ADUAN_BINARY_DIR "/bad_lexicon.txt";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("# ok\ngak tidak\nlonely\n", f);
  std::fclose(f);
  Lexicon lexicon;
  std::string error;
  EXPECT_FALSE(lexicon.Load(path, &error));
  EXPECT_THAT(error, ::testing::HasSubstr("bad_lexicon.txt:3:"));
}

}  // namespace
}  // namespace aduan::classifier
