// The Catch2 main() that kshim::testing brings to a test executable (one with its own main does not pull it in).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
