#include "gateway/intake/conversation/message_text.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <vector>

#include "core/phone.h"

namespace aduan::gateway::conversation {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// Lower-case ASCII words; anything else separates them (apostrophes join: "assalamu'alaikum").
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  std::string w;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      w.push_back(static_cast<char>(std::tolower(c)));
    } else if (c == '\'' || c == '`') {
      continue;
    } else if (!w.empty()) {
      out.push_back(std::move(w));
      w.clear();
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

// "haloooo" is "halo", "pp" is "p": runs of one letter count once.
std::string Fold(const std::string& w) {
  std::string out;
  for (char c : w) {
    if (out.empty() || out.back() != c) out.push_back(c);
  }
  return out;
}

bool IsGreeting(std::string_view text) {
  static const std::set<std::string> kWords = {"halo",
                                               "hallo",
                                               "helo",
                                               "hello",
                                               "hai",
                                               "hi",
                                               "hay",
                                               "p",
                                               "ping",
                                               "tes",
                                               "test",
                                               "testing",
                                               "asalamualaikum",
                                               "asalamualaikom",
                                               "asalamu",
                                               "salam",
                                               "ass",
                                               "askum",
                                               "wr",
                                               "wb",
                                               "warahmatullahi",
                                               "wabarakatuh",
                                               "selamat",
                                               "pagi",
                                               "siang",
                                               "sore",
                                               "malam",
                                               "permisi",
                                               "start",
                                               "help",
                                               "bantuan",
                                               "menu",
                                               "info",
                                               "min",
                                               "kak",
                                               "pak",
                                               "bu",
                                               "bang",
                                               "gan",
                                               "admin",
                                               "mas",
                                               "mbak",
                                               "om",
                                               "swastiastu",
                                               "shalom",
                                               "punten",
                                               "sampurasun",
                                               "ya",
                                               "iya",
                                               "ok",
                                               "oke",
                                               "terima",
                                               "kasih",
                                               "makasih",
                                               "thanks",
                                               "trims",
                                               "tq",
                                               "y"};
  auto words = Words(text);
  for (const auto& w : words) {
    if (!kWords.count(w) && !kWords.count(Fold(w))) return false;
  }
  return true;  // also true for no words at all: a sticker, an emoji, "?"
}

bool LooksLikeTicket(const std::string& rest) {
  std::string compact;
  for (char c : rest) {
    if (std::isalnum(static_cast<unsigned char>(c))) compact.push_back(c);
  }
  std::string low = Lower(compact);
  // "ADU-" and anything number-like after it is an attempt at a ticket number, right or not.
  if (low.rfind("adu", 0) == 0 && low.size() >= 6 && low.size() <= 14) return true;
  return compact.size() == 8 && std::any_of(compact.begin(), compact.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c));
         });
}

bool StartsWithPhrase(const std::string& low, std::string_view phrase, size_t* end) {
  if (low.rfind(phrase, 0) != 0) return false;
  if (low.size() > phrase.size() && std::isalnum(static_cast<unsigned char>(low[phrase.size()]))) {
    return false;
  }
  *end = phrase.size();
  return true;
}

bool ContainsAny(const std::string& low, std::initializer_list<std::string_view> phrases) {
  for (auto p : phrases) {
    if (low.find(p) != std::string::npos) return true;
  }
  return false;
}

std::string PhoneOf(std::string_view s) {
  std::string t = Trim(s);
  static const char* kLabels[] = {"no hp", "no. hp", "nohp", "hp", "wa", "telp", "tel", "no"};
  std::string low = Lower(t);
  for (const char* label : kLabels) {
    size_t end;
    if (StartsWithPhrase(low, label, &end)) {
      t = Trim(t.substr(end));
      if (!t.empty() && (t[0] == ':' || t[0] == '.')) t = Trim(t.substr(1));
      break;
    }
  }
  if (!core::LooksLikePhone(t)) return "";
  return core::NormalizePhone(t);
}

// Header pieces ("Ibu Siti", "RT 02/RW 05 Ciwaduk", "0812...") into name, place and phone.
void ReadHeaderPieces(const std::vector<std::string>& pieces, RelayHeader* out) {
  for (const auto& raw : pieces) {
    std::string p = Trim(raw);
    if (p.empty()) continue;
    if (std::string phone = PhoneOf(p); !phone.empty() && out->phone.empty()) {
      out->phone = phone;
    } else if (out->name.empty()) {
      out->name = p;
    } else {
      out->place += (out->place.empty() ? "" : ", ") + p;
    }
  }
}

std::vector<std::string> Split(const std::string& s, std::string_view seps) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (seps.find(c) != std::string_view::npos) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  out.push_back(cur);
  return out;
}

// The multi-line form with labels: "Nama: ...", "Alamat: ...", "HP: ...", "Aduan: ...".
bool ReadLabelledRelay(const std::string& rest, RelayHeader* out) {
  bool any = false;
  std::string text;
  for (const auto& line : Split(rest, "\n")) {
    std::string low = Lower(Trim(line));
    auto colon = low.find(':');
    std::string label = colon == std::string::npos ? "" : Trim(low.substr(0, colon));
    std::string value = colon == std::string::npos ? "" : Trim(Trim(line).substr(colon + 1));
    if (label == "nama") {
      out->name = value, any = true;
    } else if (label == "alamat" || label == "lokasi" || label == "tempat" || label == "rt/rw") {
      out->place = value, any = true;
    } else if (label == "hp" || label == "no hp" || label == "wa" || label == "telp" ||
               label == "no") {
      out->phone = PhoneOf(value), any = true;
    } else if (label == "aduan" || label == "keluhan" || label == "isi" || label == "laporan") {
      if (!text.empty()) text += '\n';
      text += value;
      any = true;
    } else if (!Trim(line).empty()) {
      if (!text.empty()) text += '\n';
      text += Trim(line);
    }
  }
  if (any) out->text = Trim(text);
  return any && !out->name.empty();
}

RelayHeader ReadRelay(const std::string& rest_in) {
  RelayHeader out;
  std::string rest = Trim(rest_in);
  if (!rest.empty() && rest[0] == ':') rest = Trim(rest.substr(1));
  if (ReadLabelledRelay(rest, &out)) return out;
  out = RelayHeader{};
  auto first_nl = rest.find('\n');
  std::string first_line = rest.substr(0, first_nl);
  auto colon = first_line.find(':');
  std::string header, text;
  if (colon != std::string::npos) {
    header = first_line.substr(0, colon);
    text = rest.substr(colon + 1);
  } else {
    header = first_line;
    text = first_nl == std::string::npos ? "" : rest.substr(first_nl + 1);
  }
  ReadHeaderPieces(Split(header, ",;"), &out);
  // Following lines that are only a phone number belong to the header.
  std::string kept;
  for (const auto& line : Split(text, "\n")) {
    std::string phone = out.phone.empty() ? PhoneOf(line) : "";
    if (!phone.empty()) {
      out.phone = phone;
    } else if (!Trim(line).empty()) {
      if (!kept.empty()) kept += '\n';
      kept += Trim(line);
    }
  }
  out.text = Trim(kept);
  return out;
}

bool IsAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// Strips the ANONIM / RAHASIA keywords opening a text ("#anonim", "[RAHASIA]", "anonim,").
// "Rahasia" also opens ordinary sentences ("Rahasia umum bahwa..."), so it counts only in
// capitals or marked off by punctuation.
std::string StripKeywords(const std::string& text, bool* anonymous, bool* secret) {
  size_t at = 0;
  for (;;) {
    size_t start = at;
    while (start < text.size() && !IsAlnum(text[start])) ++start;
    size_t end = start;
    while (end < text.size() && IsAlnum(text[end])) ++end;
    std::string original = text.substr(start, end - start);
    std::string word = Lower(original);
    bool marked =
        start > at || (end < text.size() &&
                       std::string_view(":,.;-]\n").find(text[end]) != std::string_view::npos);
    if (word == "anonim" || word == "anonymous") {
      *anonymous = true;
    } else if (word == "rahasia" && (original == "RAHASIA" || marked)) {
      *secret = true;
    } else {
      break;
    }
    at = end;
    while (at < text.size() && !IsAlnum(text[at])) ++at;
  }
  return Trim(text.substr(at));
}

}  // namespace

ReadText ReadMessageText(std::string_view raw) {
  ReadText out;
  std::string text = Trim(raw);
  std::string low = Lower(text);
  std::string cmd_low = !low.empty() && low[0] == '/' ? low.substr(1) : low;
  // "/status@aduan_bot ADU-..." in Telegram groups: drop the bot's name.
  if (!low.empty() && low[0] == '/') {
    auto at = cmd_low.find('@');
    auto space = cmd_low.find_first_of(" \n");
    if (at != std::string::npos && at < space) cmd_low.erase(at, space - at);
  }
  size_t end = 0;
  for (auto [word, command] :
       {std::pair{"status", Command::kStatus}, std::pair{"cek", Command::kStatus},
        std::pair{"check", Command::kStatus}, std::pair{"batal", Command::kWithdraw},
        std::pair{"cancel", Command::kWithdraw}}) {
    if (StartsWithPhrase(cmd_low, word, &end)) {
      std::string rest = Trim(text.substr(text.size() - cmd_low.size() + end));
      if (rest.empty() || LooksLikeTicket(rest)) {
        out.command = command;
        out.argument = rest;
        return out;
      }
    }
  }
  std::string words_only = Trim(cmd_low);
  if (words_only == "daftar" || words_only == "daftar aduan" || words_only == "list") {
    out.command = Command::kList;
    return out;
  }
  if (words_only == "ya" || words_only == "yes" || words_only == "setuju" || words_only == "y" ||
      words_only == "iya" || words_only == "ya setuju") {
    out.command = Command::kYes;
    return out;
  }
  if (words_only == "tidak" || words_only == "tdk" || words_only == "no" || words_only == "tolak" ||
      words_only == "tidak setuju") {
    out.command = Command::kNo;
    return out;
  }
  if (StartsWithPhrase(cmd_low, "lapor untuk", &end)) {
    out.command = Command::kRelay;
    out.relay = ReadRelay(text.substr(text.size() - cmd_low.size() + end));
    out.relay.text = StripKeywords(out.relay.text, &out.anonymous, &out.secret);
    std::string relay_low = Lower(out.relay.text);
    out.anonymous = out.anonymous ||
                    ContainsAny(relay_low, {"jangan sebut nama", "tanpa nama", "rahasiakan nama",
                                            "rahasiakan identitas", "identitas dirahasiakan"});
    out.secret = out.secret || ContainsAny(relay_low, {"mohon dirahasiakan", "jangan dipublikasi",
                                                       "jangan disebarkan"});
    out.body = out.relay.text;
    return out;
  }
  if (!low.empty() && low[0] == '/') {
    out.command = (cmd_low.rfind("start", 0) == 0 || cmd_low.rfind("help", 0) == 0)
                      ? Command::kGreeting
                      : Command::kUnknown;
    return out;
  }
  if (IsGreeting(text)) {
    out.command = Command::kGreeting;
    return out;
  }
  out.body = StripKeywords(text, &out.anonymous, &out.secret);
  std::string body_low = Lower(out.body);
  // Plain words count as much as the keywords: residents rarely know the commands.
  if (ContainsAny(body_low, {"jangan sebut nama", "jangan sebutkan nama", "tanpa nama",
                             "rahasiakan nama", "rahasiakan identitas", "identitas dirahasiakan",
                             "identitas saya dirahasiakan", "nama saya dirahasiakan"})) {
    out.anonymous = true;
  }
  if (ContainsAny(body_low, {"mohon dirahasiakan", "tolong dirahasiakan", "jangan dipublikasi",
                             "jangan disebarkan", "rahasiakan aduan", "rahasiakan laporan"})) {
    out.secret = true;
  }
  return out;
}

}  // namespace aduan::gateway::conversation
