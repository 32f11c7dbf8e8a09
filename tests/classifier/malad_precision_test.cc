// Round 23's families on the shipped rules: maladministration precision on ordinary complaints.
// A fault's own age, a polite closing and a resident's own refusal must not make a label; the
// same words beside a report, a request or a promise to an office, or an office refusing, must
// keep it. Texts are written for this test, not taken from any labelled set.
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

struct Case {
  const char* name;
  const char* text;
  const char* label;  // a maladministration code ...
  bool labelled;      // ... that must (or must not) be assigned
};

class MaladPrecisionTest : public ::testing::TestWithParam<Case> {};

TEST_P(MaladPrecisionTest, ReadsTheFamily) {
  const Case& c = GetParam();
  const Classification result = ShippedClassifier().Classify(c.text);
  EXPECT_EQ(HasLabel(result, c.label), c.labelled) << result.agency << EvidenceOf(result);
  EXPECT_FALSE(result.urgent) << EvidenceOf(result);
}

const Case kCases[] = {
    // A closing asking for a reply to this message; a reply already awaited for months.
    {"ClosingAsksForAReply",
     "Halo admin, lampu di taman bermain RW 4 padam dua malam. Tolong diganti. Ditunggu kabarnya.",
     "PENUNDAAN_BERLARUT", false},
    {"ClosingAfterAMonthsLongWait",
     "Halo admin, akta kelahiran anak saya sudah empat bulan belum jadi di dukcapil, tiap ditanya "
     "disuruh kembali bulan depan. Ditunggu kabarnya.",
     "PENUNDAAN_BERLARUT", true},
    {"ClosingAsksForInformation",
     "Permisi min, saluran di gang Melati meluap tiap hujan karena sempit. Ditunggu infonya.",
     "PENUNDAAN_BERLARUT", false},
    // A fault broken "sejak tahun lalu"; the same fault reported or proposed since then.
    {"FaultBrokenSinceLastYear",
     "Permisi admin, pagar jembatan kecil di gang kami rusak sejak tahun lalu, mohon diperbaiki.",
     "PENUNDAAN_BERLARUT", false},
    {"LampDarkSinceLastYear",
     "Bapak ibu dinas terkait, lampu jalan di tikungan RT 2 mati sejak tahun lalu, malam gelap.",
     "PENUNDAAN_BERLARUT", false},
    {"FaultReportedSinceLastYear",
     "Admin, pagar jembatan di gang kami rusak, sudah kami laporkan ke kelurahan sejak tahun lalu "
     "tapi belum ada realisasi sampai sekarang.",
     "PENUNDAAN_BERLARUT", true},
    {"FaultProposedSinceLastYear",
     "Pak admin, lampu jalan di gang kami mati, sudah kami usulkan lewat musrenbang sejak tahun "
     "lalu dan dijanjikan dipasang, sampai sekarang belum juga.",
     "PENUNDAAN_BERLARUT", true},
    // "Sudah lama belum ada perbaikan" of a plain fault; after a report to the office.
    {"LongUnrepairedFault",
     "Min, aspal depan kantor kelurahan bergelombang, sudah lama belum ada perbaikan. Mohon "
     "diaspal ulang.",
     "PENUNDAAN_BERLARUT", false},
    {"LongUnrepairedFaultNotAServiceRefused",
     "Min, aspal depan kantor kelurahan bergelombang, sudah lama belum ada perbaikan. Mohon "
     "diaspal ulang.",
     "TIDAK_MEMBERIKAN_PELAYANAN", false},
    {"LongUnrepairedAfterReports",
     "Min, aspal depan rumah saya bergelombang, sudah lapor ke kelurahan dua kali sejak Maret, "
     "sudah lama belum ada perbaikan.",
     "PENUNDAAN_BERLARUT", true},
    // A thing not working for a span, a nuisance going on for years, a road still unrepaired
    // after a flood; the same spans after a report or a request to the office.
    {"WifiDownForAMonth",
     "Halo admin, wifi gratis di alun-alun sudah sebulan tidak bisa dipakai, sinyal ada tapi "
     "internet mati.",
     "PENUNDAAN_BERLARUT", false},
    {"WifiReportedAMonthAgo",
     "Wifi gratis di alun-alun sudah sebulan tidak bisa dipakai, sudah lapor ke kominfo tapi "
     "belum ada perbaikan juga sampai sekarang.",
     "PENUNDAAN_BERLARUT", true},
    {"SmokeForYears",
     "Asap pabrik arang di RW 6 bikin jemuran kotor, sudah berlangsung bertahun tahun, tolong "
     "dinas terkait memeriksa.",
     "PENUNDAAN_BERLARUT", false},
    {"SmokeReportedForYears",
     "Asap pabrik arang di RW 6 bikin jemuran kotor, pengaduan warga ke DLH sudah berlangsung "
     "bertahun tahun tanpa kejelasan.",
     "PENUNDAAN_BERLARUT", true},
    {"RoadUnrepairedAfterFlood",
     "Pak admin, banjir sudah lama surut, tinggal jalan gang kami yang belum diperbaiki, aspalnya "
     "mengelupas.",
     "PENUNDAAN_BERLARUT", false},
    {"RoadUnrepairedAfterProposal",
     "Pak admin, jalan gang kami rusak sejak banjir, sudah diusulkan ke kelurahan bulan Maret "
     "tapi jalannya belum diperbaiki.",
     "PENUNDAAN_BERLARUT", true},
    // Residents mending a fault themselves; an official's work for his own family.
    {"FamilyMendsTheGraveDrain",
     "Makam kakek di TPU Cikadut tergerus air hujan, keluarga kami sudah memperbaiki sendiri tapi "
     "rusak lagi. Mohon dibuatkan saluran.",
     "KONFLIK_KEPENTINGAN", false},
    {"OfficialMendsHisFamilysHouse",
     "Tukang proyek kelurahan malah disuruh lurah memperbaiki rumah keluarganya sendiri pakai "
     "material bantuan RTLH.",
     "KONFLIK_KEPENTINGAN", true},
    // The resident came on the wrong day; an office shut in working hours.
    {"ResidentCameOnTheWrongDay",
     "Admin, saya dua kali ke loket PDAM tapi saya yang salah, loketnya tutup hari Sabtu. Balik "
     "nama bisa online?",
     "TIDAK_MEMBERIKAN_PELAYANAN", false},
    {"ResidentsOwnMistakeNotIncompetence",
     "Admin, saya dua kali ke loket PDAM tapi saya yang salah, loketnya tutup hari Sabtu. Balik "
     "nama bisa online?",
     "TIDAK_KOMPETEN", false},
    {"OfficeShutInWorkingHours",
     "Admin, saya dua kali ke loket PDAM hari Selasa jam 10 tapi loketnya tutup, petugasnya tidak "
     "ada.",
     "TIDAK_MEMBERIKAN_PELAYANAN", true},
    // A resident shouted at for a form filled in wrong; an officer entering the data wrong.
    {"ResidentsFormSlip",
     "Di loket RSUD pegawai administrasi menghardik nenek saya karena keliru mengisi formulir, "
     "di depan orang banyak.",
     "TIDAK_KOMPETEN", false},
    {"OfficerEntersDataWrong",
     "Pegawai RSUD keliru mengisi data nenek saya, namanya salah dan tanggal lahirnya juga salah, "
     "klaim BPJS jadi ditolak.",
     "TIDAK_KOMPETEN", true},
    // A file the office lost; an officer who left the counter.
    {"OfficeLostTheFile",
     "Saya urus santunan kematian ke dinsos, petugas bilang berkasnya hilang dan saya harus "
     "mengulang dari awal.",
     "TIDAK_KOMPETEN", true},
    {"OfficeLostTheFileNotARefusal",
     "Saya urus santunan kematian ke dinsos, petugas bilang berkasnya hilang dan saya harus "
     "mengulang dari awal.",
     "TIDAK_MEMBERIKAN_PELAYANAN", false},
    {"OfficerLeftTheCounter",
     "Saya antre di dinsos dari pagi, petugas loket menghilang sampai siang dan tidak ada yang "
     "melayani.",
     "TIDAK_MEMBERIKAN_PELAYANAN", true},
    // The resident refuses, or residents protest against something; an office refuses a
    // wheelchair user.
    {"ResidentRefusesABribe",
     "Waktu bikin SIM petugas minta bayar 600 ribu biar lulus. Saya menolak dan ujian saya malah "
     "dipersulit.",
     "DISKRIMINASI", false},
    {"ResidentsProtestAWarehouse",
     "Lurah mengancam tidak memberi surat pengantar kepada warga kontrakan yang ikut demo menolak "
     "gudang.",
     "DISKRIMINASI", false},
    {"OfficeRefusesAWheelchairUser",
     "Saya pakai kursi roda, petugas dukcapil menolak melayani saya di lantai bawah, orang lain "
     "dilayani.",
     "DISKRIMINASI", true},
};

INSTANTIATE_TEST_SUITE_P(Round23, MaladPrecisionTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace aduan::classifier
