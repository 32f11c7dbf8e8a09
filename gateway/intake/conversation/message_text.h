// Reads what a resident or cadre typed: a command (STATUS, BATAL, DAFTAR, YA...), a greeting,
// a cadre's relay ("LAPOR UNTUK ..."), privacy requests (ANONIM, RAHASIA or plain words), or
// just a complaint. Pure functions over text; no I/O. Commands work without a leading slash
// (SMS) and with one (Telegram).
#ifndef ADUAN_GATEWAY_CONVERSATION_MESSAGE_TEXT_H_
#define ADUAN_GATEWAY_CONVERSATION_MESSAGE_TEXT_H_

#include <string>
#include <string_view>

namespace aduan::gateway::conversation {

enum class Command {
  kNone,      // a complaint (or more text for one)
  kGreeting,  // "halo", "p", "tes", "assalamualaikum", "/start"...: answered with help
  kStatus,    // STATUS / CEK / /status [ticket]
  kWithdraw,  // BATAL / /batal [ticket]
  kList,      // DAFTAR / /daftar
  kYes,       // YA: consent to a cadre's report
  kNo,        // TIDAK
  kRelay,     // LAPOR UNTUK <resident>: <complaint>
  kUnknown,   // "/something" we do not know
};

// The resident a cadre reports for, as the cadre wrote it.
struct RelayHeader {
  std::string name;
  std::string place;  // RT/RW, kelurahan, address; may be empty
  std::string phone;  // E.164 when given and plausible, else empty
  std::string text;   // the complaint itself; empty when the cadre sent none
};

struct ReadText {
  Command command = Command::kNone;
  std::string argument;    // kStatus / kWithdraw: the ticket number as typed (may be empty)
  RelayHeader relay;       // kRelay
  bool anonymous = false;  // ANONIM or "jangan sebut nama saya"...
  bool secret = false;     // RAHASIA or "mohon dirahasiakan"...
  std::string body;        // the complaint text without the ANONIM/RAHASIA keywords
};

ReadText ReadMessageText(std::string_view text);

}  // namespace aduan::gateway::conversation

#endif  // ADUAN_GATEWAY_CONVERSATION_MESSAGE_TEXT_H_
