// Tests for the module address registry (shim/src/module/address_map.hpp).
#include <catch2/catch.hpp>

#include "module/address_map.hpp"

TEST_CASE("the address map names the module whose range holds an address, until it is removed", "[module]")
{
    kshim::ModuleAddressMap map;
    auto *a = reinterpret_cast<kshim::Module *>(0x10);
    auto *b = reinterpret_cast<kshim::Module *>(0x20);
    map.add(0x1000, 0x2000, a);
    map.add(0x3000, 0x4000, b);
    CHECK(map.find(0x1000) == a);
    CHECK(map.find(0x1fff) == a);
    CHECK(map.find(0x2000) == nullptr);
    CHECK(map.find(0x3abc) == b);
    map.remove(a);
    CHECK(map.find(0x1800) == nullptr);
    CHECK(map.find(0x3abc) == b);
}
