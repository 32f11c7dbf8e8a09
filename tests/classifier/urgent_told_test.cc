// Round 32's families on the shipped rules: emergencies told by what is happening rather than by
// a hazard noun (choking, a crowd about to beat a thief, a ceiling coming down on a class, water
// at socket height, an emergency ward that wants a referral or money first), each beside a
// look-alike told as past, handled or routine. Texts written for this test.
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

using Case = FamilyCase;

class UrgentToldTest : public ::testing::TestWithParam<Case> {};

TEST_P(UrgentToldTest, ReadsTheFamily) { ExpectFamily(GetParam()); }

const Case kCases[] = {
    // Choking on something swallowed; a question after it came out.
    {"ToddlerChokingOnACoin", "anak sy 2 thn keselek koin, mukanya merah susah napas, tolong", true,
     nullptr},
    {"CoinPassedAlready",
     "minggu lalu anak sy menelan koin tapi sudah keluar sendiri, perlu kontrol ke puskesmas gk ya",
     false, nullptr},
    // A crowd about to beat a thief; a theft told afterwards.
    {"ThiefAboutToBeBeaten",
     "ada maling ketangkep di gang 5, mau dihakimi massa, tolong polisi cepat", true, "POLRI"},
    {"BurglarStillInside",
     "ada maling masih di dalam rumah tetangga, kedengeran suara barang dibongkar", true, "POLRI"},
    {"BurglaryLastNight",
     "rumah sy kemalingan semalam, maling masuk ke dalam rumah lewat jendela, sudah lapor polsek",
     false, "POLRI"},
    // A ceiling coming down on a class; one that fell last year.
    {"CeilingFallingOnAClass",
     "plafon ruang kelas 4 mulai jatuh sepotong2, murid masih di dalam belajar", true, nullptr},
    {"CeilingFellLastYear",
     "plafon kelas 4 runtuh tahun lalu sampai sekarang belum diperbaiki, murid belajar di "
     "perpustakaan",
     false, "DISDIK"},
    // Water at socket height inside a house; a socket question.
    {"WaterAtSocketHeight",
     "air di dalam rumah sudah setinggi colokan listrik, kami di lantai atas", true, nullptr},
    {"SocketBrokenAfterRain", "colokan listrik di ruang tamu rusak, minta info teknisi pln", false,
     nullptr},
    // The emergency ward asking for a referral or money first, with the patient in danger.
    {"ErWantsAReferralFirst",
     "istri sy kejang di igd rsud, petugas bilang harus ada rujukan puskesmas dulu, sudah 1 jam "
     "dibiarkan",
     true, "RSUD"},
    {"ReferralForAScheduledVisit",
     "mau kontrol ke poli mata rsud katanya harus rujukan puskesmas dulu, ribet", false, nullptr},
};

INSTANTIATE_TEST_SUITE_P(Round32, UrgentToldTest, ::testing::ValuesIn(kCases), FamilyCaseName);

}  // namespace
}  // namespace aduan::classifier
