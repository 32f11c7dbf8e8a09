#include "channels/adapter.h"

#include <algorithm>
#include <cctype>

#include "channels/util.h"

namespace aduan::channels {

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) <
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::string WebhookRequest::Header(std::string_view name) const {
  auto it = headers.find(std::string(name));
  return it == headers.end() ? std::string() : it->second;
}

std::string WebhookRequest::Query(std::string_view name) const {
  auto it = query.find(std::string(name));
  return it == query.end() ? std::string() : it->second;
}

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

}  // namespace aduan::channels
