#include "classifier/stemmer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "classifier/keyword_classifier.h"
#include "tests/classifier/shipped.h"

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

// Possessive and definite endings the stemmer leaves on are dropped by the classifier when the
// word is unknown and the rest is a word the shipped rules use; AnalyzedWords() shows what the
// rules saw ("word/stem").
class SuffixedNounTest : public ::testing::Test {
 protected:
  // The written rules alone: the fallback tier is a second classifier around them.
  static const KeywordClassifier& Shipped() {
    const auto* keyword = dynamic_cast<const KeywordClassifier*>(&ShippedWrittenClassifier());
    EXPECT_NE(keyword, nullptr);
    return *keyword;
  }
  // The analysis of a one-word text.
  static std::string Seen(const char* word) {
    const std::vector<std::string> words = Shipped().AnalyzedWords(word);
    return words.size() == 1 ? words[0] : "(" + std::to_string(words.size()) + " words)";
  }
};

TEST_F(SuffixedNounTest, EveryEndingOnAnAcronym) {
  // Indonesian, Minang/Palembang, Betawi, chat, Sundanese, Javanese.
  for (const char* word :
       {"pdamnya", "pdamnyo", "pdamnye", "pdamny", "pdamna", "pdamne", "pdame"}) {
    EXPECT_EQ(Seen(word), std::string(word) + "/pdam") << word;
  }
  // (Words of the lexicon's own, such as "ktpne", are read through the lexicon instead.)
  EXPECT_EQ(Seen("bpjsne"), "bpjsne/bpjs");
  EXPECT_EQ(Seen("pkhne"), "pkhne/pkh");
  EXPECT_EQ(Seen("rsudne"), "rsudne/rsud");
  EXPECT_EQ(Seen("tpsnyo"), "tpsnyo/tps");
}

TEST_F(SuffixedNounTest, NounsAndDerivedWords) {
  EXPECT_EQ(Seen("bansosne"), "bansosne/bansos");
  EXPECT_EQ(Seen("bantuanne"), "bantuanne/bantu");  // the rest is stemmed as any word
  EXPECT_EQ(Seen("sakolane"), "sakolane/sekolah");  // the rest goes through the lexicon
}

TEST_F(SuffixedNounTest, LookAlikesStayAsWritten) {
  // Words that merely end in those letters: roots, a rest shorter than three letters, or a
  // rest no rule uses.
  for (const char* word : {"warna", "guna", "kena", "sane", "pure", "bine", "dane", "karena",
                           "suasana", "rencana", "bahaya", "kereta"}) {
    EXPECT_EQ(Seen(word), word) << word;
  }
  // Words the stemmer already reads keep its reading.
  EXPECT_EQ(Seen("jalannya"), "jalannya/jalan");
  EXPECT_EQ(Seen("xyzabcnya"), "xyzabcnya");
}

}  // namespace
}  // namespace aduan::classifier
