// Tests of the header-only hashing (linux/hash.h, jhash.h), byte-order (asm/byteorder.h) and uuid (linux/uuid.h) helpers.
#include <catch2/catch.hpp>
#include <cstring>

#include "linux/hash.h"
#include "linux/jhash.h"
#include "asm/byteorder.h"
#include "linux/uuid.h"

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
