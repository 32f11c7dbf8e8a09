// Round 27's families on the shipped rules: the urgent flag's precision. Hazard words told as a
// past event (by its date), a hazard already handled, the remains or the shelter afterwards, a
// proneness, a rumour, a habit or plain emphasis must not page the operator; the same hazards
// happening now, and danger that had no cue before (an armed robber, a crash's pinned driver, an
// exploding stove, an elder gone), must. Texts written for this test (not from any labelled set),
// each beside a look-alike on the other side of the line.
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

using Case = FamilyCase;

class UrgentPrecisionTest : public ::testing::TestWithParam<Case> {};

TEST_P(UrgentPrecisionTest, FlagsDangerNowOnly) { ExpectFamily(GetParam()); }

const Case kCases[] = {
    // The past told by its date: a month, a year, a day of the month, "silam"; a danger told
    // after "sekarang" keeps its own clause.
    {"MonthNamedPast", "rumah paman hangus terbakar bulan Juli, mohon info syarat KK pengganti",
     false},
    {"MonthThenBurningNow",
     "sejak Januari kami lapor kabel semrawut, sekarang tiang itu terbakar dan apinya menjalar ke "
     "kios",
     true},
    {"MonthWithLalu", "gudang beras kebakaran September lalu, santunannya belum cair", false},
    {"YearSince", "tebing di atas jalan kampung retak sejak 2022, mohon dibangun bronjong", false},
    {"DayOfMonth",
     "kami mengungsi ke balai desa sejak banjir bandang tanggal 12, kapan bantuan datang", false},
    {"FlashFloodNow", "banjir bandang barusan menerjang, warga terseret arus di jembatan", true},
    {"Silam", "korban longsor dua pekan silam minta rumahnya didata ulang", false},
    // Already handled: a snake caught, a trunk cut up; the same snake still loose.
    {"SnakeAlreadyCaught",
     "kobra di dapur bu Ani sudah ditangkap pawang, mau tanya kalau ketemu lagi lapor ke mana",
     false},
    {"SnakeNotCaught", "kobra masuk dapur bu Ani, belum ditangkap, anaknya masih di dalam rumah",
     true},
    {"TrunkCutUp",
     "pohon asam yang tumbang tadi subuh sudah dipotong warga, tinggal dahannya di trotoar", false},
    // Remains, shelter and the weeks after a disaster.
    {"ShelterWeeksAfter",
     "sudah sebulan kami di hunian sementara sejak rumah hanyut, air bersihnya susah", false},
    {"FormerFireSite", "lahan bekas kebakaran pasar dijadikan parkir liar oleh oknum", false},
    // Proneness, rumour and fear; the same hazard happening now.
    {"ProneToBurn", "kios bensin eceran di depan SD gampang terbakar, tolong ditertibkan", false},
    {"FuelStallBurning",
     "kios bensin eceran di depan SD terbakar, apinya menjalar ke pagar sekolah", true},
    {"RumourOfBreach", "katanya bendungan bakal jebol nanti malam, itu hoaks bukan?", false},
    {"BreachNow", "tanggul jebol barusan, air masuk rumah warga sudah sepinggang", true},
    {"Firecracker", "dentuman keras tadi ternyata petasan anak muda, tolong ditegur", false},
    {"WasWasTree",
     "pohon randu doyong ke rumah kami, tiap angin kencang kami was-was, mohon ditebang", false},
    {"TreeOverPlayingKids",
     "pohon randu doyong dan akarnya terangkat, anak-anak masih main di bawahnya", true},
    // The same hour every day; fumes felling people now.
    {"SmellEveryAfternoon",
     "pabrik cat di belakang kampung baunya menyengat tiap sore, warga sering pusing, takut "
     "keracunan",
     false},
    {"FumesFaintingNow",
     "bau kimia dari pabrik cat menyengat, tiga warga pingsan dan muntah sekarang", true},
    // Cable burnt for its copper; a pole's cable on fire over passers-by.
    {"CopperBurning", "pemulung membakar kabel bekas untuk diambil tembaganya, asapnya hitam pekat",
     false},
    {"PoleCableBurning",
     "kabel di tiang depan warung terbakar, apinya menetes ke jalan, orang masih lewat", true},
    // Every fire, the supply cut, emphasis, a broken engine; a shock and a fire now.
    {"EveryFireLate",
     "setiap ada kebakaran di kampung kami mobil damkar selalu telat karena gangnya sempit", false},
    {"SupplyCut", "setrum PLN padam dari siang, pompa air tidak jalan", false},
    {"ShockNow", "anak tetangga kesetrum kabel jemuran, sekarang tidak sadar", true},
    {"EmphasisCard", "darurat banget, kartu BPJS saya nonaktif padahal mau kontrol besok", false},
    {"EmphasisWithFire", "darurat banget, rumah sebelah kebakaran dan apinya sudah ke atap", true},
    {"EngineBroken", "mobil damkar di pos kecamatan rusak dua minggu, gimana kalau ada kebakaran",
     false},
    // Danger now that had no cue: an armed robber, a crash with the driver pinned, a stove
    // exploding, someone not answering, an elder gone, a road caving in under traffic; each beside
    // its calm look-alike.
    {"ArmedRobberNow", "perampok bersenjata golok masuk toko emas di pasar, karyawan disandera",
     true},
    {"ArmedRobberCaught",
     "perampok bersenjata golok yang beraksi di toko emas sudah ditangkap polisi", false},
    {"CrashPinned", "truk terguling di tanjakan, sopirnya kejepit di kabin", true},
    {"CrashCleared",
     "truk yang terguling di tanjakan sudah dievakuasi derek, jalannya licin oli, mohon "
     "dibersihkan",
     false},
    {"StoveExploded", "kompor gas warteg meleduk, apinya sampai plafon", true},
    {"TyreBurst", "ban motor saya meleduk kena paku di jalan berlubang", false},
    {"NotAnswering", "nenek di kamar sebelah dipanggil tidak menyahut dari pagi, pintunya terkunci",
     true},
    {"OfficeNotAnswering", "laporan ke kelurahan tidak direspon sudah seminggu", false},
    {"ElderGone", "nenek kami yang pikun hilang sejak subuh, belum ketemu", true},
    {"ElderCardLost", "KTP nenek saya hilang, mau buat ulang syaratnya apa", false},
    {"RoadCavingNow", "jalan raya amblas barusan, lalu lintas masih jalan, motor hampir terperosok",
     true},
    {"RoadCavedFilled", "jalan amblas di depan kantor desa sudah diurug, terima kasih", false},
    // Families the older labelled sets share: flip-flops and kittens beside a pinned hand and a
    // trapped child, an early-warning device asked for, English "fire" as dismissal beside a
    // fire, a raging man with a machete.
    {"FlipFlops",
     "pegawai kelurahan melarang saya masuk karena memakai sandal jepit, nadanya membentak", false},
    {"HandPinnedNow",
     "tangan anak saya terjepit pintu besi lift apartemen, tidak bisa ditarik keluar", true},
    {"KittenStuck", "anak kucing terjebak di dalam pipa paralon depan rumah, mengeong terus",
     false},
    {"ChildStuckNow", "anak tetangga terjebak di dalam pipa gorong-gorong, suaranya makin lemah",
     true},
    {"WarningDeviceAsked",
     "mohon dipasang sistem peringatan dini banjir di bantaran kali Cibeureum", false},
    {"FiredFromJob", "my boss said he will fire anyone who joins the union, is that legal?", false},
    {"FireInEnglishNow", "there is a fire in the warehouse next to our house, flames on the roof",
     true},
    {"RageWithMachete", "pria mabuk mengamuk sambil mengayunkan golok di depan warung kopi", true},
    // A disaster's aftermath (its victims asking for aid or papers, services days later) beside
    // victims still in danger.
    {"FireVictimsAskAid",
     "kami korban kebakaran di gang melati, sudah dua minggu tinggal di masjid, kapan bantuan "
     "sembako datang",
     false},
    {"AfterFloodWaterOff",
     "pasca banjir kemarin lusa air ledeng di blok C belum mengalir sama sekali", false},
    {"BurntHomePermit", "rumah saya habis terbakar, mau bangun lagi apa perlu urus PBG baru?",
     false},
    {"FloodVictimsTrappedNow",
     "korban banjir di RT 4 masih terjebak di atap rumah, air terus naik, tolong perahu", true},
    {"LandslideVictimsBuriedNow",
     "korban longsor di dusun atas masih tertimbun, warga menggali pakai tangan", true},
};

INSTANTIATE_TEST_SUITE_P(Round27, UrgentPrecisionTest, ::testing::ValuesIn(kCases), FamilyCaseName);

}  // namespace
}  // namespace aduan::classifier
