// A fresh directory under the system temp dir, removed with everything in it on destruction.
#ifndef ADUAN_TESTS_STORAGE_TEMP_DIR_H_
#define ADUAN_TESTS_STORAGE_TEMP_DIR_H_

#include <filesystem>
#include <string>

namespace aduan::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace aduan::testing

#endif  // ADUAN_TESTS_STORAGE_TEMP_DIR_H_
