// Reading the classifier's data files (rules, lexicon, roots) from a file or a directory.
#ifndef ADUAN_CLASSIFIER_DATA_FILES_H_
#define ADUAN_CLASSIFIER_DATA_FILES_H_

#include <string>
#include <vector>

namespace aduan::classifier {

struct DataFile {
  std::string path;
  std::string content;
};

// Reads `path`: a regular file, or a directory whose regular files ending in `extension` are read
// in name order (so a city can add "90-kota.rules" after the shipped ones). Returns false and sets
// *error ("path: problem") when nothing can be read. Files over 8 MiB are refused: data files
// are small, and a huge one is a mistake that should not eat the gateway's memory.
bool ReadDataFiles(const std::string& path, const std::string& extension,
                   std::vector<DataFile>* files, std::string* error);

// Splits a file into lines; a line keeps no '\n' or trailing '\r'. Line numbers are index + 1.
std::vector<std::string> SplitLines(const std::string& content);

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_DATA_FILES_H_
