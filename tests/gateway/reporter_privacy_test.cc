#include "gateway/tickets/reporter_privacy.h"

#include <gtest/gtest.h>

namespace aduan::gateway {
namespace {

storage::TicketRecord Confidential(std::string name, std::string sender) {
  storage::TicketRecord t;
  t.confidential = true;
  t.reporter_name = std::move(name);
  t.reporter_sender = std::move(sender);
  return t;
}

TEST(ReporterPrivacyTest, ConfidentialReporterIsCutFromText) {
  auto t = Confidential("Budi Santoso", "+6281234567891");
  std::string out = AgencyVisibleText(
      "Saya Budi Santoso (0812 3456 7891). Kemarin budi ditolak lagi. Pak Santoso tetangga.", t);
  EXPECT_EQ(out.find("Budi"), std::string::npos) << out;
  EXPECT_EQ(out.find("budi"), std::string::npos) << out;
  EXPECT_EQ(out.find("Santoso"), std::string::npos) << out;
  EXPECT_EQ(out.find("3456"), std::string::npos) << out;
  EXPECT_NE(out.find("Kemarin"), std::string::npos);
  // A name word inside another word is not cut ("Budiman" is someone else).
  EXPECT_NE(AgencyVisibleText("Pak Budiman lurahnya", t).find("Budiman"), std::string::npos);
}

TEST(ReporterPrivacyTest, OrdinaryTicketsKeepNamesButNeverANik) {
  storage::TicketRecord t;
  t.reporter_name = "Budi Santoso";
  std::string out = AgencyVisibleText("Budi, NIK 3273010101900001, hp 081234567891", t);
  EXPECT_NE(out.find("Budi"), std::string::npos);
  EXPECT_NE(out.find("081234567891"), std::string::npos);
  EXPECT_EQ(out.find("3273010101900001"), std::string::npos);
}

}  // namespace
}  // namespace aduan::gateway
