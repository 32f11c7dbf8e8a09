#include "temp_dir.h"

#include <stdlib.h>

#include <stdexcept>

namespace aduan::testing {

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "aduan-test-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace aduan::testing
