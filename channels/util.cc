#include "channels/util.h"

#include <cctype>
#include <charconv>
#include <vector>

#include "core/crypto.h"
#include "core/utf8.h"

namespace aduan::channels {
namespace {

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Reads exactly `n` digits at `pos`.
bool Digits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

int64_t ToMs(int64_t y, int mo, int d, int h, int mi, int sec, int millis, int offset_minutes) {
  int64_t days = DaysFromCivil(y, mo, d);
  int64_t secs = days * 86400 + h * 3600 + mi * 60 + sec - offset_minutes * 60LL;
  return secs * 1000 + millis;
}

// 9999-12-31T23:59:59.999Z: the last time a date field may name.
constexpr int64_t kLatestDateMs = 253402300799999LL;

bool ValidClock(int mo, int d, int h, int mi, int sec) {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 60;
}

}  // namespace

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool IsBlankText(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const char32_t cp = core::NextCodePoint(s, i);
    if (cp < 0x80) {
      if (!IsSpace(static_cast<char>(cp))) return false;
      continue;
    }
    // An invalid byte decodes as U+FFFD, which is not blank: invalid UTF-8 is something.
    bool blank = cp == 0x85 || cp == 0xA0 || cp == 0x1680 || cp == 0x180E ||
                 (cp >= 0x2000 && cp <= 0x200D) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
                 cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
    if (!blank) return false;
  }
  return true;
}

std::string Excerpt(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = core::Utf8PrefixBytes(s, max_bytes).size();
  // Back up to the last space when one is reasonably near, so no word is cut in half.
  size_t space = s.rfind(' ', cut);
  if (space != std::string_view::npos && space > 0 && space + 40 >= cut) cut = space;
  std::string out(TrimView(s.substr(0, cut)));
  out += "...";
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string StripAngles(std::string_view id) {
  id = TrimView(id);
  if (!id.empty() && id.front() == '<') id.remove_prefix(1);
  if (!id.empty() && id.back() == '>') id.remove_suffix(1);
  return std::string(TrimView(id));
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

HandleResult Rejected(int http_status, std::string code, std::string message) {
  HandleResult result;
  result.error = WebhookError{http_status, std::move(code), std::move(message)};
  return result;
}

std::string RequestMediaType(const WebhookRequest& request) {
  std::string type = request.Header("Content-Type");
  if (auto semi = type.find(';'); semi != std::string::npos) type.resize(semi);
  return AsciiLower(TrimView(type));
}

std::optional<int64_t> ParseInt64(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

int64_t DaysFromCivil(int64_t y, int m, int d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<int64_t> ParseDateTimeMs(std::string_view s) {
  s = TrimView(s);
  if (auto n = ParseInt64(s)) {
    if (*n <= 0) return std::nullopt;
    int64_t ms = *n >= 100000000000LL ? *n : *n * 1000;  // 12+ digits: already milliseconds
    // A time past year 9999 is not a time anyone sent; ignore it rather than carry it around.
    if (ms > kLatestDateMs) return std::nullopt;
    return ms;
  }
  size_t p = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, millis = 0, offset = 0;
  if (!Digits(s, p, 4, y) || p >= s.size() || s[p++] != '-' || !Digits(s, p, 2, mo) ||
      p >= s.size() || s[p++] != '-' || !Digits(s, p, 2, d) || p >= s.size() ||
      (s[p] != 'T' && s[p] != 't' && s[p] != ' ')) {
    return std::nullopt;
  }
  ++p;
  if (!Digits(s, p, 2, h) || p >= s.size() || s[p++] != ':' || !Digits(s, p, 2, mi)) {
    return std::nullopt;
  }
  if (p < s.size() && s[p] == ':' && !Digits(s, ++p, 2, sec)) return std::nullopt;
  if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
    ++p;
    int scale = 100;
    while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) {
      millis += (s[p++] - '0') * scale;
      scale /= 10;
    }
  }
  while (p < s.size() && s[p] == ' ') ++p;
  if (p < s.size()) {
    if (s[p] == 'Z' || s[p] == 'z') {
      ++p;
    } else if (s[p] == '+' || s[p] == '-') {
      int sign = s[p++] == '-' ? -1 : 1, oh, om = 0;
      if (!Digits(s, p, 2, oh)) return std::nullopt;
      if (p < s.size() && s[p] == ':') ++p;
      if (p < s.size() && !Digits(s, p, 2, om)) return std::nullopt;
      offset = sign * (oh * 60 + om);
    }
  }
  if (p != s.size() || !ValidClock(mo, d, h, mi, sec)) return std::nullopt;
  return ToMs(y, mo, d, h, mi, sec, millis, offset);
}

std::optional<int64_t> ParseMailDateMs(std::string_view s) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  s = TrimView(s);
  if (auto comma = s.find(','); comma != std::string_view::npos) s = TrimView(s.substr(comma + 1));
  // Tokens: day month year time [zone]
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t start = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    if (i > start) tokens.push_back(s.substr(start, i - start));
  }
  if (tokens.size() < 4) return std::nullopt;
  auto day = ParseInt64(tokens[0]);
  auto year = ParseInt64(tokens[2]);
  int month = 0;
  for (int m = 0; m < 12; ++m) {
    if (StartsWithIgnoreCase(tokens[1], kMonths[m])) month = m + 1;
  }
  if (!day || !year || month == 0) return std::nullopt;
  int64_t y = *year;
  if (y < 0) return std::nullopt;
  if (y < 50)
    y += 2000;  // RFC 5322 obsolete two-digit years
  else if (y < 1000)
    y += 1900;
  // Out-of-range years (a fuzzer's 2666666024) are ignored, never wrapped into a bogus time.
  if (y > 9999) return std::nullopt;
  size_t p = 0;
  std::string_view t = tokens[3];
  int h = 0, mi = 0, sec = 0;
  if (!Digits(t, p, 2, h) || p >= t.size() || t[p++] != ':' || !Digits(t, p, 2, mi)) {
    return std::nullopt;
  }
  if (p < t.size() && (t[p] != ':' || !Digits(t, ++p, 2, sec))) return std::nullopt;
  int offset = 0;
  if (tokens.size() >= 5) {
    std::string_view z = tokens[4];
    if ((z[0] == '+' || z[0] == '-') && z.size() == 5) {
      size_t zp = 1;
      int zh, zm;
      if (Digits(z, zp, 2, zh) && Digits(z, zp, 2, zm)) {
        offset = (z[0] == '-' ? -1 : 1) * (zh * 60 + zm);
      }
    } else {
      static const std::pair<std::string_view, int> kZones[] = {
          {"EDT", -240}, {"EST", -300}, {"CDT", -300}, {"CST", -360},
          {"MDT", -360}, {"MST", -420}, {"PDT", -420}, {"PST", -480}};
      for (const auto& [name, minutes] : kZones) {
        if (EqualsIgnoreCase(z, name)) offset = minutes;
      }
    }
  }
  if (!ValidClock(month, static_cast<int>(*day), h, mi, sec)) return std::nullopt;
  return ToMs(y, month, static_cast<int>(*day), h, mi, sec, 0, offset);
}

std::string BasicAuthorization(std::string_view user, std::string_view password) {
  std::string credentials(user);
  credentials += ':';
  credentials += password;
  return "Basic " + core::Base64Encode(credentials);
}

// The base rule every provider starts from; it lives beside JsonSendOutcome, which builds on it.
SendOutcome ChannelAdapter::ParseSendResponse(int http_status, std::string_view body) const {
  SendOutcome out;
  if (http_status >= 200 && http_status < 300) {
    out.delivered = true;
    return out;
  }
  // No answer, throttling and server faults are worth another try; other 4xx never heal.
  out.retryable = http_status == 0 || http_status == 429 || http_status >= 500;
  out.error = "HTTP " + std::to_string(http_status) + ": " + Excerpt(body, 200);
  return out;
}

SendOutcome JsonSendOutcome(int http_status, std::string_view body,
                            const std::function<std::string(const nlohmann::json&)>& id_of,
                            const std::function<std::string(const nlohmann::json&)>& error_of) {
  SendOutcome out;
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  bool is_object = !parsed.is_discarded() && parsed.is_object();
  if (http_status >= 200 && http_status < 300) {
    out.delivered = true;
    if (is_object) {
      try {
        out.provider_message_id = id_of(parsed);
      } catch (const nlohmann::json::exception&) {
        // A 2xx is an acceptance even when its body is odd; the id is a convenience.
      }
    }
    return out;
  }
  out.retryable = http_status == 0 || http_status == 429 || http_status >= 500;
  std::string detail;
  if (is_object) {
    try {
      detail = error_of(parsed);
    } catch (const nlohmann::json::exception&) {
    }
  }
  if (detail.empty()) detail = Excerpt(body, 200);
  out.error = http_status == 0 ? "no answer: " + detail
                               : "HTTP " + std::to_string(http_status) + ": " + detail;
  return out;
}

std::string JsonString(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return {};
  auto it = object.find(std::string(key));
  if (it == object.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (it->is_number_unsigned()) return std::to_string(it->get<uint64_t>());
  return {};
}

}  // namespace aduan::channels
