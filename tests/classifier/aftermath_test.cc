// Round 31's families on the shipped rules: a disaster or a fire named as the cause of a need
// (aid, papers, a stall, a tax, a diploma, a permit, news, sickness, debris) goes to the agency
// that provides what is asked and is no emergency, beside counter-cases where the disaster is
// still going on (people trapped, a fire still burning, water rising). Texts written for this test,
// not taken from any labelled set.
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

using Case = FamilyCase;

class AftermathTest : public ::testing::TestWithParam<Case> {};

TEST_P(AftermathTest, ReadsTheFamily) { ExpectFamily(GetParam()); }

const Case kCases[] = {
    // Aid asked after a disaster: the social service; relief at a shelter during it stays BPBD.
    {"LivingCostAidAfterFire",
     "rumah kontrakan kami ludes karena kebakaran minggu lalu, apa ada santunan atau jaminan hidup "
     "dari pemkot? kami skrg numpang di mushola",
     false, "DINSOS"},
    {"AidForFloodVictimsLate",
     "sy korban banjir di rw 05, uang bantuan yg dijanjikan pemkot blm turun, tetangga udh dapet "
     "semua",
     false, "DINSOS"},
    {"ShelterShortOfFoodNow",
     "posko pengungsian banjir di balai rw 3 kehabisan logistik, 200 pengungsi belum makan dari "
     "siang",
     false, "BPBD"},
    // Papers lost to the water or the fire: civil registry, and no emergency.
    {"FamilyCardWashedAway",
     "KK dan akta kelahiran anak saya ikut hanyut waktu banjir kemarin lusa, gimana cara ngurus "
     "ulang?",
     false, "DISDUKCAPIL"},
    {"IdCardBurntInHouseFire",
     "ktp suami sy ikut terbakar pas kebakaran rumah bulan lalu, mau cetak ulang syaratnya apa",
     false, "DISDUKCAPIL"},
    {"ChildSweptAwayNow",
     "tolong anak sy hanyut di kali belakang rumah, arusnya deras, belum ketemu", true, nullptr},
    // A burnt market stall: the trade service's relocation, not the fire brigade.
    {"StallBurntAskRelocation",
     "kios saya di pasar kembang ikut hangus waktu kebakaran kemarin, kapan pedagang direlokasi "
     "sementara?",
     false, "DISPERINDAG"},
    {"MarketOnFireNow",
     "api masih membesar di pasar kembang, kios2 terbakar, tolong damkar cepat datang", true,
     "DAMKAR"},
    // Taxes and fees on a house that is gone.
    {"PropertyTaxOnHouseLostToLandslide",
     "rumah kami sudah rata tanah akibat longsor tahun lalu tapi pbb nya masih ditagih penuh, bisa "
     "minta keringanan?",
     false, "BAPENDA"},
    // Schooling after the disaster.
    {"DiplomaSoakedAskReplacement",
     "ijazah sma anak sy rusak kena banjir, sekolah bilang gk bisa kasih pengganti, harus kemana",
     false, "DISDIK"},
    // Permits: a fire-safety paper needed for a permit is the permit office's question.
    {"FireSafetyPaperForPermit",
     "ngurus pbg ruko diminta sertifikat proteksi kebakaran, itu ngurusnya dimana ya? di daftar "
     "syarat gk ada",
     false, "DPMPTSP"},
    // News of a fire is the city's information service.
    {"OldFireVideoSpreadAsNew",
     "ada yg nyebar video kebakaran lama di grup wa, katanya terjadi hari ini di kampung sebelah, "
     "warga pada panik",
     false, "DISKOMINFO"},
    // Sickness after the flood: health service.
    {"DiarrhoeaAfterFlood",
     "sejak banjir surut banyak anak di rt 02 kena diare, puskesmas kehabisan obat oralit", false,
     "DINKES"},
    // Rubbish and ash left behind: environment.
    {"DebrisLeftAfterWarehouseFire",
     "sisa kebakaran gudang plastik minggu lalu, puing dan abunya dibiarkan numpuk di pinggir kali",
     false, "DLH"},
    // The emergency itself keeps its responder and the urgent flag.
    {"VictimsStillTrappedByFlood",
     "korban banjir di rt 04 masih terjebak di loteng, air makin tinggi, butuh perahu", true,
     "BPBD"},
    {"HouseStillBurning", "rumah pak haji di gang mawar terbakar, api masih berkobar, tolong", true,
     "DAMKAR"},
    {"ManPinnedAfterQuake",
     "ada bapak2 terjepit reruntuhan warung yg roboh abis gempa barusan, masih sadar", true,
     nullptr},
};

INSTANTIATE_TEST_SUITE_P(Round31, AftermathTest, ::testing::ValuesIn(kCases), FamilyCaseName);

}  // namespace
}  // namespace aduan::classifier
