// Replays fuzz inputs without libFuzzer: each file named, or each file in each folder named, is
// given once to the target's LLVMFuzzerTestOneInput. Built with any compiler and the sanitizers,
// it keeps the corpora and the reproducers of past findings as regression tests.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv)
{
   std::vector<fs::path> inputs;
   for (int i = 1; i < argc; ++i) {
      const fs::path path(argv[i]);
      if (fs::is_directory(path)) {
         for (const auto& entry : fs::directory_iterator(path)) {
            if (entry.is_regular_file()) {
               inputs.push_back(entry.path());
            }
         }
      } else if (fs::is_regular_file(path)) {
         inputs.push_back(path);
      } else {
         std::fprintf(stderr, "no such file or folder: %s\n", argv[i]);
         return 2;
      }
   }
   std::sort(inputs.begin(), inputs.end());
   for (const auto& path : inputs) {
      std::ifstream in(path, std::ios::binary);
      const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
      std::fprintf(stderr, "%s\n", path.string().c_str());
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
   }
   std::fprintf(stderr, "%zu inputs replayed\n", inputs.size());
   return inputs.empty() ? 1 : 0;
}
