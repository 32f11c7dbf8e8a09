// Round 25's families on the shipped rules: services named the way residents name them when they
// do not know the official word (by use or symptom, in Minang, Banjar, Palembang, Javanese,
// Sundanese or Betawi words, in chat spelling, by a local company name), and the words that pulled
// such complaints to the wrong agency. Each family is checked with texts written for this test
// (not from any labelled set) beside a look-alike that must stay where it was.
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

using Case = FamilyCase;

class FreshWordingTest : public ::testing::TestWithParam<Case> {};

TEST_P(FreshWordingTest, ReadsTheFamily) { ExpectFamily(GetParam()); }

const Case kCases[] = {
    // Regional words for what the rules know: Minang prices and roads, Banjar and Palembang water
    // and gas, a water company's local name; the Indonesian wording stays where it was.
    {"MinangRicePrice", "harago bareh jo minyak di pasa Raya naiak taruih, urang ketek payah",
     false, "DISPERINDAG"},
    {"MinangRoadHoles", "jalan ka kampuang ambo banyak lubang gadang, oto sering tapuruak", false,
     "PUPR"},
    {"BanjarTapDry", "ulun handak batakun, banyu PDAM kada hidup sejak subuh", false, "PDAM"},
    {"PalembangGasGone", "elpiji tigo kilo di warung dak katek galo, wong kecik susah masak", false,
     "DISPERINDAG"},
    {"WaterCompanyLocalName", "Tirta Pakuan ngirim air keruh kayak susu coklat sejak kemarin",
     false, "PDAM"},
    {"RiverMurkyIsNotTheTap", "air sungai Cisadane keruh kecoklatan dan bau sejak ada pabrik baru",
     false, "DLH"},
    // "Menular" stemmed to "ular": a contagion read as a snake; a snake in the room stays one.
    {"ContagionIsNoSnake", "anak tetangga kena cacar air, takut nular ke adiknya yang masih bayi",
     false, "DINKES"},
    {"SnakeStillASnake", "ada ular kobra masuk ke kamar anak, sekarang ngumpet di kolong kasur",
     true, "DAMKAR"},
    // Javanese power words: the breaker tripping is an outage; a child shocked is urgent.
    {"JavaneseBreakerTrips", "setrume njeglek wae saben udan, kulkas dagangan rusak", false, "PLN"},
    {"JavaneseChildShocked", "anakku kesetrum pas nyolok kipas, saiki ora sadar", true},
    // A child not home since the afternoon, in Javanese; the same child already back.
    {"JavaneseChildNotHome",
     "anakku wadon umur 5 durung mulih wiwit sore, wis digoleki nang endi endi", true, "POLRI"},
    {"JavaneseChildBack", "anakku sing ilang wingi wis mulih, matur nuwun", false},
    // Papers named by what they are; a job seeker's card stays labour's, a police report for a
    // lost card the police's.
    {"IdCardByName", "kartu penduduk saya hilang di angkot, cara bikin lagi gimana", false,
     "DISDUKCAPIL"},
    {"JobSeekerCardStaysLabour", "kartu kuning pencari kerja saya hilang, mau bikin lagi di mana",
     false, "DISNAKER"},
    {"LostCardPoliceReport",
     "SIM dan kartu identitas saya jatuh di pasar, mau bikin surat kehilangan di polsek syaratnya "
     "apa",
     false, "POLRI"},
    // Papers "nyangkut" at a stage are no one trapped; a child's head caught in a fence is.
    {"PapersStuckAreNoOneTrapped", "berkas izin usaha saya nyangkut di tahap verifikasi dua bulan",
     false, "DPMPTSP"},
    {"HeadCaughtInFence", "anak saya kepalanya nyangkut di pagar besi, nangis terus", true,
     "DAMKAR"},
    // The health cover by what it does; the health centre by its other name.
    {"HealthCoverByUse", "kartu berobat gratis bapak ditolak di klinik, katanya tidak aktif", false,
     "BPJSKES"},
    {"HealthCentreByOtherName", "obat di balai pengobatan habis, pasien disuruh beli sendiri",
     false, "DINKES"},
    // Baby weighing at the RW hall is the health service's; the hall's roof is the kelurahan's.
    {"BabyScalesStopped", "penimbangan balita bulan ini batal, kader posyandu tidak datang", false,
     "DINKES"},
    {"HallRoofStaysKelurahan", "balai rw bocor atapnya, mohon diperbaiki sebelum musim hujan",
     false, "KEWILAYAHAN"},
    // A main that bursts, water spraying up; a tall tree asked to be trimmed.
    {"WaterMainBurst", "pipa induk di depan sekolah pecah, air nyembur ke jalan", false, "PDAM"},
    {"TallTreeStaysTrees", "pohon tinggi di depan sekolah dahannya rapuh, mohon dipangkas", false,
     "DLH"},
    // Street lamps by how they look and a dark stretch; a house without power, a snatch that
    // happened.
    {"StreetLampByLook", "lampu yang di tiang pinggir jalan depan gang kami mati seminggu", false,
     "DISHUB"},
    {"HouseOutageStaysGrid", "listrik di rumah padam dari siang, semua lampu tidak nyala", false,
     "PLN"},
    {"DarkStretchAsksForLights", "penerangan di jalan tembus kampus mati, rawan jambret", false,
     "DISHUB"},
    {"SnatchStaysPolice", "tas saya dijambret di jalan tembus kampus semalam", false, "POLRI"},
    {"ParkLightsStayParks",
     "penerangan di taman kota dekat air mancur padam semua sejak minggu lalu", false, "PERKIM"},
    // Signs, crossings, city buses and the vehicle test named by look or use.
    {"SignHiddenByBranches", "rambu dilarang putar balik ketutupan dahan pohon, sopir tidak lihat",
     false, "DISHUB"},
    {"CrossingPaintGone", "tempat nyebrang anak sekolah di depan SD catnya sudah hilang", false,
     "DISHUB"},
    {"CityBusReckless", "bus kota jurusan terminal sering ngebut dan ugal ugalan", false, "DISHUB"},
    {"VehicleTestByName", "uji laik angkot di balai pengujian disuruh bayar lebih biar lolos",
     false, "DISHUB"},
    {"StreetRacersStayPolice", "anak muda trek trekan pakai motor bodong tiap malam minggu", false,
     "POLRI"},
    // Waste by the bag it comes in; a market car park's attendant stays transport's.
    {"WasteByTheBag", "kresek sampah warga numpuk di pinggir jalan, petugas angkut belum datang",
     false, "DLH"},
    {"CarParkStaysTransport", "parkiran pasar penuh, jukir narik 5 ribu per motor", false,
     "DISHUB"},
    // A well gone oily is pollution; the tap water's smell stays the water company's.
    {"OilyWell", "sumur warga jadi berminyak sejak ada pom bensin baru", false, "DLH"},
    {"TapSmellStaysWater", "air pdam di rumah bau kaporit menyengat sejak kemarin", false, "PDAM"},
    // A tree's branch, not a branch office.
    {"BranchOnWires", "cabang pohon mahoni nyentuh kabel di depan rumah, tolong dipangkas", false,
     "DLH"},
    {"BranchOfficeIsNoTree", "antrean di kantor cabang bpjs kesehatan panjang sekali", false,
     "BPJSKES"},
    // The footway's tiles are public works'; stalls on it are the order police's.
    {"PavementTiles", "jalur pejalan kaki depan kantor pos ubinnya pecah pecah", false, "PUPR"},
    {"StallsOnFootway", "pedagang gorengan mangkal di jalur pejalan kaki depan kantor pos", false,
     "SATPOLPP"},
    // A lane (Makassar "lorong") full of holes; a hospital's corridor.
    {"MakassarLaneHoles", "lorong di RT 3 berlubang sekali, becek kalau hujan", false, "PUPR"},
    {"HospitalCorridor", "pasien rsud dirawat di lorong karena kamar penuh", false, "RSUD"},
    // The app is where the resident reported; the app itself broken.
    {"AppWhereReported", "jalan di kompleks rusak parah, sudah saya tulis di aplikasi berkali kali",
     false, "PUPR"},
    {"AppItselfBroken", "aplikasi aduan pemkot error terus tidak bisa dibuka", false, "DISKOMINFO"},
    // A culvert buried under spoil is a drain; a worker buried in a trench is a rescue.
    {"CulvertBuried", "gorong gorong depan gang tertimbun tanah urugan proyek", false, "PUPR"},
    {"WorkerBuriedInTrench", "tukang tertimbun tanah di galian saluran, minta tolong cepat", true,
     "DAMKAR"},
    // Aid by what arrives; prices of the same goods at the market.
    {"MonthlyRiceAid",
     "jatah beras sama minyak bulanan dari pemerintah untuk nenek sudah tiga bulan tidak datang",
     false, "DINSOS"},
    {"RiceAndEggPrices", "harga beras dan telur di pasar naik terus", false, "DISPERINDAG"},
    // A confused man wandering a market is social care; the market's own mess is trade's.
    {"ConfusedWanderer", "ada bapak linglung jalan tanpa alas kaki di pasar ikan tiap pagi", false,
     "DINSOS"},
    {"FishMarketMess", "los ikan di pasar becek dan bau, atapnya bocor", false, "DISPERINDAG"},
    // A school place refused; snacks that made pupils ill; a teacher who does not come.
    {"RefusedByNearSchool", "anak saya ditolak SMP negeri padahal jaraknya dekat dari rumah", false,
     "DISDIK"},
    {"SnackIllness", "anak anak diare setelah beli cilok di depan sekolah", false, "DINKES"},
    {"TeacherAbsentStaysSchool", "guru di sekolah anak saya sering tidak masuk kelas", false,
     "DISDIK"},
    // The city hospital's pharmacy; the health centre's.
    {"HospitalPharmacyQueue", "antrean apotek rumah sakit pemerintah sampai sore", false, "RSUD"},
    {"HealthCentrePharmacy", "obat di apotek puskesmas kosong terus", false, "DINKES"},
    // Permits named by what they allow; vendors on a pavement; a midwife at the health centre.
    {"BuildingApproval", "persetujuan bangun rumah dua lantai saya belum terbit", false, "DPMPTSP"},
    {"BusinessNumberAsked", "mau daftar nomor usaha untuk dagang kue online, caranya bagaimana",
     false, "DPMPTSP"},
    {"VendorsOnPavement", "pedagang kaki lima jualan di trotoar depan stasiun", false, "SATPOLPP"},
    {"MidwifePermit", "ijin praktek bidan saya belum keluar dari kantor perizinan", false,
     "DPMPTSP"},
    {"MidwifeAbsent", "bidan di puskesmas sering tidak ada di tempat", false, "DINKES"},
    // Goods by their look; a motorbike gone from a car park.
    {"GasByColour", "tabung hijau 3 kilo langka di pangkalan", false, "DISPERINDAG"},
    {"CookingOilGone", "minyak sayur murah hilang dari rak swalayan", false, "DISPERINDAG"},
    {"PickpocketStaysPolice", "dompet saya dicopet waktu antre di kasir swalayan", false, "POLRI"},
    // A stall built over a canal, bills on poles, palm wine; the pole itself and the lights.
    {"StallOnTheCanal", "ada kios nangkring di atas irigasi, airnya mampet", false, "SATPOLPP"},
    {"BillsOnPoles", "tempelan iklan sedot tinja di tiang listrik depan rumah", false, "SATPOLPP"},
    {"NewPoleStaysGrid", "minta tiang listrik baru untuk rumah di ujung gang yang belum teraliri",
     false, "PLN"},
    {"PalmWineDen", "warung tuak buka sampai pagi, orang mabuk teriak teriak", false, "SATPOLPP"},
    {"TrafficLightStaysTransport", "lampu merah di perempatan pasar mati dari pagi", false,
     "DISHUB"},
    // Holiday pay by its everyday name.
    {"HolidayPayByOtherName", "juragan toko belum kasih uang lebaran ke karyawan", false,
     "DISNAKER"},
    // A grid box throwing sparks by the guard post is urgent; a wooden pole there rotting is not.
    {"SparkingGridBox", "gardu listrik dekat pos ronda muncrat bunga api terus dari tadi", true,
     "PLN"},
    {"RottenPoleByPost", "tiang kayu dekat pos ronda lapuk dimakan rayap", false},
    // "Setrum" in a bill is the power; a child shocked is urgent.
    {"PowerBillIsNoShock", "rekening setrum bulan ini naik dua kali lipat", false, "PLN"},
    {"ChildShockedNow", "anak saya kesetrum kabel di kamar mandi, sekarang pingsan", true},
    // The city's web page defaced; the page only where a requirement was read.
    {"CityPageDefaced", "laman resmi pemkot disusupi iklan judi online", false, "DISKOMINFO"},
    {"PageOnlyWhereRead",
     "di laman resmi syaratnya tidak ada, tapi petugas capil minta surat nikah untuk akta lahir",
     false, "DISDUKCAPIL"},
    {"CamerasByUse", "kamera pengawas di perempatan alun alun rusak", false, "DISKOMINFO"},
    // Ground cracking is the disaster agency's; a slope only feared for is not urgent.
    {"CrackedYard", "muncul rekahan tanah di kebun belakang setelah hujan", false, "BPBD"},
    // Flames licking from a window now; a boat asked for before the season.
    {"FlameLicking", "api menjilat dari jendela rumah sebelah, asap hitam", true, "DAMKAR"},
    {"BoatBeforeSeason", "mohon perahu karet disiapkan sebelum puncak musim hujan di bantaran",
     false, "BPBD"},
    // A retaining wall feared for; one that fell just now on a rider.
    {"WallFearedFor", "tembok penahan di pinggir jalan retak, takut suatu saat roboh", false,
     "PUPR"},
    {"WallFellJustNow", "tembok penahan jalan ambrol barusan, ada motor tertimbun", true},
    // Wasps out round a bed are urgent; a small nest in a tree is not; wasps circling are no
    // runaround.
    {"WaspsRoundTheBed",
     "tawon dari sarang di plafon sudah menyebar di kamar tidur, anak kecil di kasur", true,
     "DAMKAR"},
    {"SmallNestInTree", "ada sarang tawon kecil di pohon mangga halaman, belum ada yang disengat",
     false},
    {"WaspsCircleNoRunaround", "tawon muter muter di ruang tamu, anak takut", false, nullptr,
     "PENYIMPANGAN_PROSEDUR", false},
    {"OfficeRunaround", "urus surat di kantor camat disuruh muter muter ke loket lain", false,
     nullptr, "PENYIMPANGAN_PROSEDUR", true},
    // Betawi amounts are money: asked by an officer; paid for a phone top-up.
    {"BetawiAmountAsked", "bikin surat pengantar di kelurahan dimintain goceng sama petugasnya",
     false, nullptr, "PERMINTAAN_IMBALAN", true},
    {"BetawiAmountPaidInShop", "beli pulsa goceng di konter depan kelurahan, sinyalnya jelek",
     false, nullptr, "PERMINTAAN_IMBALAN", false},
    // A Javanese road with a bite out of it; a school's own broken roof.
    {"JavaneseRoadBitten", "dalan neng ngarep sekolahan krowak gede, montor kudu minggir", false,
     "PUPR"},
    {"SchoolRoofStaysSchool", "atap kelas ning sekolahan bocor, murid basah", false, "DISDIK"},
    // Service not given told as an absence: a midwife who never shows up, a lurah always said to
    // be in a meeting; a neighbour who never shows up again, a teacher seldom in class (labelled
    // with nothing by families and heldout7).
    {"MidwifeNeverShowsUp",
     "jadwal imunisasi di pustu kampung kami kosong terus, bidannya ga pernah nongol", false,
     nullptr, "TIDAK_MEMBERIKAN_PELAYANAN", true},
    {"LurahAlwaysInMeeting",
     "tiga kali ke kantor kelurahan minta tanda tangan, katanya pak lurah sedang rapat terus",
     false, nullptr, "TIDAK_MEMBERIKAN_PELAYANAN", true},
    {"NeighbourNeverShowsUp",
     "tetangga yang pinjam tangga bulan lalu ga pernah nongol lagi, tangganya belum balik", false,
     nullptr, "TIDAK_MEMBERIKAN_PELAYANAN", false},
    {"TeacherSeldomInClass",
     "guru olahraga di SMP anak saya jarang masuk, murid main sendiri di lapangan", false, "DISDIK",
     "TIDAK_MEMBERIKAN_PELAYANAN", false},
};

INSTANTIATE_TEST_SUITE_P(Round25, FreshWordingTest, ::testing::ValuesIn(kCases), FamilyCaseName);

}  // namespace
}  // namespace aduan::classifier
