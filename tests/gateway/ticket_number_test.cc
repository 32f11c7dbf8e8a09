#include "gateway/tickets/ticket_number.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

namespace aduan::gateway {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

TEST(TicketNumberTest, NewNumbersHaveTheDocumentedShapeAndParseBack) {
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    std::string n = NewTicketNumber();
    ASSERT_EQ(n.size(), 12u) << n;
    ASSERT_EQ(n.substr(0, 4), "ADU-");
    for (char c : n.substr(4)) ASSERT_NE(kAlphabet.find(c), std::string_view::npos) << n;
    auto p = ParseTicketNumber(n);
    ASSERT_EQ(p.status, TicketParse::kOk) << n;
    EXPECT_EQ(p.canonical, n);
    seen.insert(n);
  }
  EXPECT_GT(seen.size(), 1990u);  // 35 random bits: collisions in 2000 draws are near impossible
}

TEST(TicketNumberTest, AcceptsWhatResidentsType) {
  std::string n = "ADU-7K3QX9M" + std::string(1, TicketCheckChar("7K3QX9M"));
  std::string body = n.substr(4);
  std::string lower = body;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string typed : {n, "adu-" + lower, "adu " + lower.substr(0, 4) + " " + lower.substr(4),
                            lower, "ADU." + body, " ADU - " + body + " ", "#" + body}) {
    auto p = ParseTicketNumber(typed);
    EXPECT_EQ(p.status, TicketParse::kOk) << typed;
    EXPECT_EQ(p.canonical, n) << typed;
  }
}

TEST(TicketNumberTest, LookAlikeLettersReadAsDigits) {
  std::string body = "10Z0Z1Z";
  std::string n = "ADU-" + body + TicketCheckChar(body);
  std::string typed = "ADU-IOZOZLZ" + std::string(1, n.back());
  auto p = ParseTicketNumber(typed);
  EXPECT_EQ(p.status, TicketParse::kOk);
  EXPECT_EQ(p.canonical, n);
}

TEST(TicketNumberTest, EverySingleMistypeIsRejected) {
  for (int trial = 0; trial < 50; ++trial) {
    std::string n = NewTicketNumber();
    for (size_t pos = 4; pos < n.size(); ++pos) {
      for (char c : kAlphabet) {
        if (c == n[pos]) continue;
        std::string typo = n;
        typo[pos] = c;
        ASSERT_NE(ParseTicketNumber(typo).status, TicketParse::kOk) << n << " -> " << typo;
      }
    }
  }
}

TEST(TicketNumberTest, EverySwapOfNeighboursIsRejected) {
  for (int trial = 0; trial < 200; ++trial) {
    std::string n = NewTicketNumber();
    for (size_t pos = 4; pos + 1 < n.size(); ++pos) {
      if (n[pos] == n[pos + 1]) continue;
      std::string swapped = n;
      std::swap(swapped[pos], swapped[pos + 1]);
      EXPECT_EQ(ParseTicketNumber(swapped).status, TicketParse::kBadCheck) << n << " " << swapped;
    }
  }
}

TEST(TicketNumberTest, MalformedInputIsNotATicket) {
  for (const char* bad : {"", "ADU-", "ADU-123", "ADU-1234567890", "ADU-UUUUUUUU", "ADU-!!!!!!!!",
                          "halo pak", "XYZ-7K3QX9M4"}) {
    EXPECT_EQ(ParseTicketNumber(bad).status, TicketParse::kMalformed) << bad;
  }
}

}  // namespace
}  // namespace aduan::gateway
