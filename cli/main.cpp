// compplan's entry point: everything happens in cli/commands.cpp.
#include "cli/commands.hpp"

#include <exception>
#include <iostream>

int main(int argc, char** argv)
{
   // Bad input is reported where it is found; what reaches here is the machine's limits (memory
   // exhausted, a run larger than its 32-bit counters), which stop the command where it stands.
   try {
      return compplan::cli::main_command(argc, argv, std::cout, std::cerr);
   }
   catch (const std::exception& error) {
      std::cerr << "error: " << error.what()
                << "\nthe command stopped: any ledger or report it was writing is incomplete\n";
      return 2;
   }
}
