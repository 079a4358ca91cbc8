// Runs the C-compiled checks of lib_c_checks.c (the module view of the headers: macros, asm labels, constants).
#include <catch2/catch.hpp>

extern "C" {
int kshim_libtest_c_minmax(void);
int kshim_libtest_c_ctype(void);
int kshim_libtest_c_misc(void);
int kshim_libtest_c_list(void);
}

// Each C check returns 0 or the source line of its first failed expectation.
TEST_CASE("In C, min/max stay constant expressions and abs keeps the signed width", "[lib]")
{
	CHECK(kshim_libtest_c_minmax() == 0);
}

TEST_CASE("In C, the ctype, ffs and htonl macros have kernel semantics", "[lib]")
{
	CHECK(kshim_libtest_c_ctype() == 0);
}

TEST_CASE("In C, sort, bsearch, strscpy, overflow, bitmap, atomic and refcount work together", "[lib]")
{
	CHECK(kshim_libtest_c_misc() == 0);
}

TEST_CASE("In C, list iteration and container_of work on module-style structs", "[lib]")
{
	CHECK(kshim_libtest_c_list() == 0);
}
