// kshim's xarray store: an ordered map per array, hung off xa_head; shared by xarray.cpp and idr.cpp.
#pragma once

#include <cstdint>
#include <map>

struct xarray;

namespace kshim::xa {

using Map = std::map<unsigned long, void *>;

// The array's map, or nullptr when it is empty. Any context.
Map *map_of(const xarray *xa);
// The raw entry at index (XA_ZERO_ENTRY for a reserved one), nullptr when absent.
void *raw_load(const xarray *xa, unsigned long index);
// Stores a raw entry (nullptr erases); returns the raw entry that was there.
void *raw_store(xarray *xa, unsigned long index, void *entry);
// The lowest index in [min, max] that has no entry; false if there is none.
bool first_free(const xarray *xa, unsigned long min, unsigned long max, unsigned long *out);
// The first entry at an index in [from, max] that is not reserved; nullptr if none.
void *next_entry(const xarray *xa, unsigned long from, unsigned long max, unsigned long *at);
// Drops every entry.
void clear(xarray *xa);

}  // namespace kshim::xa
