// Splitting a run's work over threads: contiguous slices, results kept in slice order.
#pragma once

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace compplan {

// How many slices for_each_slice makes of count items for `jobs` threads: one at least.
inline std::size_t slice_count(std::size_t count, unsigned jobs)
{
   return std::max<std::size_t>(1, std::min<std::size_t>(jobs, count));
}

// Calls work(slice, begin, end) on slice_count(count, jobs) contiguous slices of [0, count),
// numbered from 0, each on a thread of its own (the last on the calling thread). An exception
// from a slice is rethrown here once every thread has finished.
template <typename Work>
void for_each_slice(std::size_t count, unsigned jobs, Work work)
{
   const std::size_t slices = slice_count(count, jobs);
   std::vector<std::exception_ptr> errors(slices);
   const auto run_slice = [&](std::size_t s) {
      try {
         work(s, count * s / slices, count * (s + 1) / slices);
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
}

// Calls work(begin, end) on the slices for_each_slice makes and returns the results in slice
// order. Joining them in that order gives what one call on the whole range gives.
template <typename Result, typename Work>
std::vector<Result> in_slices(std::size_t count, unsigned jobs, Work work)
{
   std::vector<Result> results(slice_count(count, jobs));
   for_each_slice(count, jobs, [&](std::size_t s, std::size_t begin, std::size_t end) { results[s] = work(begin, end); });
   return results;
}

}  // namespace compplan
