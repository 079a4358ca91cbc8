// The peer of kbench_kunit: a Catch2 executable of 100 trivial test cases.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

#define TRIVIAL(n) TEST_CASE("trivial " #n) { REQUIRE(1 + 1 == 2); }
#define TEN(d) TRIVIAL(d##0) TRIVIAL(d##1) TRIVIAL(d##2) TRIVIAL(d##3) TRIVIAL(d##4) \
    TRIVIAL(d##5) TRIVIAL(d##6) TRIVIAL(d##7) TRIVIAL(d##8) TRIVIAL(d##9)
TEN(1) TEN(2) TEN(3) TEN(4) TEN(5) TEN(6) TEN(7) TEN(8) TEN(9) TEN(10)
