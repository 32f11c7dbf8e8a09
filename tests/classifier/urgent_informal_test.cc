// Round 30's families on the shipped rules: danger typed the way a frightened resident types it
// (no hazard word, a misspelt one, a regional word, English, or the danger implied by what is
// happening) must be urgent and reach the responder; the same words told as a fear, a request
// for prevention, paperwork, a hazard already handled or plain emphasis must not page anyone.
// Texts written for this test (not from any labelled set), each beside a look-alike on the other
// side of the line.
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

using Case = FamilyCase;

class UrgentInformalTest : public ::testing::TestWithParam<Case> {};

TEST_P(UrgentInformalTest, FlagsInformalDangerOnly) { ExpectFamily(GetParam()); }

const Case kCases[] = {
    // A flame that catches what is next to it; a snatch thief's "nyamber" is no fire.
    {"FlameCatchesRoof", "apinya udah nyamber ke atap warung bakso sebelah, tolong cepetan", true,
     "DAMKAR"},
    {"FlameCatchesCurtain",
     "colokan di kamar kos meletup terus nyambar gorden, asapnya udah sampe lorong", true,
     "DAMKAR"},
    {"ThiefSnatches", "jambret nyamber tas ibu2 di depan bank tadi pagi, pelakunya kabur", false},
    // Water over people who cannot get out; the same water told as a habit or a fear.
    {"FloodedCannotLeave",
     "rumah mbah di pinggir kali kerendem, beliau sendirian ga bisa keluar, pintunya kebuka "
     "separo",
     true, "BPBD"},
    {"RiverRisingFast",
     "air kali Ciliwung naik sangat cepat sore ini, jalan gang sudah jadi sungai", true},
    {"FloodFearedIfRain",
     "kalau banjir datang lagi takut nenek ga bisa keluar rumah, mohon dibuatkan jalur evakuasi",
     false},
    // Ground giving way above a classroom; an old crack asked to be repaired.
    {"SlopeCrumblingOverSchool",
     "tebing di belakang SD rontok terus dari pagi, murid masih di kelas", true, "BPBD"},
    // A live wire told by its sparks or its flame; a sparkless sagging cable is a fault.
    {"CableSparks",
     "kabel di tiang depan rumah keluar bunga api tiap kena ranting, anak2 main di "
     "bawah",
     true, "PLN"},
    {"FenceLive", "pagar besi sekolah nyetrum, tadi murid kelas 2 kaget pegang pagar", true, "PLN"},
    {"CableOnlyLoose", "kabel listrik di gang kami kendor dan semrawut, mohon dirapikan", false},
    // A roof or a wall down on people; a crack that has not fallen.
    {"HallRoofOnPeople", "atap balai warga ambruk waktu rapat rt, beberapa bapak2 ketimpa genteng",
     true, "DAMKAR"},
    {"ShopCollapsedWorkers", "bangunan ruko lagi dicor rubuh, tiga pekerja kehimpit di bawah", true,
     "DAMKAR"},
    {"CrackOnly", "atap balai warga retak2 dan bocor tiap hujan, mohon diperbaiki", false},
    // A tree down on a house with someone pinned: the rescue, not the tree service; nobody
    // under it, the trunk is the tree service's; an earthquake's collapse stays with disasters.
    {"TreeOnSomeoneSundanese", "tangkal nangka rubuh ka dapur, aya nu katindihan, tulungan", true,
     "DAMKAR"},
    {"TreeOnFenceNobodyHurt",
     "kemarin pohon nangka tumbang nimpa pagar rumah, ga ada yg ketimpa, mohon batangnya dipotong",
     false, "DLH"},
    {"QuakeCollapseOnPeople", "gempa barusan, dinding aula roboh, ada yg ketimpa dua orang", true,
     "BPBD"},
    // Gone under the water, told in Sundanese or English.
    {"SundaneseDrowning", "aya budak tilelep di walungan, can kapanggih dugi ka ayeuna", true,
     "DAMKAR"},
    {"EnglishNotSurfaced",
     "a boy dived off the pier at the reservoir and has not surfaced for five minutes", true,
     "DAMKAR"},
    {"ToddlerLockedInCar",
     "balita tetangga keunci di mobil di parkiran pasar, panas banget, kuncinya di dalam", true,
     "DAMKAR"},
    // Somebody not back, with no hazard word; papers or a card not back are not.
    {"SonNotBackJavanese", "anakku wedok ora bali ket wingi sore, hp ne mati", true, "POLRI"},
    {"DaughterLostSundanese", "putra abdi leungit di terminal, nembe 5 taun", true, "POLRI"},
    {"ElderWithDementiaOut",
     "kakek sy pikun, keluar rumah abis subuh ga bawa apa2, sampe siang belum ada yg liat", true,
     "POLRI"},
    {"PikunanWentOut", "nenek sy pikunan keluar pas kami tidur siang, ditelusuri belum nemu", true,
     "POLRI"},
    {"SisterOnStrangersBike",
     "adik sy pulang les dibonceng cowok tak dikenal, sampai malam hpnya ga aktif", true, "POLRI"},
    {"DiplomaNotBack", "ijazah anak sy belum kembali dari sekolah lama, sudah 3 bulan", false},
    {"CardLostByChild", "anak sy ilang kartu pelajar di angkot, gimana bikin lagi", false},
    {"ChildFoundAlready", "adik sy yg tadi hilang di pasar udah ketemu, makasih pak", false},
    // A body failing: blue lips, a collapse told in English; a fit last week asked about.
    {"BlueLips", "mertua sy tiba2 lemes, bibirnya biru, napasnya pendek2", true, "DINKES"},
    {"EnglishCollapse",
     "a woman collapsed in the mosque courtyard, she is not responding and barely breathing", true},
    // Violence told by the blows and the cry; a past row reported.
    {"BeatingWithScreams", "tetangga lagi ngehajar anaknya pake sabuk, anaknya jerit2", true,
     "POLRI"},
    {"BrawlBleeding", "tawuran di depan stasiun, ada yang berdarah kena gir", true, "POLRI"},
    {"BrawlPatrolAsked", "tiap sabtu anak2 sekolah suka tawuran di jembatan, minta ada patroli",
     false},
    // Animals and insects attacking now; a nest with nobody stung, a snake already caught.
    {"SnakeUnderBed", "ada uler nyelinap ke kamar, sekarang di bawah kasur anak", true, "DAMKAR"},
    {"DogBitingChildren", "anjing liar nggigitin anak2 di depan mesjid, udah 3 yg luka", true,
     "DAMKAR"},
    {"BeesAttacking", "lebah nyerang anak2 pramuka di bumi perkemahan, ada yg pingsan", true,
     "DAMKAR"},
    {"NestNobodyStung",
     "ada sarang lebah di pohon mangga sekolah, belum ada yg kena, minta "
     "dipindah",
     false},
    {"SnakeCaughtAsking", "uler di kamar sudah ditangkap pawang, mau tanya cara biar ga masuk lagi",
     false},
    {"RabiesShotAsked", "minta suntik rabies gratis buat anjing kampung di RW 5", false},
    // Gas where people fall ill or a cylinder hisses; a smell from the landfill.
    {"CylinderHissing", "tabung melon di dapur warung mendesis kenceng, bau gas kemana2", true,
     "DAMKAR"},
    {"GasMakesResidentsSick", "bau gas nyebar di lantai 3 rusun, dua anak pusing dan muntah", true,
     "DAMKAR"},
    {"LandfillGasSmell", "bau gas dari tpa bikin warga pusing tiap sore, mohon ditangani", false},
    // Paperwork after a disaster, emphasis, and a fear turned into a request.
    {"CopyOfBurntPapers", "akta anak sy kebakar, mau ngurus salinannya dimana", false},
    {"DeathCertificateAfterTree",
     "akta kematian bapak yg tertimpa pohon belum jadi, sudah 3 minggu", false},
    {"DaruratPrice", "darurat min, harga elpiji melon 30 ribu di warung", false},
    {"EmergencyWifi", "emergency banget wifi taman kota mati, mau kirim tugas", false},
    {"FearedFallPrevention",
     "anak2 suka main di tepi sungai, takut kecebur, mohon dipasang pagar pengaman", false},
};

INSTANTIATE_TEST_SUITE_P(Round30, UrgentInformalTest, ::testing::ValuesIn(kCases), FamilyCaseName);

}  // namespace
}  // namespace aduan::classifier
