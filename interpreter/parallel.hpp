// Splitting a run's work over threads: contiguous slices, results kept in slice order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace compplan {

// Calls work(begin, end) on up to `jobs` contiguous slices of [0, count), each on a thread of its
// own (the last on the calling thread), and returns the results in slice order. Joining them in
// that order gives what one call on the whole range gives. An exception from a slice is
// rethrown here once every thread has finished.
template <typename Result, typename Work>
std::vector<Result> in_slices(std::size_t count, unsigned jobs, Work work)
{
   const std::size_t slices = std::max<std::size_t>(1, std::min<std::size_t>(jobs, count));
   std::vector<Result> results(slices);
   std::vector<std::exception_ptr> errors(slices);
   const auto run_slice = [&](std::size_t s) {
      try {
         results[s] = work(count * s / slices, count * (s + 1) / slices);
      }
      catch (...) {
         errors[s] = std::current_exception();
      }
   };
   std::vector<std::thread> threads;
   for (std::size_t s = 0; s + 1 < slices; ++s) {
      threads.emplace_back(run_slice, s);
   }
   run_slice(slices - 1);
   for (auto& thread : threads) {
      thread.join();
   }
   for (const auto& error : errors) {
      if (error) std::rethrow_exception(error);
   }
   return results;
}

}  // namespace compplan
