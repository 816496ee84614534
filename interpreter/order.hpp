// Orders of a run: deals by a cumulative's stated fields, and the ledger's lines.
#pragma once

#include "interpreter/records.hpp"
#include "interpreter/run.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace compplan {

// Positions of a run's rows or credited deals in some order, in 32 bits as a run numbers its rows
// (run_engine::run), since a million deals keep two such orders at once.
using deal_order = std::vector<std::uint32_t>;

// Positions of rows in the order of order_fields, the key field breaking ties (stable). With
// ids_ascending the rows are known to be in key order already, so the key is not compared.
deal_order stated_order(std::span<const typed_row* const> rows, const std::vector<int>& order_fields,
                        int key_field, bool ids_ascending);

// Puts a ledger whose deals' lines are contiguous in ledger order (deal id, role, person; stable),
// on up to `jobs` threads; the order is the same for any number.
void sort_ledger(ledger_book& ledger, unsigned jobs = 1);

}  // namespace compplan
