// Ticket numbers: "ADU-" + 7 Crockford base32 characters + 1 check character, e.g. ADU-7K3QX9M4.
//
// The check character is a weighted sum over GF(32) with distinct non-zero weights, so every
// single mistyped character and every swap of two neighbours is rejected: a resident who
// mistypes a number by SMS gets "not found, check the number", never someone else's ticket.
#ifndef ADUAN_GATEWAY_TICKET_NUMBER_H_
#define ADUAN_GATEWAY_TICKET_NUMBER_H_

#include <optional>
#include <string>
#include <string_view>

namespace aduan::gateway {

// A new random ticket number in canonical form. Thread-safe.
std::string NewTicketNumber();

// The check character for 7 body characters from the alphabet (canonical, upper case).
char TicketCheckChar(std::string_view body7);

enum class TicketParse { kOk, kMalformed, kBadCheck };

struct ParsedTicket {
  TicketParse status = TicketParse::kMalformed;
  std::string canonical;  // "ADU-XXXXXXXC" when kOk
};

// Accepts what residents type: any case, spaces, dashes or dots anywhere ("adu 7k3q x9m4"),
// the prefix optional, and Crockford's look-alikes (O->0, I/L->1). Rejects a wrong check char.
ParsedTicket ParseTicketNumber(std::string_view input);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_TICKET_NUMBER_H_
