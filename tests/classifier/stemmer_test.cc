#include "classifier/stemmer.h"

#include <gtest/gtest.h>

#include <string>

namespace aduan::classifier {
namespace {

class StemmerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(stemmer_.Load(ADUAN_SOURCE_DIR "/config/classifier/roots.txt", &error)) << error;
  }
  std::string Stem(const char* word) { return std::string(stemmer_.Stem(word)); }
  Stemmer stemmer_;
};

TEST_F(StemmerTest, WordFamiliesShareARoot) {
  for (const char* word : {"diperbaiki", "perbaikan", "memperbaiki", "baik"}) {
    EXPECT_EQ(Stem(word), "baik") << word;
  }
  for (const char* word : {"pungutan", "dipungut", "memungut", "pungut"}) {
    EXPECT_EQ(Stem(word), "pungut") << word;
  }
  EXPECT_EQ(Stem("berlubang"), "lubang");
  EXPECT_EQ(Stem("ditanggapi"), "tanggap");
  EXPECT_EQ(Stem("tanggapan"), "tanggap");
  EXPECT_EQ(Stem("pelayanan"), "layan");
  EXPECT_EQ(Stem("dilayani"), "layan");
  EXPECT_EQ(Stem("pendaftaran"), "daftar");
  EXPECT_EQ(Stem("keterangan"), "terang");
}

TEST_F(StemmerTest, NasalPrefixesRestoreTheConsonant) {
  EXPECT_EQ(Stem("menunggu"), "tunggu");  // men- + t
  EXPECT_EQ(Stem("memotong"), "potong");  // mem- + p
  EXPECT_EQ(Stem("menyapu"), "sapu");     // meny- + s
  EXPECT_EQ(Stem("mengirim"), "kirim");   // meng- + k
  EXPECT_EQ(Stem("membayar"), "bayar");   // mem- before b
  EXPECT_EQ(Stem("nunggu"), "tunggu");    // chat form without me-
  // me- + m is tried before mem- + [p]: "memarahi" is marah, not parah.
  EXPECT_EQ(Stem("memarahi"), "marah");
}

TEST_F(StemmerTest, ParticlesAndPossessives) {
  EXPECT_EQ(Stem("jalannya"), "jalan");
  EXPECT_EQ(Stem("sampahnya"), "sampah");
  EXPECT_EQ(Stem("tolonglah"), "tolong");
  EXPECT_EQ(Stem("petugasnya"), "petugas");
}

TEST_F(StemmerTest, PrefersTheLongerRootAndLeavesUnknownWordsAlone) {
  EXPECT_EQ(Stem("dikasih"), "kasih");  // not "kas" + -ih

  EXPECT_EQ(Stem("xyzabc"), "xyzabc");
  EXPECT_EQ(Stem("di"), "di");
  EXPECT_EQ(Stem("<nik>"), "<nik>");
}

TEST(StemmerNoRootsTest, WithoutRootsNothingIsStripped) {
  Stemmer empty;
  EXPECT_EQ(empty.Stem("diperbaiki"), "diperbaiki");
}

}  // namespace
}  // namespace aduan::classifier
