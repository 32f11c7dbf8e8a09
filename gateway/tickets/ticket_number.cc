#include "gateway/tickets/ticket_number.h"

#include <array>
#include <cctype>

#include "core/random_id.h"

namespace aduan::gateway {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::string_view kPrefix = "ADU-";
constexpr int kBodyLength = 7;

int ValueOf(char c) {
  auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Multiplication in GF(2^5) modulo the primitive polynomial x^5 + x^2 + 1.
int GfMul(int a, int b) {
  int product = 0;
  for (int i = 0; i < 5; ++i) {
    if (b & (1 << i)) product ^= a << i;
  }
  for (int bit = 9; bit >= 5; --bit) {
    if (product & (1 << bit)) product ^= 0b100101 << (bit - 5);
  }
  return product;
}

// Weights alpha^1..alpha^7 (alpha = x): distinct, non-zero, and none equal to 1, the check
// character's own weight, so transpositions with the check character are caught too.
std::array<int, kBodyLength> Weights() {
  std::array<int, kBodyLength> w{};
  int power = 1;
  for (int i = 0; i < kBodyLength; ++i) {
    power = GfMul(power, 2);
    w[i] = power;
  }
  return w;
}

}  // namespace

char TicketCheckChar(std::string_view body) {
  static const auto kWeights = Weights();
  int sum = 0;
  for (int i = 0; i < kBodyLength; ++i) sum ^= GfMul(kWeights[i], ValueOf(body[i]));
  return kAlphabet[sum];
}

std::string NewTicketNumber() {
  std::string body;
  for (unsigned char b : core::RandomBytes(kBodyLength)) body.push_back(kAlphabet[b & 31]);
  return std::string(kPrefix) + body + TicketCheckChar(body);
}

ParsedTicket ParseTicketNumber(std::string_view input) {
  std::string compact;
  for (char c : input) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isspace(u) || c == '-' || c == '.' || c == '_' || c == '/' || c == '#') continue;
    char up = static_cast<char>(std::toupper(u));
    compact.push_back(up);
  }
  if (compact.rfind("ADU", 0) == 0 && compact.size() == 3 + kBodyLength + 1) {
    compact.erase(0, 3);
  }
  ParsedTicket out;
  if (compact.size() != kBodyLength + 1) return out;
  for (char& c : compact) {
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (ValueOf(c) < 0) return out;
  }
  if (TicketCheckChar(compact.substr(0, kBodyLength)) != compact.back()) {
    out.status = TicketParse::kBadCheck;
    return out;
  }
  out.status = TicketParse::kOk;
  out.canonical = std::string(kPrefix) + compact;
  return out;
}

}  // namespace aduan::gateway
