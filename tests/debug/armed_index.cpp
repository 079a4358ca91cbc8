// Tests for debugobjects' index of armed timers by address (shim/src/debug/armed_index.hpp): adding, removing, the objects in a freed range.
#include <catch2/catch.hpp>

#include <vector>

#include "debug/armed_index.hpp"

using kshim::ArmedIndex;
using kshim::FreedRange;

TEST_CASE("The armed index lists the objects that start inside a freed range, lowest address first, the range's end excluded", "[debug]")
{
    char mem[64];
    ArmedIndex idx;
    for (int off : {40, 8, 0, 16, 8})
        idx.add(mem + off);
    CHECK(idx.size() == 4);   // a second add of mem + 8 is one entry
    CHECK(idx.in<char>(FreedRange{mem, mem + 40, 0}) == std::vector<char *>{mem, mem + 8, mem + 16});
    CHECK(idx.in<char>(FreedRange{mem + 9, mem + 16, 0}).empty());
    CHECK(idx.in<char>(FreedRange{mem + 16, mem + 41, 0}) == std::vector<char *>{mem + 16, mem + 40});
}

TEST_CASE("An object removed from the armed index is found no more; removing one never added changes nothing", "[debug]")
{
    char mem[32];
    ArmedIndex idx;
    idx.add(mem);
    idx.add(mem + 8);
    idx.remove(mem + 4);
    idx.remove(mem);
    CHECK_FALSE(idx.has(mem));
    CHECK(idx.has(mem + 8));
    CHECK(idx.in<char>(FreedRange{mem, mem + 32, 0}) == std::vector<char *>{mem + 8});
}
