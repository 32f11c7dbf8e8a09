// Evidence files on disk, kept by the SHA-256 of their bytes (content-addressed): the same photo
// sent twice is stored once, a file's name is its integrity check, and nothing a provider or a
// resident names ever becomes a path. By default the directory sits next to the SQLite file
// ("data/aduan.db" -> "data/aduan.db.blobs"), so a backup of the one includes the other.
//
// Layout: <root>/<first two hex digits>/<all 64 hex digits>. Writes go to a temporary file in the
// same directory, are fsynced, renamed into place and the directory fsynced, so a crash leaves
// either the whole file or none. Safe to use from several threads and processes at once.
#ifndef ADUAN_MEDIA_BLOB_STORE_H_
#define ADUAN_MEDIA_BLOB_STORE_H_

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace aduan::media {

struct BlobError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class FileBlobStore {
 public:
  // Creates `root` if needed; throws BlobError when it cannot.
  explicit FileBlobStore(std::filesystem::path root);

  // "<sqlite file>.blobs": where a store beside that database keeps its files.
  static std::filesystem::path RootBeside(const std::filesystem::path& sqlite_file);

  // Stores `bytes` durably and returns their SHA-256 (hex). Storing bytes already present
  // writes nothing. Throws BlobError on an I/O failure (the store is unchanged then).
  std::string Put(std::string_view bytes);

  // The bytes stored under `sha256`; nullopt when absent, when `sha256` is not 64 lowercase hex
  // digits, or when the file no longer hashes to its name (damaged on disk).
  std::optional<std::string> Get(std::string_view sha256) const;

 private:
  std::filesystem::path PathOf(std::string_view sha256) const;
  std::filesystem::path root_;
};

}  // namespace aduan::media

#endif  // ADUAN_MEDIA_BLOB_STORE_H_
