// Round 12's urgent families on the shipped rules: illness from piped water or chemical fumes,
// a gas leak with people inside or a strong smell, a structure failing under people still
// using it, and a tree or wall leaning over a classroom in use. Each family is checked with
// texts written for this test (not from any labelled set), and with a near miss that must stay
// not urgent: recovered people, a pruning request, a pothole, officials "lepas tangan". Later
// rounds add their families below, each beside its look-alike.
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

struct Case {
  const char* name;
  const char* text;
  bool urgent;
  const char* agency = nullptr;  // when set, the agency the complaint must go to
};

class RulesUrgentFamiliesTest : public ::testing::TestWithParam<Case> {};

TEST_P(RulesUrgentFamiliesTest, ReadsTheFamily) {
  const Case& c = GetParam();
  const Classification result = ShippedClassifier().Classify(c.text);
  const std::string evidence = EvidenceOf(result);
  EXPECT_EQ(result.urgent, c.urgent) << result.agency << evidence;
  if (c.agency != nullptr) {
    EXPECT_EQ(result.agency, c.agency) << evidence;
  }
  // An urgent complaint is never left waiting in triage.
  if (result.urgent) {
    EXPECT_FALSE(result.triage) << evidence;
  }
}

const Case kCases[] = {
    {"DiarrhoeaAfterTapWater",
     "air ledeng di komplek kami keruh, sekeluarga diare sejak minum air pdam kemarin sore", true},
    {"VomitingAfterTapWater",
     "anak2 di gang kami muntah2 semua habis minum air pdam, airnya bau aneh", true},
    {"ChemicalFumesFaint", "bau belerang dari pabrik kimia bikin warga sesak, ada yg pingsan",
     true},
    {"GasSmellStrong", "bau gas menyengat dari rumah kosong sebelah", true},
    {"GasLeakPeopleInside", "kebocoran gas elpiji di warung, warga masih di dalam", true},
    {"TreeLeaningOverClass",
     "pohon kersen di sekolah condong ke arah kelas 2, murid masih belajar di dalam", true},
    {"WallLeaningOverClass", "tembok pagar sekolah miring ke ruang kelas, anak2 lagi sekolah",
     true},
    {"BrokenStairsStillUsed",
     "jembatan penyeberangan orang tangganya patah, tapi orang masih nekat lewat", true},
    {"RecoveredIsAReport",
     "kemarin sempat diare setelah minum air pdam, sekarang sudah sembuh, mohon dicek kualitas "
     "airnya",
     false},
    {"LeaningTreePruningRequest",
     "pohon di halaman sekolah agak miring ke arah kelas, mohon dipangkas", false},
    {"BurstPipeIsNoIllness", "pipa pdam bocor di depan rumah, airnya terbuang", false},
    {"FactorySmellAlone", "asap pabrik tahu bikin bau, minta ditertibkan", false},
    {"LepasTanganIsNoFailure", "pihak desa lepas tangan soal jembatan yang rusak", false},
    {"PotholeStillDriven", "jalan berlubang di depan pasar masih dilewati truk tiap hari", false},
    // Water "naik terus" is a rising flood; a bill or price that "naik terus" is not.
    {"RisingRiverStillUrgent", "air sungai naik terus dari subuh, warga bantaran mulai panik",
     true},
    {"RisingWaterBillIsNoFlood",
     "air pdam keruh dan bau, tagihan naik terus tiap bulan padahal air sering mati", false},
    {"SignFellOff", "papan nama kantor kelurahan copot kena angin", false},
    // Round 13: a danger going on now outweighs a past or habitual word beside it.
    {"StillPassingOutweighsHabit",
     "tangga rusun retak dan goyang tiap hari, penghuni masih lewat situ", true},
    {"HabitAloneStaysARepair", "tiap hujan tangga rusun licin dan retak, mohon diperbaiki", false},
    // Only the habitual gives way to the present: a fire said to be out still is.
    {"FireOutThoughPeopleInside",
     "kebakaran kecil di dapur tadi, penghuni masih di dalam, api sudah padam", false},
    // Javanese and English danger words feed the existing families.
    {"JavaneseFire", "gudang mebel kobong, asape ireng kandel, apine wis gedhe", true},
    {"EnglishBeatingNow", "my neighbour is being beaten right now, she is screaming", true},
    {"EnglishPastBeating", "my neighbour was beaten last month, the case is with the police",
     false},
    // A deck holed under people still passing; a road hole under traffic stays a pothole.
    {"HoledDeckStillPassing", "papan jembatan kayu bolong gede, anak2 masih lewat tiap pagi", true},
    {"HoledDeckNoOneOnIt", "papan jembatan kayu di kebun bolong, mohon diganti", false},
    {"HoledRoadStillDriven", "jalan raya bolong2, motor masih lewat tiap hari", false},
    // An outbreak with no named source; one traced to a well, or over, is a report.
    {"OutbreakNoSource", "banyak warga muntah berak dari subuh, ada yang lemes banget", true},
    {"OutbreakRecovered", "sekampung sempat diare minggu lalu, sekarang sudah sembuh semua", false},
    // A person found down and barely breathing; one who came round is a report.
    {"FoundDownBarelyBreathing", "ada bapak2 terkapar di trotoar, napasnya lemah banget", true},
    {"DownButRecovered", "kemarin nenek sempat pingsan di pasar, sekarang sudah sadar dan pulih",
     false},
    // Crashes at a dead traffic light; a dead light alone, or a near miss, is a repair.
    {"CrashAtDeadLight", "lampu merah perempatan mati total, barusan ada tabrakan motor", true},
    {"DeadLightAlone", "lampu merah di perempatan pasar mati dari kemarin, mohon diperbaiki",
     false},
    {"NearMissAtDeadLight", "lampu merah mati, tadi hampir tabrakan", false},
    // Round 14: ground giving way under traffic still passing; a subsided road to fill is a repair.
    {"RoadCollapsingStillDriven",
     "jalan depan sd ambrol separuh ke kali, mobil masih lewat di sisi yang tersisa", true},
    {"EnglishCollapseStillPassing",
     "The road collapsed near the bridge and cars are still squeezing past the hole", true},
    {"SubsidedLastYearIsARepair", "jalan kampung amblas sejak tahun lalu, mohon segera diurug",
     false},
    // A tree or a roof about to fall with people under it now; a pruning request can wait.
    {"UprootedTreeChildrenPlaying",
     "pohon beringin di lapangan miring, akarnya udah terangkat, anak2 masih main di bawahnya",
     true},
    {"MarketRoofFallingTradersUnder",
     "atap los ikan di pasar runtuh sebagian, pedagang masih jualan di bawahnya", true},
    {"LeaningTreeBeforeTheRains",
     "pohon beringin di lapangan agak miring, mohon dipangkas sebelum musim hujan", false},
    {"LeakingMarketRoof", "atap pasar bocor, pedagang masih jualan tapi kehujanan", false},
    // A gas leak spraying beside a lit stove; a cylinder shortage is a trade matter.
    {"GasSprayingBesideStove",
     "tabung elpiji di dapur bocor menyembur, tetangga lagi masak pakai kompor", true},
    {"GasShortageIsNoLeak", "elpiji 3 kg langka, warga nggak bisa masak", false},
    // An open hole someone just fell into; a missing cover alone is a repair.
    {"OpenCulvertSomeoneFell",
     "gorong2 di depan masjid tutupnya hilang, barusan ada anak terperosok", true},
    {"MissingCoverAlone", "tutup gorong2 di depan masjid hilang, mohon dipasang lagi", false},
    // A child taken away by a stranger; a motorbike taken by a thief is a theft report.
    {"ChildTakenAway", "anak tetangga umur 9 tahun dibawa kabur orang gak dikenal naik motor",
     true},
    {"MotorbikeTakenAway", "motor saya dibawa kabur maling semalam, sudah lapor polsek", false},
    // Danger words said of something else: panic over a fee, aid after a past fire, a drip.
    {"KebakaranJenggotIsPanic", "pas rapat rt bapak2 kebakaran jenggot soal iuran keamanan", false},
    {"AidAfterPastFire", "rumah kami kebakaran bulan lalu, mohon info bantuan korban kebakaran",
     false},
    {"BloodUpTheDripIsNoWound",
     "pasien kelas 3 dicuekin perawat sampai darahnya naik ke selang infus", false},
    // Javanese people asleep under a bank giving way; English robbery and a light still dead.
    {"JavaneseSleepersUnderSlope", "tebing mburi omah ambrol, wong-wong isih turu", true},
    {"EnglishRobberyNow", "Someone is robbing a shop with a knife right now near the market", true},
    {"EnglishCrashLightStillOff",
     "traffic light at the big junction is dead, two motorbikes crashed and it is still off", true},
    // Round 15: a sting still going on (the hornets now in the rooms, a face swelling shut) is
    // urgent; a nest that stung someone last week is a rescue request.
    {"StungAndHornetsInTheRooms", "adik disengat tawon waktu main, tawonnya masuk ke kamar tidur",
     true},
    {"StungAndSwellingNow",
     "anak sy disengat tawon di teras, sekarang mukanya bengkak parah sampai matanya nutup", true},
    {"NestThatStungLastWeek",
     "ada sarang tawon di plafon, minggu lalu anak sy disengat, mohon dievakuasi", false},
    // A neighbour's "kemarin" dates the source, not the children's fits now; fits that are over
    // stay a report.
    {"NeighbourYesterdayKeepsTheFits",
     "2 anak di rt kami kejang dan panas tinggi, tetangganya kemarin positif campak", true},
    {"FitsOverYesterday",
     "kemarin anak sy sempat kejang, sekarang sudah sembuh, mau tanya jadwal imunisasi", false},
    // A sudden collapse with traffic still passing and no barrier, told further on than
    // near_window; an old pothole with no sign is a repair.
    {"SuddenCollapseStillPassedNoBarrier",
     "aspal di tikungan dekat sd tiba2 amblas membentuk lubang selebar mobil dan sedalam dua "
     "meter lebih, sore ini motor2 masih lewat di pinggirnya, tidak ada pembatas sama sekali",
     true},
    {"OldPotholeNoSign", "jalan berlubang sejak lama, motor masih lewat, belum ada rambu", false},
    // Round 16: a culprit still at the scene; one still at large weeks later is a report.
    {"ThiefStillInside",
     "ada maling masuk gudang toko sebelah, orangnya masih di dalam, pintunya dicongkel", true,
     "POLRI"},
    {"CulpritAtLargeSinceLastWeek",
     "pencuri helm di parkiran pasar minggu lalu belum ditangkap, pelakunya masih berkeliaran "
     "bebas",
     false},
    // A child dragged into a car, or a minor gone off with someone met online; a rumour of
    // kidnappers and a child cheated of pocket money are not.
    {"ChildDraggedIntoCar",
     "ada orang asing menarik paksa anak tk ke dalam mobil di depan gerbang sekolah, anaknya "
     "menjerit",
     true, "POLRI"},
    {"KidnapRumourIsNoAbduction",
     "ada isu penculikan anak pakai mobil putih di grup wa, itu hoaks bukan?", false},
    {"MinorGoneWithOnlineStranger",
     "adik saya 15 tahun pergi sama kenalan medsos sejak tadi malam, hpnya mati sampai sekarang",
     true, "POLRI"},
    {"OnlineStrangerCheatedPocketMoney",
     "anak saya ditipu kenalan fb, uang jajannya 200rb dibawa lewat transfer", false},
    // A ceiling failing over a class still kept at its lessons; a class moved out is a repair.
    {"CeilingFailingClassKeptInside",
     "plafon ruang kelas 6 melendut dan retak panjang, tapi murid tetap disuruh belajar di situ",
     true},
    {"CeilingFailedClassMovedOut",
     "plafon kelas 2 jebol, muridnya sudah dipindah ke perpustakaan, mohon diperbaiki", false},
    // A burst main washing out the road now; a leak a week old is a repair.
    {"BurstMainWashingOutRoad",
     "pipa pecah di jalan kampung, airnya menggerus aspal sampai amblas, motor hampir terperosok",
     true},
    {"LeakAWeekOldIsARepair",
     "pipa bocor di pinggir jalan sudah seminggu, aspalnya amblas sedikit, mohon diperbaiki",
     false},
    // A swarm attacking people now; a nest that might attack is a rescue request.
    {"SwarmAttackingNow", "lebah menyerang jamaah yang keluar masjid, banyak yang lari", true},
    {"SwarmFeared", "sarang lebah di menara masjid, takut nanti lebah menyerang jamaah", false},
    // Bleeding that will not stop; nosebleeds that come and go are a question for a doctor.
    {"NosebleedWillNotStop",
     "bapak saya mimisan tidak berhenti dari tadi, sudah disumbat tetap keluar", true},
    {"NosebleedsNowAndThen",
     "anak saya sering mimisan kalau kecapekan, mau tanya dokter spesialis di puskesmas", false},
    // People stuck in a lift between floors; a lift that often stops is the building's repair.
    {"LiftStuckBetweenFloors",
     "lift di gedung parkir mal berhenti antara lantai 2 dan 3, ada 5 orang di dalamnya", true,
     "DAMKAR"},
    {"LiftOftenStuck", "lift rusunawa sering macet, mohon diperbaiki pengelola", false, "PERKIM"},
    // A levee breached into homes is a flood now (the disaster agency's); once the water is out
    // the bank is a repair for public works.
    {"LeveeBreachedIntoHomes",
     "tanggul sungai jebol tadi malam, air masuk rumah warga, orang tua masih di dalam", true,
     "BPBD"},
    {"LeveeBreachedWaterGone",
     "tanggul sungai jebol sepanjang 10 meter, air sudah surut, mohon segera diperbaiki", false,
     "PUPR"},
    // A stove still lit beside a leak; a stove named beside a cylinder's price is trade.
    {"LeakBesideStoveStillLit", "tabung gas bocor mendesis, kompornya masih nyala", true},
    {"StoveBesideAPrice", "harga tabung gas naik, kompornya masih pakai yang lama", false},
    // Thick smoke out of a home whose occupant does not answer; out of a chimney it is a nuisance.
    {"SmokeFromHomeNoAnswer",
     "asap tebal keluar dari jendela rumah sebelah, penghuninya tidak menjawab", true, "DAMKAR"},
    {"SmokeFromChimney", "asap tebal keluar dari cerobong pabrik tiap sore", false},
    // A stuck ring weighs with its swelling; one that does not hurt is a rescue request.
    {"RingStuckSwollen", "cincin tersangkut di jari adik, jarinya bengkak biru", true},
    {"RingStuckNoPain", "cincin tersangkut di jari adik, tidak sakit, bisa dibantu lepas?", false,
     "DAMKAR"},
    // An emergency ward that wants a form filled "dulu" (first) refuses now; "dulu" (once) is past.
    {"EmergencyWardWantsFormFirst",
     "ibu saya sesak napas, igd menolak, katanya harus daftar dulu ke loket", true},
    {"EmergencyWardRefusedOnce",
     "dulu igd rsud pernah menolak ibu saya, sekarang mau tanya prosedur", false},
    // A parent's "kemarin" dates the source, not the children's fits now.
    {"ParentYesterdayKeepsTheFits", "anak2 kejang habis makan jamur, kemarin ibunya cuma pusing",
     true},
    // What is over or never was: nobody hit, recovered, a lean since it was put up, a wall
    // asked for before the rains. Their counterpart: someone under the fallen tree, pinned now.
    {"FallenTreeNobodyHit", "pohon tumbang di taman, tidak ada yang kena, mohon diangkut", false,
     "DLH"},
    {"ShockRecovered", "tetangga sempat kesetrum, sudah pulih, mohon cek kabel rumahnya", false},
    {"PoleLeaningSinceInstalled", "tiang listrik miring dari awal dipasang, minta dicek", false},
    {"RetainingWallBeforeRains",
     "tebing sering longsor kecil, mohon dibangun talud sebelum musim hujan", false},
    {"RiderPinnedUnderTruck", "barusan tabrakan, pengendara motor ketindih truk", true},
    // Agency families: flames told after the market they are near; a husband beating his wife;
    // an elder with dementia gone; a car in a river; a building with no permit (asking how to
    // get one is the permit office's).
    {"FireSizeAfterTheMarket", "kios pulsa di dekat pasar terbakar, apinya besar sekali", true,
     "DAMKAR"},
    {"WifeBeatenNow", "suami tetangga lagi memukuli istrinya, teriak minta tolong", true, "POLRI"},
    {"ElderWithDementiaGone", "nenek saya pikun keluar rumah sejak subuh belum pulang", true,
     "POLRI"},
    {"CarInRiverDriverInside", "mobil tercebur ke sungai, sopirnya masih di dalam", true, "DAMKAR"},
    {"BuildingWithoutPermit", "tetangga bangun rumah 3 lantai tanpa pbg, menutup jalan air", false,
     "SATPOLPP"},
    {"AskingForAPermit", "mau tanya syarat mengurus pbg untuk rumah tinggal", false, "DPMPTSP"},
};

INSTANTIATE_TEST_SUITE_P(Cases, RulesUrgentFamiliesTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace aduan::classifier
