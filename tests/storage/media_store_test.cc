// The Store contract for media: rows written in the message's own transaction (none on a
// duplicate), claims that no two workers share, results that are final once stored or
// unavailable, a photo's GPS that becomes the ticket's location hint only when it has none,
// and content-addressed blobs that every instance on the database can read.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "storage/store.h"
#include "store_fixture.h"

namespace aduan::storage {
namespace {

class MediaStoreTest : public StoreTest {};

IntakeRequest WithPhoto(const std::string& msg_id, const std::string& ticket_id,
                        const std::string& reference) {
  IntakeRequest req = Complaint(msg_id, ticket_id);
  MediaDraft d;
  d.reference = reference;
  d.kind = "image";
  d.filename = "foto.jpg";
  req.media.push_back(d);
  return req;
}

TEST_P(MediaStoreTest, RowsAreWrittenWithTheMessageAndNotAgainOnARetry) {
  store_->Intake(WithPhoto("m1", "ADU-MEDIA001", "media-1")).value();
  IntakeResult again = store_->Intake(WithPhoto("m1", "ADU-MEDIA002", "media-1")).value();
  EXPECT_TRUE(again.duplicate);
  MediaQuery q;
  q.ticket_id = "ADU-MEDIA001";
  auto rows = store_->ListMedia(q);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].status, "pending");
  EXPECT_EQ(rows[0].message_id, "m1");
  EXPECT_EQ(rows[0].reference, "media-1");
  EXPECT_EQ(rows[0].filename, "foto.jpg");
  EXPECT_EQ(rows[0].attempts, 0);
  auto one = store_->GetMedia(rows[0].id);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->ticket_id, "ADU-MEDIA001");
  EXPECT_FALSE(store_->GetMedia(rows[0].id + 1000));
}

TEST_P(MediaStoreTest, AClaimIsHeldUntilFinishedAndStoredIsFinal) {
  store_->Intake(WithPhoto("m1", "ADU-MEDIA001", "media-1")).value();
  auto claimed = store_->ClaimMedia(10, 2000, 60000);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_TRUE(OpenAnotherInstance()->ClaimMedia(10, 2000, 60000).empty());

  MediaAttempt retry;
  retry.result = MediaAttempt::Result::kRetry;
  retry.next_attempt_at_ms = 10000;
  retry.error = "download answered 503";
  store_->FinishMedia(claimed[0].id, retry, 3000);
  EXPECT_TRUE(store_->ClaimMedia(10, 9999, 60000).empty());  // waits for its backoff
  claimed = store_->ClaimMedia(10, 10000, 60000);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].attempts, 1);
  EXPECT_EQ(claimed[0].last_error, "download answered 503");

  std::string sha = store_->PutBlob("the photo");
  MediaAttempt stored;
  stored.result = MediaAttempt::Result::kStored;
  stored.sha256 = sha;
  stored.content_type = "image/jpeg";
  stored.bytes = 9;
  stored.photo_location_json = R"({"latitude":-6.0025,"longitude":106.0111,"source":"photo"})";
  store_->FinishMedia(claimed[0].id, stored, 11000);
  // A late result of an expired claim changes nothing.
  store_->FinishMedia(claimed[0].id, retry, 12000);
  auto row = store_->GetMedia(claimed[0].id);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->status, "stored");
  EXPECT_EQ(row->sha256, sha);
  EXPECT_EQ(row->content_type, "image/jpeg");
  EXPECT_EQ(row->bytes, 9);
  EXPECT_EQ(row->attempts, 2);
  EXPECT_TRUE(store_->ClaimMedia(10, 100000000, 60000).empty());

  auto details = nlohmann::json::parse(store_->GetTicket("ADU-MEDIA001")->details_json);
  ASSERT_TRUE(details.contains("photo_location")) << details.dump();
  EXPECT_EQ(details["photo_location"]["source"], "photo");
  EXPECT_DOUBLE_EQ(details["photo_location"]["latitude"].get<double>(), -6.0025);
}

TEST_P(MediaStoreTest, APhotoNeverReplacesALocationTheResidentShared) {
  IntakeRequest req = WithPhoto("m1", "ADU-MEDIA001", "media-1");
  req.ticket->details_json = R"({"location":{"latitude":-6.1,"longitude":106.1}})";
  store_->Intake(req).value();
  auto claimed = store_->ClaimMedia(10, 2000, 60000);
  ASSERT_EQ(claimed.size(), 1u);
  MediaAttempt stored;
  stored.result = MediaAttempt::Result::kStored;
  stored.sha256 = store_->PutBlob("x");
  stored.photo_location_json = R"({"latitude":-6.0025,"longitude":106.0111,"source":"photo"})";
  store_->FinishMedia(claimed[0].id, stored, 3000);
  auto details = nlohmann::json::parse(store_->GetTicket("ADU-MEDIA001")->details_json);
  EXPECT_FALSE(details.contains("photo_location"));
  EXPECT_DOUBLE_EQ(details["location"]["latitude"].get<double>(), -6.1);
}

TEST_P(MediaStoreTest, UnavailableRowsAreListedForOperatorsNewestFirst) {
  store_->Intake(WithPhoto("m1", "ADU-MEDIA001", "media-1")).value();
  store_->Intake(WithPhoto("m2", "ADU-MEDIA002", "media-2")).value();
  for (const auto& row : store_->ClaimMedia(10, 2000, 60000)) {
    MediaAttempt dead;
    dead.result = MediaAttempt::Result::kUnavailable;
    dead.error = "download answered 404";
    store_->FinishMedia(row.id, dead, 3000);
  }
  MediaQuery q;
  q.status = "unavailable";
  auto rows = store_->ListMedia(q);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].ticket_id, "ADU-MEDIA002");
  EXPECT_EQ(rows[0].last_error, "download answered 404");
  EXPECT_TRUE(store_->ClaimMedia(10, 100000000, 60000).empty());
}

TEST_P(MediaStoreTest, BlobsAreContentAddressedAndSeenByEveryInstance) {
  std::string bytes("\xFF\xD8\x00binary\x00\xFF\xD9", 11);
  std::string sha = store_->PutBlob(bytes);
  EXPECT_EQ(sha, core::Sha256Hex(bytes));
  EXPECT_EQ(store_->PutBlob(bytes), sha);  // the same bytes again: the same key
  EXPECT_EQ(OpenAnotherInstance()->GetBlob(sha), bytes);
  EXPECT_FALSE(store_->GetBlob(core::Sha256Hex("never stored")));
  EXPECT_FALSE(store_->GetBlob("../../etc/passwd"));
}

INSTANTIATE_TEST_SUITE_P(Backends, MediaStoreTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace aduan::storage
