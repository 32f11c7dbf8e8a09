// The Store contract for the people of the web inbox: a username is taken once, a user can be
// disabled, and both backends keep the same fields.
#include <gtest/gtest.h>

#include "storage/store.h"
#include "store_fixture.h"

namespace aduan::storage {
namespace {

class UsersStoreTest : public StoreTest {};

UserRecord Clerk(const std::string& username, const std::string& agency) {
  UserRecord u;
  u.username = username;
  u.name = "Nama " + username;
  u.agency = agency;
  u.role = "clerk";
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at_ms = 1234;
  return u;
}

TEST_P(UsersStoreTest, AUsernameIsTakenOnce) {
  store_->InsertUser(Clerk("budi", "PUPR"));
  EXPECT_THROW(store_->InsertUser(Clerk("budi", "DISHUB")), UserConflict);
  auto u = store_->FindUser("budi");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->agency, "PUPR");  // the first insert stays
  EXPECT_EQ(u->name, "Nama budi");
  EXPECT_EQ(u->role, "clerk");
  EXPECT_EQ(u->password_hash, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
  EXPECT_EQ(u->created_at_ms, 1234);
  EXPECT_TRUE(u->active);
  EXPECT_FALSE(store_->FindUser("nobody"));
}

TEST_P(UsersStoreTest, ListedByUsernameAndDisabled) {
  UserRecord op = Clerk("rina", "");
  op.role = "operator";
  store_->InsertUser(op);
  store_->InsertUser(Clerk("budi", "PUPR"));
  auto all = store_->ListUsers();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].username, "budi");
  EXPECT_EQ(all[1].username, "rina");
  EXPECT_EQ(all[1].role, "operator");
  EXPECT_TRUE(store_->SetUserActive("budi", false));
  EXPECT_FALSE(store_->FindUser("budi")->active);
  EXPECT_TRUE(store_->FindUser("rina")->active);
  EXPECT_FALSE(store_->SetUserActive("nobody", false));
  // Another instance on the same database sees the same.
  EXPECT_FALSE(OpenAnotherInstance()->FindUser("budi")->active);
}

INSTANTIATE_TEST_SUITE_P(Backends, UsersStoreTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace aduan::storage
