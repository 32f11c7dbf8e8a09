#include "media/blob_store.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>
#include <vector>

#include "../tests/storage/temp_dir.h"
#include "core/crypto.h"

namespace aduan::media {
namespace {

using testing::TempDir;

TEST(BlobStoreTest, BytesComeBackUnderTheirSha256) {
  TempDir dir;
  FileBlobStore store(dir.path() / "aduan.db.blobs");
  std::string photo("\xFF\xD8\xFF\xE0 pothole \0 bytes", 20);
  std::string sha = store.Put(photo);
  EXPECT_EQ(sha, core::Sha256Hex(photo));
  EXPECT_EQ(store.Get(sha), photo);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "aduan.db.blobs" / sha.substr(0, 2) / sha));
  EXPECT_EQ(store.Put(photo), sha);  // stored once
  EXPECT_EQ(store.Get(core::Sha256Hex("never stored")), std::nullopt);
}

TEST(BlobStoreTest, OnlyHexNamesAreLookedUp) {
  TempDir dir;
  FileBlobStore store(dir.path());
  EXPECT_EQ(store.Get("../../etc/passwd"), std::nullopt);
  EXPECT_EQ(store.Get(std::string(64, 'A')), std::nullopt);  // uppercase is not our name
  EXPECT_EQ(store.Get(""), std::nullopt);
}

TEST(BlobStoreTest, ADamagedFileIsNotServed) {
  TempDir dir;
  FileBlobStore store(dir.path());
  std::string sha = store.Put("receipt of an illegal fee");
  std::ofstream(dir.path() / sha.substr(0, 2) / sha, std::ios::binary | std::ios::trunc)
      << "tampered";
  EXPECT_EQ(store.Get(sha), std::nullopt);
}

TEST(BlobStoreTest, ConcurrentWritersOfTheSameBytesLeaveOneWholeFile) {
  TempDir dir;
  FileBlobStore store(dir.path());
  std::string bytes(256 * 1024, 'x');
  std::vector<std::thread> writers;
  for (int i = 0; i < 8; ++i) writers.emplace_back([&] { store.Put(bytes); });
  for (auto& t : writers) t.join();
  std::string sha = core::Sha256Hex(bytes);
  EXPECT_EQ(store.Get(sha), bytes);
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir.path())) {
    files += e.is_regular_file() ? 1 : 0;
  }
  EXPECT_EQ(files, 1);  // no temporary file left behind
  EXPECT_EQ(FileBlobStore::RootBeside("data/aduan.db"), "data/aduan.db.blobs");
}

TEST(BlobStoreTest, AnUnwritableRootIsAClearError) {
  TempDir dir;
  std::ofstream(dir.path() / "file") << "x";
  EXPECT_THROW(FileBlobStore(dir.path() / "file" / "blobs"), BlobError);
}

}  // namespace
}  // namespace aduan::media
