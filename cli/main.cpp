// compplan's entry point: everything happens in cli/commands.cpp.
#include "cli/commands.hpp"

#include <iostream>

int main(int argc, char** argv)
{
   return compplan::cli::main_command(argc, argv, std::cout, std::cerr);
}
