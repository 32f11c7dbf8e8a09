// A provider's sending API on 127.0.0.1 (ephemeral port): records every request it receives and
// answers from a scripted list, then with a default answer once the script is used up.
#ifndef ADUAN_TESTS_E2E_FAKE_PROVIDER_H_
#define ADUAN_TESTS_E2E_FAKE_PROVIDER_H_

#include <httplib.h>

#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace aduan::testing {

class FakeProvider {
 public:
  struct Answer {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    httplib::Headers headers = {};  // extra response headers (Retry-After)
  };
  struct Recorded {
    std::string method;
    std::string path;
    httplib::Headers headers;
    std::string body;

    std::string Header(const std::string& name) const;  // first value, any case; or ""
  };

  // `fallback` answers every request once the script is used up.
  explicit FakeProvider(Answer fallback);
  ~FakeProvider();
  FakeProvider(const FakeProvider&) = delete;
  FakeProvider& operator=(const FakeProvider&) = delete;

  // "http://127.0.0.1:PORT", the value for ADUAN_<CHANNEL>_API_BASE.
  std::string base_url() const;
  // Queues answers for the next requests, in order.
  void Script(std::vector<Answer> answers);

  std::vector<Recorded> requests() const;
  size_t request_count() const;

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = -1;
  mutable std::mutex mu_;
  std::deque<Answer> script_;
  Answer fallback_;
  std::vector<Recorded> requests_;
};

}  // namespace aduan::testing

#endif  // ADUAN_TESTS_E2E_FAKE_PROVIDER_H_
