#include "classifier/data_files.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace aduan::classifier {
namespace {

constexpr std::uintmax_t kMaxFileBytes = 8u << 20;

bool ReadOne(const std::filesystem::path& path, std::vector<DataFile>* files, std::string* error) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    *error = path.string() + ": cannot read: " + ec.message();
    return false;
  }
  if (size > kMaxFileBytes) {
    *error = path.string() + ": file is larger than 8 MiB";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path.string() + ": cannot open";
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  files->push_back({path.string(), text.str()});
  return true;
}

}  // namespace

bool ReadDataFiles(const std::string& path, const std::string& extension,
                   std::vector<DataFile>* files, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path root(path);
  if (fs::is_directory(root, ec)) {
    std::vector<fs::path> names;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == extension) {
        names.push_back(entry.path());
      }
    }
    if (ec) {
      *error = path + ": cannot list directory: " + ec.message();
      return false;
    }
    if (names.empty()) {
      *error = path + ": no *" + extension + " files in directory";
      return false;
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      if (!ReadOne(name, files, error)) return false;
    }
    return true;
  }
  if (!fs::exists(root, ec)) {
    *error = path + ": no such file or directory";
    return false;
  }
  return ReadOne(root, files, error);
}

std::vector<std::string> SplitLines(const std::string& content) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    std::string line = content.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    if (end == content.size()) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace aduan::classifier
