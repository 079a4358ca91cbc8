// Kernel-only string functions, ASCII ctype, sort/bsearch, hashing, byte order and uuid helpers.
#include <catch2/catch.hpp>
#include <algorithm>
#include <cstring>
#include <vector>

#include "linux/string.h"
#include "linux/ctype.h"
#include "linux/sort.h"
#include "linux/bsearch.h"
#include "linux/hash.h"
#include "linux/jhash.h"
#include "asm/byteorder.h"
#include "linux/uuid.h"

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

namespace {

int cmp_int(const void *a, const void *b)
{
	int x = *static_cast<const int *>(a), y = *static_cast<const int *>(b);
	return (x > y) - (x < y);
}

int swaps;

void swap_int(void *a, void *b, int size)
{
	CHECK(size == static_cast<int>(sizeof(int)));
	std::swap(*static_cast<int *>(a), *static_cast<int *>(b));
	swaps++;
}

struct rec {
	char name[24];
	int key;
};

int cmp_rec_r(const void *a, const void *b, const void *priv)
{
	int dir = *static_cast<const int *>(priv);
	return dir * cmp_int(&static_cast<const rec *>(a)->key, &static_cast<const rec *>(b)->key);
}

} // namespace

TEST_CASE("sort orders arrays in place with or without a swap callback", "[lib]")
{
	std::vector<int> v = {5, 3, 9, -1, 3, 0, 42, 7, 8, 1, 2};
	std::vector<int> expected = v;
	std::sort(expected.begin(), expected.end());

	std::vector<int> a = v;
	sort(a.data(), a.size(), sizeof(int), cmp_int, nullptr);
	CHECK(a == expected);

	std::vector<int> b = v;
	swaps = 0;
	sort(b.data(), b.size(), sizeof(int), cmp_int, swap_int);
	CHECK(b == expected);
	CHECK(swaps > 0);

	sort(b.data(), 0, sizeof(int), cmp_int, nullptr);
	sort(b.data(), 1, sizeof(int), cmp_int, nullptr);
	CHECK(b == expected);

	// Odd-sized records and a private argument (descending order).
	rec recs[100];
	for (int i = 0; i < 100; i++) {
		recs[i].key = (i * 37) % 100;
		std::snprintf(recs[i].name, sizeof(recs[i].name), "r%d", recs[i].key);
	}
	int descending = -1;
	sort_r(recs, 100, sizeof(rec), cmp_rec_r, nullptr, &descending);
	for (int i = 0; i < 100; i++) {
		CHECK(recs[i].key == 99 - i);
		CHECK(std::string(recs[i].name) == "r" + std::to_string(99 - i));
	}
}

TEST_CASE("bsearch finds present keys and returns NULL for absent ones", "[lib]")
{
	const int arr[] = {1, 3, 5, 7, 9, 11};
	for (int i = 0; i < 6; i++) {
		int key = arr[i];
		CHECK(kshim_bsearch(&key, arr, 6, sizeof(int), cmp_int) == &arr[i]);
		CHECK(__inline_bsearch(&key, arr, 6, sizeof(int), cmp_int) == &arr[i]);
	}
	int missing = 4;
	CHECK(kshim_bsearch(&missing, arr, 6, sizeof(int), cmp_int) == nullptr);
	int high = 12;
	CHECK(kshim_bsearch(&high, arr, 6, sizeof(int), cmp_int) == nullptr);
	CHECK(kshim_bsearch(&high, arr, 0, sizeof(int), cmp_int) == nullptr);
}

TEST_CASE("hash_32/hash_64 use the golden-ratio multiply and keep the top bits", "[lib]")
{
	CHECK(hash_32(1, 32) == 0x61C88647u);
	CHECK(hash_32(1, 8) == 0x61u);
	CHECK(hash_32(0, 10) == 0u);
	CHECK(hash_64(1, 64) == static_cast<u32>(0x61C8864680B583EBull));
	CHECK(hash_64(1, 16) == 0x61C8u);
	CHECK(hash_long(2UL, 12) == static_cast<u32>((2 * 0x61C8864680B583EBull) >> 52));
	for (u32 v = 0; v < 1000; v++)
		CHECK(hash_32(v, 6) < 64u);
}

TEST_CASE("jhash reproduces the published lookup3 test vectors", "[lib]")
{
	CHECK(jhash("", 0, 0) == 0xdeadbeefu);
	CHECK(jhash("", 0, 0xdeadbeef) == 0xbd5b7ddeu);
	CHECK(jhash("Four score and seven years ago", 30, 0) == 0x17770551u);
	CHECK(jhash("Four score and seven years ago", 30, 1) == 0xcd628161u);
	// jhash2 over whole words equals jhash over the same bytes on little-endian.
	const u32 words[5] = {1, 2, 3, 4, 5};
	CHECK(jhash2(words, 5, 7) == jhash(words, 20, 7));
	const u32 three[3] = {10, 20, 30};
	CHECK(jhash_3words(10, 20, 30, 9) == jhash2(three, 3, 9));
	const u32 two[2] = {10, 20};
	CHECK(jhash_2words(10, 20, 9) == jhash2(two, 2, 9));
	CHECK(jhash_1word(10, 9) == jhash2(three, 1, 9));
}

TEST_CASE("Byte order helpers treat the CPU as little-endian", "[lib]")
{
	CHECK(cpu_to_le32(0x12345678u) == 0x12345678u);
	CHECK(cpu_to_be32(0x12345678u) == 0x78563412u);
	CHECK(be16_to_cpu(static_cast<u16>(0x3412)) == 0x1234);
	CHECK(cpu_to_be64(0x0102030405060708ULL) == 0x0807060504030201ULL);
	CHECK(swab16(static_cast<u16>(0xaabb)) == 0xbbaa);
	CHECK(swab32(0x11223344u) == 0x44332211u);
	CHECK(swahw32(0x11223344u) == 0x33441122u);
	CHECK(swahb32(0x11223344u) == 0x22114433u);
	u32 w = 0x11223344u;
	swab32s(&w);
	CHECK(w == 0x44332211u);
	__be32 be = cpu_to_be32(100u);
	be32_add_cpu(&be, 5);
	CHECK(be32_to_cpu(be) == 105u);
	const u8 bytes[4] = {0x12, 0x34, 0x56, 0x78};
	u32 raw;
	std::memcpy(&raw, bytes, 4);
	CHECK(be32_to_cpup(&raw) == 0x12345678u);
	CHECK(le32_to_cpup(&raw) == 0x78563412u);
}

TEST_CASE("UUID_INIT and GUID_INIT lay out bytes big- and little-endian", "[lib]")
{
	uuid_t u = UUID_INIT(0x12345678, 0x9abc, 0xdef0, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08);
	CHECK(u.b[0] == 0x12);
	CHECK(u.b[3] == 0x78);
	CHECK(u.b[4] == 0x9a);
	CHECK(u.b[15] == 0x08);
	guid_t g = GUID_INIT(0x12345678, 0x9abc, 0xdef0, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08);
	CHECK(g.b[0] == 0x78);
	CHECK(g.b[4] == 0xbc);
	CHECK(g.b[8] == 0x01);
	uuid_t copy;
	uuid_copy(&copy, &u);
	CHECK(uuid_equal(&copy, &u));
	CHECK_FALSE(uuid_is_null(&u));
	uuid_t zero = NULL_UUID;
	CHECK(uuid_is_null(&zero));
	guid_t gz = NULL_GUID;
	CHECK(guid_is_null(&gz));
	CHECK(UUID_STRING_LEN == 36);
}
