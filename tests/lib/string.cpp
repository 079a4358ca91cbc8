// Tests for shim/src/lib/string.cpp (strscpy, strlcpy, strim, sysfs_streq, memchr_inv & co) and the ASCII ctype of linux/ctype.h.
#include <catch2/catch.hpp>
#include <cstring>

#include "linux/string.h"
#include "linux/ctype.h"

TEST_CASE("strscpy copies with NUL termination and returns -E2BIG on truncation", "[lib]")
{
	char buf[8];
	CHECK(strscpy(buf, "hello", sizeof(buf)) == 5);
	CHECK(std::string(buf) == "hello");
	CHECK(strscpy(buf, "1234567", sizeof(buf)) == 7);
	CHECK(strscpy(buf, "12345678", sizeof(buf)) == -E2BIG);
	CHECK(std::string(buf) == "1234567");
	CHECK(strscpy(buf, "x", 0) == -E2BIG);
	CHECK(std::string(buf) == "1234567"); // untouched

	char padded[8];
	std::memset(padded, 'Z', sizeof(padded));
	CHECK(strscpy_pad(padded, "ab", sizeof(padded)) == 2);
	CHECK(std::memcmp(padded, "ab\0\0\0\0\0\0", 8) == 0);
}

TEST_CASE("strlcpy and strlcat return the length they tried to create", "[lib]")
{
	char buf[6];
	CHECK(strlcpy(buf, "abcdefgh", sizeof(buf)) == 8);
	CHECK(std::string(buf) == "abcde");
	CHECK(strlcpy(buf, "ab", sizeof(buf)) == 2);
	CHECK(strlcat(buf, "cdefg", sizeof(buf)) == 7);
	CHECK(std::string(buf) == "abcde");
	CHECK(strlcpy(buf, "zz", 0) == 2);
}

TEST_CASE("strim, strstrip and skip_spaces remove ASCII white space", "[lib]")
{
	char s[] = "  \t hello world \n ";
	char *t = strim(s);
	CHECK(std::string(t) == "hello world");
	char empty[] = "   ";
	CHECK(std::string(strstrip(empty)) == "");
	CHECK(std::string(skip_spaces("\n\t x ")) == "x ");
}

TEST_CASE("sysfs_streq ignores one trailing newline and match_string finds indexes", "[lib]")
{
	CHECK(sysfs_streq("on", "on\n"));
	CHECK(sysfs_streq("on\n", "on"));
	CHECK(sysfs_streq("on", "on"));
	CHECK_FALSE(sysfs_streq("on", "on\n\n"));
	CHECK_FALSE(sysfs_streq("on", "off"));

	const char *const modes[] = {"off", "on", "auto"};
	CHECK(match_string(modes, 3, "auto") == 2);
	CHECK(match_string(modes, 3, "auto\n") == -EINVAL);
	CHECK(sysfs_match_string(modes, "auto\n") == 2);
	const char *const with_null[] = {"a", nullptr, "c"};
	CHECK(match_string(with_null, 3, "c") == -EINVAL);
}

TEST_CASE("memchr_inv, strreplace, strnstr, strnchr and memscan", "[lib]")
{
	unsigned char buf[16];
	std::memset(buf, 0xaa, sizeof(buf));
	CHECK(memchr_inv(buf, 0xaa, sizeof(buf)) == nullptr);
	buf[11] = 0;
	CHECK(memchr_inv(buf, 0xaa, sizeof(buf)) == buf + 11);

	char path[] = "a/b/c";
	char *end = strreplace(path, '/', '!');
	CHECK(std::string(path) == "a!b!c");
	CHECK(*end == '\0');
	CHECK(end == path + 5);

	const char *hay = "find the needle here";
	CHECK(strnstr(hay, "needle", 20) == hay + 9);
	CHECK(strnstr(hay, "needle", 14) == nullptr);
	CHECK(strnstr(hay, "needle", 15) == hay + 9);
	CHECK(strnstr(hay, "", 0) == hay);
	CHECK(strnchr("abcdef", 3, 'c') != nullptr);
	CHECK(strnchr("abcdef", 2, 'c') == nullptr);
	char scan[] = "xyz";
	CHECK(memscan(scan, 'q', 3) == scan + 3);
	CHECK(memscan(scan, 'y', 3) == scan + 1);
	CHECK(str_has_prefix("prefix-rest", "prefix") == 6);
	CHECK(str_has_prefix("prefix-rest", "rest") == 0);

	char secret[4] = {1, 2, 3, 4};
	memzero_explicit(secret, sizeof(secret));
	CHECK(memchr_inv(secret, 0, sizeof(secret)) == nullptr);
}

TEST_CASE("The kernel ctype classifies ASCII only and ignores high bytes", "[lib]")
{
	CHECK(__kshim_isdigit('7'));
	CHECK_FALSE(__kshim_isdigit('a'));
	CHECK(__kshim_isxdigit('F'));
	CHECK(__kshim_isxdigit('a'));
	CHECK_FALSE(__kshim_isxdigit('g'));
	CHECK(__kshim_isspace(' '));
	CHECK(__kshim_isspace('\v'));
	CHECK_FALSE(__kshim_isspace('x'));
	CHECK(__kshim_isalpha('Q'));
	CHECK(__kshim_isalnum('3'));
	CHECK(__kshim_isupper('A'));
	CHECK(__kshim_islower('z'));
	CHECK(__kshim_ispunct('!'));
	CHECK_FALSE(__kshim_ispunct('a'));
	CHECK(__kshim_iscntrl('\n'));
	CHECK(__kshim_isprint(' '));
	CHECK_FALSE(__kshim_isprint('\x7f'));
	CHECK_FALSE(__kshim_isalpha(static_cast<char>(0xe9))); // Latin-1 e-acute: no class
	CHECK(__kshim_tolower('A') == 'a');
	CHECK(__kshim_toupper('z') == 'Z');
	CHECK(__kshim_tolower('1') == '1');
	CHECK(_tolower('A') == 'a');
	CHECK(isodigit('7'));
	CHECK_FALSE(isodigit('8'));
}
