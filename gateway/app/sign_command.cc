// `aduan sign CHANNEL FILE [--url BASE]`: prints a curl command that sends a recorded provider
// payload to a running gateway, signed as that provider would sign it. The README's tour uses
// it (`... | sh`) so that every channel can be tried without working out signatures by hand.
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include "channels/sign_webhook.h"
#include "gateway/app/cli.h"

namespace aduan::gateway {
namespace {

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::optional<std::string> Env(std::string_view name) {
  const char* v = std::getenv(std::string(name).c_str());
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

}  // namespace

int SignCommand(const CliArgs& args) {
  if (args.positional.size() != 2) {
    std::cerr << "aduan: usage: aduan sign CHANNEL FILE [--url http://127.0.0.1:8080]\n";
    return 2;
  }
  const std::string& channel = args.positional[0];
  const std::string& file = args.positional[1];
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "aduan: cannot read " << file << "\n";
    return 2;
  }
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::string body = bytes.str();
  std::string base = args.Get("--url").value_or("http://127.0.0.1:8080");
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string error;
  auto signed_request =
      channels::SignWebhook(channel, body, channels::ContentTypeOfRecording(file, body), base, Env,
                            static_cast<int64_t>(std::time(nullptr)), &error);
  if (!signed_request) {
    std::cerr << "aduan: sign " << channel << ": " << error << "\n";
    return 2;
  }
  std::string data_file = file;
  if (signed_request->body != body) {
    // Re-signed bytes go to a private temporary file the printed command reads.
    std::string pattern = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
                          "/aduan-signed-XXXXXX";
    int fd = mkstemp(pattern.data());
    if (fd < 0 || write(fd, signed_request->body.data(), signed_request->body.size()) !=
                      static_cast<ssize_t>(signed_request->body.size())) {
      std::cerr << "aduan: cannot write a temporary file for the signed body\n";
      if (fd >= 0) close(fd);
      return 1;
    }
    close(fd);
    data_file = pattern;
  }
  std::cout << "curl -sS -w '\\n' -X POST " << ShellQuote(signed_request->url);
  for (const auto& [name, value] : signed_request->headers) {
    std::cout << " -H " << ShellQuote(name + ": " + value);
  }
  std::cout << " --data-binary @" << ShellQuote(data_file) << "\n";
  return 0;
}

}  // namespace aduan::gateway
