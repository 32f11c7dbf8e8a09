// Round 29's families on the shipped rules: who failed, an office or a thing? A type's cue word
// said of a driver, a patient's kin, a building, a baby's age, a legal fee or a neglected park must
// not label it; the same word beside an official, a report or a request must. And the ways
// residents tell an official turning office, vehicles, aid or staff to private or political ends,
// siding with one party, refusing or stalling must label. Each family sits beside its look-alike.
// Texts are written for this test, not taken from any labelled set.
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

using Case = FamilyCase;

class MaladActorTest : public ::testing::TestWithParam<Case> {};

TEST_P(MaladActorTest, ReadsTheFamily) { ExpectFamily(GetParam()); }

const Case kCases[] = {
    // --- Taken away: the cue is said of someone or something that is not an office ---
    // Force words about drivers; the same word about an officer.
    {"TrucksParkSeenaknya",
     "Truk tanah proyek perumahan parkir seenaknya di bahu jalan Cilengkrang sampai malam, bikin "
     "macet",
     false, nullptr, "PENYALAHGUNAAN_WEWENANG", false},
    {"OfficerTowsSeenaknya",
     "Oknum petugas dishub seenaknya menderek motor kami lalu menyuruh tebus di bengkel kenalannya",
     false, nullptr, "PENYALAHGUNAAN_WEWENANG", true},
    // A baby's age; a birth certificate waiting months.
    {"BabyAgeIsNoWait", "Bayi saya sudah 7 bulan, kapan jadwal imunisasi campak di posyandu RW 3?",
     false, nullptr, "PENUNDAAN_BERLARUT", false},
    {"BabyCertificateWaits",
     "Akta lahir bayi saya diajukan ke dukcapil sudah 7 bulan belum juga terbit", false, nullptr,
     "PENUNDAAN_BERLARUT", true},
    // A crowded clinic the resident calls normal; a doctor who arrives late.
    {"ClinicCrowdExcused",
     "Antre di puskesmas sejak jam 8, maklum ramai karena musim diare, usul saja tambah kursi",
     false, nullptr, "PENUNDAAN_BERLARUT", false},
    {"DoctorArrivesLate",
     "Sudah antre dari jam 7 di puskesmas, dokternya baru datang jam 11, pasien disuruh menunggu",
     false, nullptr, "PENUNDAAN_BERLARUT", true},
    // The official fee asked about; a charge without a ticket.
    {"OfficialFeeAsked",
     "Pungutan resmi retribusi pasar untuk lapak sayur berapa per hari? biar saya siapkan", false,
     nullptr, "PERMINTAAN_IMBALAN", false},
    {"ChargeWithoutTicket",
     "Petugas pasar narik pungutan 10 ribu per hari tanpa karcis, katanya resmi, berapa "
     "sebenarnya?",
     false, nullptr, "PERMINTAAN_IMBALAN", true},
    // A patient's kin; a director's kin given the rooms.
    {"PatientKinVisiting",
     "Kerabat pasien di bangsal anak boleh menginap berapa orang? satpam bilang cuma satu", false,
     nullptr, "KONFLIK_KEPENTINGAN", false},
    {"DirectorKinGetsRooms",
     "Kamar VIP RSUD selalu dipesan untuk kerabat direktur, pasien lain ditaruh di lorong", false,
     nullptr, "KONFLIK_KEPENTINGAN", true},
    // An official's family carried in an office car is abuse of office, not conflict of interest.
    {"FamilyInOfficeCarNotConflict",
     "Mobil dinas kelurahan dipakai pak lurah buat mudik keluarganya ke Tasik", false, nullptr,
     "KONFLIK_KEPENTINGAN", false},
    {"FamilyInOfficeCarIsAbuse",
     "Mobil dinas kelurahan dipakai pak lurah buat mudik keluarganya ke Tasik", false, nullptr,
     "PENYALAHGUNAAN_WEWENANG", true},
    // "supaya didahulukan" is a bribe's promise; those who paid served first is unequal treatment.
    {"BribePromiseNotDiscrimination",
     "Petugas PDAM minta 200 ribu supaya pemasangan sambungan baru kami didahulukan", false,
     nullptr, "DISKRIMINASI", false},
    {"BribePromiseIsMoney",
     "Petugas PDAM minta 200 ribu supaya pemasangan sambungan baru kami didahulukan", false,
     nullptr, "PERMINTAAN_IMBALAN", true},
    {"PayersServedFirst",
     "Yang bayar lebih langsung didahulukan petugas, kami yang tidak bayar disuruh menunggu sampai "
     "sore",
     false, nullptr, "DISKRIMINASI", true},
    // A building's access; an officer's manners.
    {"BuildingNotAccessible",
     "Gedung mal pelayanan publik tidak ramah difabel, tangga tinggi tanpa bidang miring", false,
     nullptr, "TIDAK_PATUT", false},
    {"OfficerUnfriendly",
     "Petugas di mal pelayanan publik tidak ramah, ditanya malah membuang muka", false, nullptr,
     "TIDAK_PATUT", true},
    // The resident called "tidak becus"; an operator who is.
    {"ResidentCalledIncapable",
     "Perawat menyindir saya tidak becus menjaga anak karena anak saya jatuh dari ranjang", false,
     nullptr, "TIDAK_KOMPETEN", false},
    {"OperatorIncapable",
     "Operator kelurahan tidak becus, nama ayah saya tertukar dengan tetangga di KK", false,
     nullptr, "TIDAK_KOMPETEN", true},
    // An empty account is aid not yet paid; an empty office in working hours.
    {"EmptyAccountNotClosedOffice",
     "Bantuan PKH dijanjikan cair awal bulan, sekarang sudah tanggal 25 dan rekening masih kosong",
     false, nullptr, "TIDAK_MEMBERIKAN_PELAYANAN", false},
    {"EmptyOfficeInHours",
     "Kantor dinsos kosong di jam kerja, tidak ada satu pun pegawai yang melayani", false, nullptr,
     "TIDAK_MEMBERIKAN_PELAYANAN", true},
    // A park that looks neglected; a park reported and ignored.
    {"ParkLooksNeglected",
     "Taman di ujung komplek seperti diabaikan, rumput setinggi lutut dan bangku patah", false,
     nullptr, "TIDAK_MEMBERIKAN_PELAYANAN", false},
    {"ParkReportIgnored",
     "Taman di ujung komplek rusak, sudah saya laporkan ke kelurahan dua kali tapi diabaikan",
     false, nullptr, "TIDAK_MEMBERIKAN_PELAYANAN", true},
    // No repair said of the fault alone; no repair after a report through the app.
    {"PavementNoRepair",
     "Trotoar di Jalan Pemuda retak-retak, belum ada perbaikan, bahaya untuk pejalan kaki", false,
     nullptr, "TIDAK_MEMBERIKAN_PELAYANAN", false},
    {"PavementReportedNoRepair",
     "Trotoar retak di Jalan Pemuda sudah kami laporkan lewat aplikasi, belum ada perbaikan", false,
     nullptr, "TIDAK_MEMBERIKAN_PELAYANAN", true},
    // A nuisance for years; a request left for years.
    {"MarketForYears", "Pasar kaget tiap Minggu sudah bertahun-tahun menutup jalan kampung", false,
     nullptr, "PENUNDAAN_BERLARUT", false},
    {"RequestForYears",
     "Usulan perbaikan jalan kampung sudah kami ajukan ke kecamatan bertahun-tahun tanpa kejelasan",
     false, nullptr, "PENUNDAAN_BERLARUT", true},

    // --- Added: an official, and what the official did ---
    // Office vehicles for a private party; an office car broken down.
    {"OfficeCarForParty",
     "Mobil operasional kecamatan dipakai sekcam mengangkut perabot hajatan anaknya", false,
     nullptr, "PENYALAHGUNAAN_WEWENANG", true},
    {"OfficeCarBrokenDown", "Mobil dinas kelurahan mogok di depan balai RW, tolong diderek", false,
     nullptr, "PENYALAHGUNAAN_WEWENANG", false},
    // Aid given to a candidate's supporters; aid not yet handed out.
    {"AidToSupporters",
     "Beras bantuan kelurahan dibagikan oknum pegawai hanya kepada pendukung caleg tertentu", false,
     nullptr, "PENYALAHGUNAAN_WEWENANG", true},
    {"AidNotYetHandedOut", "Beras bantuan untuk lansia di RW 6 belum dibagikan, kapan jadwalnya?",
     false, nullptr, "PENYALAHGUNAAN_WEWENANG", false},
    // RW heads ordered to put up party banners; party banners put up illegally.
    {"BannersOrdered",
     "Pak camat mengumpulkan para ketua RW dan memerintahkan memasang baliho partai di setiap gang",
     false, nullptr, "PENYALAHGUNAAN_WEWENANG", true},
    {"BannersIllegal",
     "Baliho partai liar dipasang di pohon-pohon taman kota, mohon satpol PP menertibkan", false,
     nullptr, "PENYALAHGUNAAN_WEWENANG", false},
    // Staff sent to water the boss's garden.
    {"StaffAtBossHouse",
     "Pegawai kontrak di dinas disuruh atasannya menyiram kebun di rumah pribadinya tiap Jumat",
     false, nullptr, "PENYALAHGUNAAN_WEWENANG", true},
    // A lurah backing one side; a city backing small businesses.
    {"LurahBacksOneSide",
     "Dalam rapat sengketa tembok pembatas, pak lurah terus menyokong tetangga saya yang kaya",
     false, nullptr, "BERPIHAK", true},
    {"CityBacksSmallBusiness", "Pemkot menyokong UMKM lewat bazar di alun-alun, kami ingin ikut",
     false, nullptr, "BERPIHAK", false},
    // A mediator who wants what the company wants; a company forcing terms.
    {"MediatorForCompany",
     "Mediator hubungan industrial menyuruh kami menerima pesangon sesuai maunya perusahaan saja",
     false, nullptr, "BERPIHAK", true},
    {"CompanyForcesTerms",
     "Perusahaan memaksa kami menerima pesangon separuh, kami minta disnaker memediasi", false,
     nullptr, "BERPIHAK", false},
    // A head's in-law wins the tender; the resident's in-law asks about a job.
    {"InLawWinsTender", "Tender pengadaan seragam dinas dimenangkan CV milik iparnya kepala dinas",
     false, nullptr, "KONFLIK_KEPENTINGAN", true},
    {"ResidentInLawAsks", "Ipar saya mau daftar jadi petugas PPK pemilu, syaratnya apa?", false,
     nullptr, "KONFLIK_KEPENTINGAN", false},
    // A clinic refusing to examine; a school refusing a blind pupil (discrimination).
    {"ClinicRefuses", "Pustu menampik memeriksa nenek saya karena datang jam 11", false, nullptr,
     "TIDAK_MEMBERIKAN_PELAYANAN", true},
    {"SchoolRefusesBlindPupil", "Sekolah negeri menampik anak saya yang tunanetra, disuruh ke SLB",
     false, nullptr, "TIDAK_MEMBERIKAN_PELAYANAN", false},
    // Letters that never got an answer.
    {"LettersUnanswered",
     "Tiga surat permohonan audiensi kami ke dinas perkim tidak satu pun berbalas", false, nullptr,
     "TIDAK_MEMBERIKAN_PELAYANAN", true},
    // A request dated by its month, answered "next week"; a request still to be made.
    {"RequestDatedAnsweredNextWeek",
     "Permohonan SKTM saya ajukan Agustus, kini sudah Oktober, jawabannya minggu depan terus",
     false, nullptr, "PENUNDAAN_BERLARUT", true},
    {"RequestPlanned", "Saya mau ajukan KIP kuliah bulan Agustus nanti, syaratnya apa saja?", false,
     nullptr, "PENUNDAAN_BERLARUT", false},
    // A paper the published page does not ask for; a question about the page.
    {"PaperNotOnPage",
     "Petugas minta surat keterangan sehat dari klinik swasta, padahal di laman resmi dukcapil "
     "tidak ada syarat itu",
     false, nullptr, "PENYIMPANGAN_PROSEDUR", true},
    {"QuestionAboutPage",
     "Di laman resmi dukcapil tidak ada jadwal perekaman hari Sabtu, apakah buka?", false, nullptr,
     "PENYIMPANGAN_PROSEDUR", false},
    // Told to hand money to staff; a fee paid at the bank.
    {"ToldToHandMoney",
     "Saat urus PBG disuruh kasih 500 ribu ke staf supaya gambar cepat disetujui", false, nullptr,
     "PERMINTAAN_IMBALAN", true},
    {"FeePaidAtBank",
     "Biaya retribusi PBG dibayar lewat bank sesuai SKRD, berapa lama sampai terbit?", false,
     nullptr, "PERMINTAAN_IMBALAN", false},
    // A bus passed untested; a bus passed after its test.
    {"BusPassedUntested", "Petugas penguji meluluskan bus tua tanpa diperiksa emisinya", false,
     nullptr, "PENYIMPANGAN_PROSEDUR", true},
    {"BusPassedTested",
     "Uji KIR bus kami lulus setelah diperiksa rem dan emisinya, terima kasih petugas", false,
     nullptr, "PENYIMPANGAN_PROSEDUR", false},
    // Gates that named too few actors: a market's manager; siding with one's own brother; the big
    // offender left alone; a wheelchair user turned away.
    {"ManagerSkipsDraw", "Pengelola pasar membagi kios tanpa undian seperti yang diumumkan", false,
     nullptr, "PENYIMPANGAN_PROSEDUR", true},
    {"ManagerAnnouncesDraw", "Pengelola pasar mengumumkan undian kios dilaksanakan Senin depan",
     false, nullptr, "PENYIMPANGAN_PROSEDUR", false},
    {"RtSidesWithBrother", "Pak RT membela adiknya sendiri waktu ribut batas kebun dengan kami",
     false, nullptr, "KONFLIK_KEPENTINGAN", true},
    {"RtSidesWithEvicted", "Pak RT membela warga yang digusur tanpa ganti rugi", false, nullptr,
     "KONFLIK_KEPENTINGAN", false},
    {"BigOffenderUntouched",
     "Petugas cuma membongkar lapak gorengan, minimarket yang sama-sama melanggar sempadan tidak "
     "disentuh",
     false, nullptr, "DISKRIMINASI", true},
    {"BothOffendersReported",
     "Lapak gorengan dan minimarket sama-sama melanggar sempadan jalan, mohon ditertibkan", false,
     nullptr, "DISKRIMINASI", false},
    {"WheelchairPupilTurnedAway",
     "Anak saya pengguna kursi roda ditampik sekolah negeri saat mendaftar", false, nullptr,
     "DISKRIMINASI", true},
    {"WheelchairRequestTurnedDown",
     "Permohonan kursi roda untuk ibu saya ditampik dinsos karena kuota habis", false, nullptr,
     "DISKRIMINASI", false},
};

INSTANTIATE_TEST_SUITE_P(Round29, MaladActorTest, ::testing::ValuesIn(kCases), FamilyCaseName);

}  // namespace
}  // namespace aduan::classifier
