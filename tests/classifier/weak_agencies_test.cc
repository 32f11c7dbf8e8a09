// Round 22's families on the shipped rules: the agencies a real city stream routed worst (markets,
// permits, city apps, kelurahan, order, labour, housing and parks, the city hospital, waste), as
// residents write about them, and the maladministration labels that do not apply to private
// parties there (punks, neighbours, employers, brokers). Each family is checked with texts written
// for this test (not from any labelled set) beside a look-alike that must go to the neighbouring
// agency or stay unlabelled.
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

using Case = FamilyCase;

class WeakAgenciesTest : public ::testing::TestWithParam<Case> {};

TEST_P(WeakAgenciesTest, ReadsTheFamily) { ExpectFamily(GetParam()); }

const Case kCases[] = {
    // A permit for a billboard asked before it goes up; one already up without a permit.
    {"BillboardPermitAsked",
     "mau pasang baliho promo pembukaan toko, izin pemasangannya di mana ya, takut dicopot satpol",
     false, "DPMPTSP"},
    {"BannerPermitAsked",
     "mau ngurus ijin pasang spanduk promo di depan toko, syaratnya apa aja ya", false, "DPMPTSP"},
    {"BillboardUpWithoutPermit",
     "baliho besar dipasang tanpa izin di trotoar depan pasar, menghalangi pejalan kaki", false,
     "SATPOLPP"},
    // Punks at the lights use the crossing as a place; the lights themselves down.
    {"PunksAtTheLights", "anak punk nongkrong di lampu merah perempatan, suka ngetuk kaca mobil",
     false, "SATPOLPP"},
    {"TrafficLightDown",
     "lampu merah di perempatan dekat masjid mati sejak pagi, kendaraan saling serobot", false,
     "DISHUB"},
    // A building past its own PBG or the setback line; a PBG asked for.
    {"ShopPastItsPbg",
     "ruko di sebelah kantor pos dibangun melewati garis sempadan jalan, katanya pbg nya cuma buat "
     "rumah tinggal",
     false, "SATPOLPP"},
    {"PbgAskedForAShop", "mau tanya syarat pbg untuk ruko dua lantai, bagaimana cara mengajukannya",
     false, "DPMPTSP"},
    // Street vendors in Sundanese ("icalan dina trotoar").
    {"SundaneseVendorsOnPavement",
     "seueur nu icalan dina trotoar payuneun sakola, murangkalih kedah lumpat ka jalan", false,
     "SATPOLPP"},
    // A job fair looked for on the website; the website itself down.
    {"JobFairLookedForOnTheWebsite",
     "kapan ada job fair lagi pak, saya sudah cari di website tapi tidak ada info", false,
     "DISNAKER"},
    {"CityWebsiteDown", "website pemkot tidak bisa dibuka dari pagi, error terus", false,
     "DISKOMINFO"},
    // Javanese wages late at a workshop; school fees ("bayaran spp") late.
    {"JavaneseWagesLate",
     "kulo nyambut damel teng konveksi, bayaran telat kalih wulan, bose sanjang dereng wonten arto",
     false, "DISNAKER"},
    {"SchoolFeesLate",
     "bayaran spp sekolah anak saya telat sebulan, anaknya tidak boleh ikut ujian", false,
     "DISDIK"},
    // A park's own lamps; street lamps.
    {"ParkLampsOut",
     "lampu taman di ruang terbuka hijau dekat rumah mati semua, malam gelap gulita", false,
     "PERKIM"},
    {"StreetLampsOut", "lampu jalan di jl kenari mati sejak minggu lalu, gelap gulita kalau malam",
     false, "DISHUB"},
    // A park turned into a car park; illegal parking on the road.
    {"ParkUsedAsCarPark",
     "taman di perumahan kami dijadikan parkir mobil, anak anak tidak punya tempat main", false,
     "PERKIM"},
    {"IllegalParkingOnTheRoad",
     "parkir liar di depan ruko makan badan jalan, jukirnya minta 5 ribu", false, "DISHUB"},
    // Paint fumes from a spray workshop; a lane walled off by a neighbour.
    {"PaintFumes",
     "bengkel las dan cat di samping rumah semprot cat tiap hari, bau tiner menyengat sampai ke "
     "dalam rumah",
     false, "DLH"},
    {"LaneWalledOff", "gang kami ditutup tembok sama tetangga, warga tidak bisa lewat", false,
     "KEWILAYAHAN"},
    // A river choked with rubbish that no longer flows; mains water stopped.
    {"RiverChokedWithRubbish",
     "sungai di belakang pasar penuh sampah dan eceng gondok, airnya tidak mengalir lagi", false,
     "DLH"},
    {"MainsWaterStopped", "air pdam di rumah tidak mengalir dari subuh, mau mandi tidak bisa",
     false, "PDAM"},
    // A health centre withholding a referral; the hospital refusing a referred patient.
    {"PuskesmasWithholdsReferral",
     "ibu saya sesak tiap malam, kata puskesmas harus ke rsud tapi rujukannya tidak dikasih", false,
     "DINKES"},
    {"PuskesmasWontWriteReferral",
     "puskesmas gak mau kasih rujukan ke rsud padahal anak saya sudah 5 hari demam", false,
     "DINKES"},
    {"ReferredPatientQueuesAtHospital",
     "sudah dapat rujukan dari puskesmas ke rsud, tapi di rsud antri poli sampai sore", false,
     "RSUD"},
    {"HospitalRefusesTheReferred",
     "sudah dirujuk dari puskesmas ke rsud tapi di rsud ditolak, katanya kamar penuh", false,
     "RSUD"},
    // Punks pressing riders for money are no official's fee; an officer asking is.
    {"PunksDemandMoney", "anak punk di perempatan maksa minta uang ke pengendara motor", false,
     "SATPOLPP", "PERMINTAAN_IMBALAN", false},
    {"OfficerDemandsMoney", "oknum satpol pp minta uang ke pedagang biar lapaknya tidak diangkut",
     false, "SATPOLPP", "PERMINTAAN_IMBALAN"},
    // An office-holder never in; one who was there and signed.
    {"HeadNeverInTheOffice",
     "pak lurah jarang di kantor, warga mau minta tanda tangan harus datang berkali kali", false,
     "KEWILAYAHAN", "TIDAK_MEMBERIKAN_PELAYANAN"},
    {"HeadInTheOffice",
     "pak lurah ada di kantor dan langsung tanda tangan surat pengantar saya, terima kasih", false,
     "KEWILAYAHAN", "TIDAK_MEMBERIKAN_PELAYANAN", false},
    // A neighbour shrugging off a warning, or flaring up; an office or officer doing so.
    {"NeighbourShrugs", "tetangga muter musik keras tiap malam, sudah ditegur tidak digubris",
     false, nullptr, "TIDAK_MEMBERIKAN_PELAYANAN", false},
    {"OfficeShrugs",
     "sudah lapor ke kelurahan soal musik keras tetangga tiap malam, tidak digubris", false,
     nullptr, "TIDAK_MEMBERIKAN_PELAYANAN"},
    {"NeighbourFlaresUp", "tetangga buang sampah ke halaman saya, ditegur malah marah marah", false,
     nullptr, "TIDAK_PATUT", false},
    {"OfficerFlaresUp", "petugas loket kelurahan ditegur karena main hp malah marah ke warga",
     false, "KEWILAYAHAN", "TIDAK_PATUT"},
    // A private employer's threat or fine and a job broker's fee hold no public office; a head of
    // school threatening an honorary teacher and an officer asking money keep their labels.
    {"EmployerThreatensContract",
     "di pabrik disuruh lembur terus, kalau menolak diancam kontraknya tidak diperpanjang", false,
     "DISNAKER", "PENYALAHGUNAAN_WEWENANG", false},
    {"HeadmasterThreatensHonorary",
     "kepala sekolah mengancam guru honorer tidak diperpanjang kontraknya kalau tidak ikut "
     "kampanye",
     false, nullptr, "PENYALAHGUNAAN_WEWENANG"},
    {"EmployerFinesLeaver", "bos konveksi bilang kalau saya resign harus bayar denda 3 juta", false,
     "DISNAKER", "PERMINTAAN_IMBALAN", false},
    {"BrokerAsksFee", "agen penyalur kerja minta bayar 2 juta biar bisa masuk pabrik", false,
     nullptr, "PERMINTAAN_IMBALAN", false},
    {"OfficerAsksForCard", "oknum pegawai disnaker minta uang 2 juta biar kartu kuning cepat jadi",
     false, "DISNAKER", "PERMINTAAN_IMBALAN"},
    // Charged above the printed ticket; the ticket price paid. An officer told of a fault who
    // keeps quiet; residents who keep quiet themselves.
    {"ChargedAboveTheTicket", "juru parkir di pasar narik ongkos lebih dari karcis tiap hari",
     false, nullptr, "PERMINTAAN_IMBALAN"},
    {"TicketPricePaid", "parkir di rumah sakit bayar 3 ribu sesuai karcis, tapi tempatnya sempit",
     false, nullptr, "PERMINTAAN_IMBALAN", false},
    {"OfficerKeepsQuiet",
     "sudah lapor lift rusunawa mati seminggu ke petugas, petugasnya diam saja", false, "PERKIM",
     "TIDAK_MEMBERIKAN_PELAYANAN"},
    {"ResidentsKeepQuiet",
     "tetangga buang puntung rokok ke halaman, kami diam saja karena tidak enak", false, nullptr,
     "TIDAK_MEMBERIKAN_PELAYANAN", false},
};

INSTANTIATE_TEST_SUITE_P(Round22, WeakAgenciesTest, ::testing::ValuesIn(kCases), FamilyCaseName);

}  // namespace
}  // namespace aduan::classifier
