#include "gateway/tickets/reply_thread.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "channels/adapter.h"
#include "core/message.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

// Length of one reply prefix at the start of `s` ("Re:", "RE[3]:", "Aw:", "Balas:", with the
// spaces after it), or 0.
size_t ReplyPrefixLength(std::string_view s) {
  static constexpr std::string_view kWords[] = {"re", "aw", "sv", "balas", "bls"};
  for (std::string_view word : kWords) {
    if (s.size() < word.size()) continue;
    bool same = std::equal(word.begin(), word.end(), s.begin(), [](char a, char b) {
      return a == std::tolower(static_cast<unsigned char>(b));
    });
    if (!same) continue;
    size_t i = word.size();
    if (i < s.size() && s[i] == '[') {  // "Re[2]:"
      size_t close = s.find(']', i);
      if (close == std::string_view::npos) continue;
      i = close + 1;
    }
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size() || s[i] != ':') continue;
    ++i;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    return i;
  }
  return 0;
}

std::string StringOr(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

bool IsEmailChannel(const std::string& channel) {
  return channels::TraitsOf(channel).threads_by_subject;
}

std::string ReplySubject(const std::string& subject, const std::string& ticket) {
  std::string_view rest = subject;
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  while (size_t n = ReplyPrefixLength(rest)) rest.remove_prefix(n);
  std::string out = "Re: " + std::string(rest.empty() ? "Aduan" : rest);
  if (!ticket.empty() && out.find(ticket) == std::string::npos) out += " [" + ticket + "]";
  return out;
}

json ThreadOf(const core::InboundMessage& in) {
  json thread = json::object();
  if (!in.provider_message_id.empty()) thread["message_id"] = in.provider_message_id;
  if (IsEmailChannel(in.channel) && !in.in_reply_to.empty()) {
    // The parser lists In-Reply-To first, then References newest to oldest.
    json refs = json::array();
    for (auto it = in.in_reply_to.rbegin(); it != in.in_reply_to.rend(); ++it) {
      if (std::find(refs.begin(), refs.end(), *it) == refs.end()) refs.push_back(*it);
    }
    thread["references"] = refs;
  }
  if (!in.subject.empty()) thread["subject"] = in.subject;
  if (!in.our_address.empty()) thread["our_address"] = in.our_address;
  return thread;
}

json ReplyDetails(const json& thread, const std::string& channel, const std::string& ticket) {
  json details = json::object();
  if (!thread.is_object()) return details;
  std::string message_id = StringOr(thread, "message_id");
  if (!message_id.empty()) details["in_reply_to"] = message_id;
  if (std::string ours = StringOr(thread, "our_address"); !ours.empty()) {
    details["our_address"] = ours;
  }
  std::string subject = StringOr(thread, "subject");
  if (IsEmailChannel(channel)) {
    details["subject"] = ReplySubject(subject, ticket);
    if (auto refs = thread.find("references"); refs != thread.end() && refs->is_array()) {
      details["references"] = *refs;
    }
  } else if (!subject.empty()) {
    details["subject"] = ReplySubject(subject, ticket);
  }
  return details;
}

json NotificationDetails(const storage::TicketRecord& ticket, const std::string& channel,
                         const std::string& address) {
  json thread = json::object();
  bool writer = channel == ticket.channel &&
                (address == ticket.reporter_sender || address == ticket.reply_address);
  if (writer) {
    json details = json::parse(ticket.details_json, nullptr, false);
    if (details.is_object() && details.contains("thread") && details["thread"].is_object()) {
      thread = details["thread"];
    }
  }
  return ReplyDetails(thread, channel, ticket.id);
}

}  // namespace aduan::gateway
