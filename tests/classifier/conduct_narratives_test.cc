// Round 21's families on the shipped rules: maladministration and danger told as a story rather
// than in the Ombudsman's words. An officer who blames the resident from the start or tips off
// the owner before a raid, a queue jumped by an officer's relative, a disabled child sent to a
// special school, a document held until money is "titipped", a meter read off the neighbour's,
// Javanese and Sundanese rudeness, a desk nobody sits at, a promise of days become months; and
// the urgent scenes (a child not home after dark, a man lying still, an armed threat, a rider
// still in the trench). Each family is checked with texts written for this test (not from any
// labelled set) beside a look-alike that must go elsewhere or stay unlabelled.
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

using Case = FamilyCase;

class ConductNarrativesTest : public ::testing::TestWithParam<Case> {};

TEST_P(ConductNarrativesTest, ReadsTheFamily) { ExpectFamily(GetParam()); }

const Case kCases[] = {
    // Siding told by what the officer did; a mediation that heard both sides.
    {"MediatorBlamedFromTheStart",
     "rapat mediasi di kelurahan soal tembok tetangga, sekel dari awal udah nyalahin saya", false,
     nullptr, "BERPIHAK"},
    {"MediatorHeardBoth",
     "rapat mediasi di kelurahan soal tembok tetangga, sekel dengerin dua pihak, kami sepakat",
     false, nullptr, "BERPIHAK", false},
    {"RaidTippedOff",
     "tiap mau ada penertiban, petugas ngabarin yg punya warung duluan sebelum razia", false,
     nullptr, "BERPIHAK"},
    {"RaidAnnounced", "petugas sudah mengumumkan jadwal razia parkir ke semua warga minggu lalu",
     false, nullptr, "BERPIHAK", false},
    {"OfficerExcusesTheNoise",
     "bengkel las bunyi sampe tengah malem, petugas cuma bilang namanya juga usaha pak", false,
     nullptr, "BERPIHAK"},
    // A queue jumped by an officer's relative; a priority lane for the elderly that is posted.
    {"QueueJumpedByKin",
     "kami antri dr jam 6, ada ibu2 langsung masuk, ternyata saudaranya petugas loket", false,
     nullptr, "DISKRIMINASI"},
    {"KinQueuedToo", "saudaranya petugas loket juga antri dari pagi bareng kami, loketnya lambat",
     false, nullptr, "DISKRIMINASI", false},
    // A disabled child turned away far into the story; a school that took the child in.
    {"WheelchairSentAway",
     "anak saya pakai kursi roda, kami datang ke SMP negeri dekat rumah bawa semua berkas, "
     "wakasek cuma liat sebentar terus bilang di sini tidak ada fasilitasnya",
     false, nullptr, "DISKRIMINASI"},
    {"WheelchairWelcomed",
     "anak saya pakai kursi roda, diterima di SMP negeri dekat rumah, minta dibuatkan ramp", false,
     nullptr, "DISKRIMINASI", false},
    // Religion asked as a ground; a religious leader's signature as a listed role.
    {"ReligionAsked", "minta surat domisili, petugas kelurahan malah nanya agama saya dulu", false,
     "KEWILAYAHAN", "DISKRIMINASI"},
    {"ReligiousLeaderSigns",
     "surat keterangan tidak mampu ditolak, katanya perlu tanda tangan tokoh agama, ditolak terus",
     false, "KEWILAYAHAN", "DISKRIMINASI", false},
    // A document held until money is handed over; a ticket paid at the counter.
    {"LicenceHeldForMoney",
     "sim saya ditahan petugas, baru dikembalikan setelah saya titip 50 ribu", false, nullptr,
     "PENYALAHGUNAAN_WEWENANG"},
    {"OnTheSpotSettlement", "petugas bilang bisa damai di tempat aja daripada sidang", false,
     nullptr, "PERMINTAAN_IMBALAN"},
    {"StaffToTheBossHouse",
     "kepala puskesmas nyuruh cleaning service bersihin rumah pribadinya tiap sabtu", false,
     nullptr, "PENYALAHGUNAAN_WEWENANG"},
    // A creditor's threat is a police matter, not an officer's abuse.
    {"CreditorThreat", "tetangga ngancam mau ngerusak motor saya gara2 utang 2 juta", false,
     nullptr, "PENYALAHGUNAAN_WEWENANG", false},
    // A residents' levy agreed and accounted for; a levy taken with no receipt stays money asked.
    {"AgreedLevy", "pak rt narik iuran sampah 15rb, itu hasil rapat warga dan ada laporan kasnya",
     false, nullptr, "PERMINTAAN_IMBALAN", false},
    // Wrong data told by its effect; a bill that is high and correct.
    {"MeterOfTheNeighbour", "ternyata petugas nyatet angka meteran tetangga ke tagihan air saya",
     false, "PDAM", "TIDAK_KOMPETEN"},
    {"SameMistakeAgain",
     "nama jalan di sppt pbb saya salah, udah dibetulkan tahun lalu, tahun ini salah yang sama",
     false, "BAPENDA", "TIDAK_KOMPETEN"},
    {"WrongDose", "bidan puskesmas kasih obat dosis dewasa ke bayi saya", false, "DINKES",
     "TIDAK_KOMPETEN"},
    // Javanese and Sundanese rudeness; a firm but polite officer.
    {"JavaneseSwearing", "pak satpol misuh-misuh nang pedagang cilik ning pasar", false, nullptr,
     "TIDAK_PATUT"},
    {"SundaneseScolding", "di kantor kelurahan abdi dicarekan ku petugas, isin pisan", false,
     nullptr, "TIDAK_PATUT"},
    {"PoliteSatpol", "pak satpol sopan ngingetin pedagang supaya mundur dari trotoar", false,
     nullptr, "TIDAK_PATUT", false},
    // A desk nobody sits at; an office closed on a holiday.
    {"NobodyAtTheDesk", "jam 9 pagi di kantor kecamatan ga ada satupun petugas di loket", false,
     "KEWILAYAHAN", "TIDAK_MEMBERIKAN_PELAYANAN"},
    {"ToldToSortItAlone", "minta tolong ke dinsos buat nenek terlantar, jawabnya urus sendiri aja",
     false, "DINSOS", "TIDAK_MEMBERIKAN_PELAYANAN"},
    {"RefusalShownByTheRule",
     "berkas saya ditolak, petugas nunjukin papan syarat, memang harus pakai kk terbaru", false,
     nullptr, "TIDAK_MEMBERIKAN_PELAYANAN", false},
    // A promise of days become months; a "besok" that was kept.
    {"DaysBecameMonths", "kata petugas dukcapil kk saya dijanjikan 7 hari, ini sudah 3 bulan",
     false, "DISDUKCAPIL", "PENUNDAAN_BERLARUT"},
    {"BesokKept",
     "petugas posyandu bilang vaksinnya besok, hari ini saya datang dan anak langsung divaksin",
     false, "DINKES", "PENUNDAAN_BERLARUT", false},
    // Conflict of interest: the officer's own business; an official's child who queued like all.
    {"WifeOwnsThePharmacy", "dokter puskesmas nyuruh pasien tebus vitamin di apotek milik istrinya",
     false, "DINKES", "KONFLIK_KEPENTINGAN"},
    {"OfficialsChildQueued",
     "anak pak lurah juga daftar ppdb di smp itu dan ikut antri kayak kami, kuotanya berapa", false,
     "DISDIK", "KONFLIK_KEPENTINGAN", false},
    // Urgent scenes; the same scenes over or harmless.
    {"ChildNotHomeAfterDark",
     "adik saya umur 9 tahun pamit ke warung sore tadi, sampai jam 10 malam belum pulang", true,
     "POLRI"},
    {"ChildHomeLate", "anak saya pulang sekolah telat sejam karena ikut latihan pramuka", false},
    {"ManLyingStill",
     "ada ibu2 tergeletak di pinggir jalan deket pasar, tidak bergerak, belum ada yg nolong", true},
    {"FaintedAndTaken",
     "tadi ada yang pingsan di pasar, sudah dibawa ambulans, mohon dibuat tempat teduh", false},
    {"ArmedThreat", "ada preman bawa golok ngancam pedagang di pasar malem, semua pada tutup", true,
     "POLRI"},
    {"RiderStillInTheTrench",
     "pemotor jatuh ke galian kabel di jl cempaka, kakinya patah, masih di dalam lubang", true},
    {"TrenchWithoutRider", "galian kabel di jl cempaka belum ditutup, mohon dipasang pembatas",
     false},
    {"TrunkLeftAfterCutting",
     "pohon tumbang kemarin sudah dipotong warga, batangnya menumpuk di pinggir jalan", false,
     "DLH"},
    {"CatInATree", "kucing tetangga nyangkut di pohon jambu dari siang, tolong diturunin", false,
     "DAMKAR"},
    {"GasHissing", "there is a hissing gas smell in our kitchen block, nobody can find the tap",
     true, "DAMKAR"},
    // Probes written after the guards passed, each of which a first draft got wrong: a pipe
    // that hisses, a machete for weeding, a cable left in a hole, a question about the religion
    // field, an app's old version.
    {"HissingPipe", "the old water pipe makes a hissing sound at night, PDAM please check", false,
     "PDAM"},
    {"MacheteForWeeding", "warga bawa parang buat kerja bakti potong rumput di taman kota", false},
    {"CableInTheHole", "kabel fiber masih di dalam lubang galian, lubangnya belum ditutup", false},
    {"ReligionFieldQuestion", "mau tanya agama di KTP bisa diganti ga di dukcapil?", false,
     "DISDUKCAPIL", "DISKRIMINASI", false},
    {"AppVersion", "aplikasi pemkot versi lama saja yang jalan, laporan saya gagal terkirim", false,
     nullptr, "BERPIHAK", false},
    {"ChemicalSmellAtAFactory",
     "bau gas kimia menyengat dari pabrik cat, warga pusing, masih bocor", true, "DLH"},
};

INSTANTIATE_TEST_SUITE_P(Shipped, ConductNarrativesTest, ::testing::ValuesIn(kCases),
                         FamilyCaseName);

}  // namespace
}  // namespace aduan::classifier
