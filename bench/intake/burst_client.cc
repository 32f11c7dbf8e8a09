// The load side of the burst bench: sends COUNT distinct signed WhatsApp webhooks (one message
// each, from its own sender) over CONNECTIONS keep-alive connections as fast as the server
// answers, each webhook exactly once, and counts the answers by status. Bodies and signatures
// are built before the clock starts, so the client spends its CPU on sending only.
// Prints one line: RESULT sent=N ok=N refused=N failed=N seconds=S rate=R
//   ok: 200s; refused: any other status; failed: no answer (connection error or timeout).
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "core/crypto.h"

namespace {

std::string Body(size_t i) {
  char phone[32];
  std::snprintf(phone, sizeof phone, "62816%07zu", i % 10000000);
  const std::string id = "wamid.burst" + std::to_string(i);
  return std::string(R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{)") +
         R"("field":"messages","value":{"messaging_product":"whatsapp","metadata":{)" +
         R"("phone_number_id":"1"},"contacts":[{"profile":{"name":"Warga"},"wa_id":")" + phone +
         R"("}],"messages":[{"from":")" + phone + R"(","id":")" + id +
         R"(","timestamp":"1790000000","type":"text","text":{"body":"Banjir setinggi lutut di )" +
         R"(gang )" + std::to_string(i) + R"(, selokan tersumbat sampah"}}]}}]}]})";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: burst_client PORT COUNT CONNECTIONS SECRET\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const size_t count = std::strtoull(argv[2], nullptr, 10);
  const int connections = std::max(1, std::atoi(argv[3]));
  const std::string secret = argv[4];
  struct Request {
    std::string body, signature;
  };
  std::vector<Request> requests(count);
  for (size_t i = 0; i < count; ++i) {
    requests[i].body = Body(i);
    requests[i].signature =
        "sha256=" + aduan::core::HexEncode(aduan::core::HmacSha256(secret, requests[i].body));
  }
  std::atomic<size_t> next{0}, ok{0}, refused{0}, failed{0};
  auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < connections; ++c) {
    threads.emplace_back([&] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_tcp_nodelay(true);  // headers and body are two writes: no Nagle wait between
      client.set_read_timeout(30, 0);
      for (size_t i; (i = next.fetch_add(1)) < count;) {
        const Request& r = requests[i];
        auto res = client.Post("/webhooks/whatsapp", {{"X-Hub-Signature-256", r.signature}}, r.body,
                               "application/json");
        if (!res) {
          ++failed;
        } else if (res->status == 200) {
          ++ok;
        } else {
          if (refused.fetch_add(1) == 0) {
            std::fprintf(stderr, "first refusal: %d %s\n", res->status, res->body.c_str());
          }
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("RESULT sent=%zu ok=%zu refused=%zu failed=%zu seconds=%.2f rate=%.0f\n", count,
              ok.load(), refused.load(), failed.load(), seconds, ok.load() / seconds);
  return ok.load() == count ? 0 : 1;
}
