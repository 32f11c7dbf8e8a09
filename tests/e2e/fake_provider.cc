#include "fake_provider.h"

#include <strings.h>

#include <chrono>
#include <stdexcept>

namespace aduan::testing {

std::string FakeProvider::Recorded::Header(const std::string& name) const {
  for (const auto& [k, v] : headers) {
    if (strcasecmp(k.c_str(), name.c_str()) == 0) return v;
  }
  return "";
}

FakeProvider::FakeProvider(Answer fallback) : fallback_(std::move(fallback)) {
  auto handler = [this](const httplib::Request& req, httplib::Response& res) {
    Answer answer;
    {
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(Recorded{req.method, req.path, req.headers, req.body});
      if (script_.empty()) {
        answer = fallback_;
      } else {
        answer = script_.front();
        script_.pop_front();
      }
    }
    res.status = answer.status;
    for (const auto& [name, value] : answer.headers) res.set_header(name, value);
    res.set_content(answer.body, answer.content_type);
  };
  server_.Post(".*", handler);
  server_.Get(".*", handler);
  port_ = server_.bind_to_any_port("127.0.0.1");
  if (port_ <= 0) throw std::runtime_error("fake provider could not bind 127.0.0.1");
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  // Bounded wait for the accept loop.
  for (int i = 0; i < 500 && !server_.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!server_.is_running()) throw std::runtime_error("fake provider did not come up");
}

FakeProvider::~FakeProvider() {
  server_.stop();
  thread_.join();
}

std::string FakeProvider::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakeProvider::Script(std::vector<Answer> answers) {
  std::lock_guard<std::mutex> lock(mu_);
  for (auto& a : answers) script_.push_back(std::move(a));
}

std::vector<FakeProvider::Recorded> FakeProvider::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

size_t FakeProvider::request_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_.size();
}

}  // namespace aduan::testing
