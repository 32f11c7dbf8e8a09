// `aduan users add|list|disable`: the people of the web inbox. A password is read from
// standard input (one line), never from the command line, where `ps` and shell history see it.
#include <algorithm>
#include <iostream>

#include "classifier/classifier.h"
#include "gateway/app/cli.h"
#include "gateway/common/config.h"
#include "gateway/common/log.h"
#include "gateway/http/web/passwords.h"
#include "gateway/intake/intake.h"
#include "storage/store.h"

namespace aduan::gateway {
namespace {

constexpr const char* kUsersUsage = R"(usage:
  aduan users add --agency CODE --name NAME --username U [--role clerk|operator]
                  [--config FILE] [--db URL]      (password: one line on stdin, 10+ chars)
  aduan users add --role operator --name NAME --username U   (an operator has no agency)
  aduan users list [--config FILE] [--db URL]
  aduan users disable U [--config FILE] [--db URL]
)";

int UsersUsage(const std::string& problem) {
  std::cerr << "aduan: users: " << problem << "\n\n" << kUsersUsage;
  return 2;
}

bool ValidUsername(const std::string& u) {
  return !u.empty() && u.size() <= 64 && std::all_of(u.begin(), u.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

template <class F>
int WithUsersStore(const CliArgs& args, F&& f) {
  std::string error;
  auto cfg = LoadConfig(args.Get("--config").value_or(DefaultConfigPath()), &error);
  if (!cfg) {
    std::cerr << "aduan: bad config: " << error << "\n";
    return 2;
  }
  try {
    auto store = storage::OpenStore(StorageUrl(args, cfg->storage_url), cfg->StoreOptions());
    return f(*cfg, *store);
  } catch (const storage::UserConflict& e) {
    std::cerr << "aduan: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "aduan: " << e.what() << "\n";
    return 1;
  }
}

int Add(const CliArgs& args) {
  storage::UserRecord u;
  u.username = args.Get("--username").value_or("");
  std::transform(u.username.begin(), u.username.end(), u.username.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  u.name = args.Get("--name").value_or("");
  u.role = args.Get("--role").value_or("clerk");
  u.agency = args.Get("--agency").value_or("");
  if (!ValidUsername(u.username)) {
    return UsersUsage("--username must be 1-64 of a-z 0-9 . _ -");
  }
  if (u.name.empty()) return UsersUsage("--name is required (it is shown on tickets)");
  if (u.role != "clerk" && u.role != "operator") return UsersUsage("--role is clerk or operator");
  if (u.role == "clerk" && u.agency.empty()) return UsersUsage("a clerk needs --agency CODE");
  if (u.role == "operator" && !u.agency.empty()) {
    return UsersUsage("an operator sees every agency; leave out --agency");
  }
  std::string password;
  std::getline(std::cin, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (password.size() < 10) {
    return UsersUsage("the password (one line on stdin) needs at least 10 characters");
  }
  return WithUsersStore(args, [&](const GatewayConfig& cfg, storage::Store& store) {
    if (u.role == "clerk" && (!cfg.FindAgency(u.agency) || u.agency == classifier::kTriage)) {
      std::cerr << "aduan: unknown agency '" << u.agency << "' (not in " << cfg.path
                << "'s agencies file)\n";
      return 2;
    }
    u.password_hash = web::HashPassword(password);
    u.created_at_ms = SystemNowMs();
    store.InsertUser(u);
    std::cout << "added " << u.role << " " << u.username
              << (u.agency.empty() ? "" : " of " + u.agency) << "\n";
    return 0;
  });
}

}  // namespace

int UsersCommand(const std::vector<std::string>& raw) {
  std::string error;
  auto args = ParseArgs(raw, {"--config", "--db", "--agency", "--name", "--username", "--role"}, {},
                        &error);
  if (!args) return UsersUsage(error);
  const std::string verb = args->positional.empty() ? "" : args->positional[0];
  if (verb == "add" && args->positional.size() == 1) return Add(*args);
  if (verb == "list" && args->positional.size() == 1) {
    return WithUsersStore(*args, [](const GatewayConfig&, storage::Store& store) {
      for (const auto& u : store.ListUsers()) {
        std::cout << u.username << "\t" << u.role << "\t" << (u.agency.empty() ? "-" : u.agency)
                  << "\t" << u.name << "\t" << (u.active ? "active" : "disabled") << "\n";
      }
      return 0;
    });
  }
  if (verb == "disable" && args->positional.size() == 2) {
    const std::string username = args->positional[1];
    return WithUsersStore(*args, [&](const GatewayConfig&, storage::Store& store) {
      if (!store.SetUserActive(username, false)) {
        std::cerr << "aduan: no user " << username << " (see 'aduan users list')\n";
        return 2;
      }
      std::cout << "disabled " << username << "\n";
      return 0;
    });
  }
  return UsersUsage("expected 'users add', 'users list' or 'users disable U'");
}

}  // namespace aduan::gateway
