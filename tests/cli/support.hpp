// Helpers for the command-line tests: run main_command in-process, and a scratch folder.
#pragma once

#include "cli/commands.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace compplan::test_support {

namespace fs = std::filesystem;

struct outcome {
   int status = -1;
   std::string out;
   std::string err;
};

inline outcome run_cli(const std::vector<std::string>& arguments)
{
   std::vector<const char*> argv{"compplan"};
   for (const auto& argument : arguments) {
      argv.push_back(argument.c_str());
   }
   std::ostringstream out;
   std::ostringstream err;
   outcome result;
   result.status = compplan::cli::main_command(static_cast<int>(argv.size()), argv.data(), out, err);
   result.out = out.str();
   result.err = err.str();
   return result;
}

// A scratch folder for one test case, removed at its end.
class scratch_folder {
public:
   scratch_folder()
      : m_path(fs::temp_directory_path() / ("compplan_cli_test_" + std::to_string(::getpid())))
   {
      fs::remove_all(m_path);
      fs::create_directories(m_path);
   }
   ~scratch_folder() { fs::remove_all(m_path); }
   scratch_folder(const scratch_folder&) = delete;
   scratch_folder& operator=(const scratch_folder&) = delete;

   std::string write(const std::string& name, const std::string& text) const
   {
      const auto path = m_path / name;
      std::ofstream(path, std::ios::binary) << text;
      return path.string();
   }
   std::string path(const std::string& name) const { return (m_path / name).string(); }

private:
   fs::path m_path;
};

}  // namespace compplan::test_support
