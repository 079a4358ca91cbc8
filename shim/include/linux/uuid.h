/* 128-bit UUID/GUID types (uuid_t big-endian fields, guid_t little-endian) with compare/copy helpers. */
#ifndef _LINUX_UUID_H
#define _LINUX_UUID_H

#include "linux/types.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/string.h"
#endif

#define UUID_SIZE 16

typedef struct {
	__u8 b[UUID_SIZE];
} guid_t;

typedef struct {
	__u8 b[UUID_SIZE];
} uuid_t;

/* Length of the text form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx". */
#define UUID_STRING_LEN 36

#define GUID_INIT(a, b, c, d0, d1, d2, d3, d4, d5, d6, d7)			\
	((guid_t)								\
	{{ (__u8)((a) & 0xff), (__u8)(((a) >> 8) & 0xff),			\
	   (__u8)(((a) >> 16) & 0xff), (__u8)(((a) >> 24) & 0xff),		\
	   (__u8)((b) & 0xff), (__u8)(((b) >> 8) & 0xff),			\
	   (__u8)((c) & 0xff), (__u8)(((c) >> 8) & 0xff),			\
	   (d0), (d1), (d2), (d3), (d4), (d5), (d6), (d7) }})

#define UUID_INIT(a, b, c, d0, d1, d2, d3, d4, d5, d6, d7)			\
	((uuid_t)								\
	{{ (__u8)(((a) >> 24) & 0xff), (__u8)(((a) >> 16) & 0xff),		\
	   (__u8)(((a) >> 8) & 0xff), (__u8)((a) & 0xff),			\
	   (__u8)(((b) >> 8) & 0xff), (__u8)((b) & 0xff),			\
	   (__u8)(((c) >> 8) & 0xff), (__u8)((c) & 0xff),			\
	   (d0), (d1), (d2), (d3), (d4), (d5), (d6), (d7) }})

#define NULL_GUID GUID_INIT(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
#define NULL_UUID UUID_INIT(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

static inline bool guid_equal(const guid_t *u1, const guid_t *u2)
{
	return __builtin_memcmp(u1, u2, sizeof(guid_t)) == 0;
}

static inline void guid_copy(guid_t *dst, const guid_t *src)
{
	__builtin_memcpy(dst, src, sizeof(guid_t));
}

static inline bool guid_is_null(const guid_t *guid)
{
	static const guid_t zero = { { 0 } };

	return guid_equal(guid, &zero);
}

static inline bool uuid_equal(const uuid_t *u1, const uuid_t *u2)
{
	return __builtin_memcmp(u1, u2, sizeof(uuid_t)) == 0;
}

static inline void uuid_copy(uuid_t *dst, const uuid_t *src)
{
	__builtin_memcpy(dst, src, sizeof(uuid_t));
}

static inline bool uuid_is_null(const uuid_t *uuid)
{
	static const uuid_t zero = { { 0 } };

	return uuid_equal(uuid, &zero);
}

/* Reinterpret the same 16 bytes; no byte swapping. */
static inline void import_uuid(uuid_t *dst, const __u8 *src)
{
	__builtin_memcpy(dst, src, sizeof(uuid_t));
}

static inline void export_uuid(__u8 *dst, const uuid_t *src)
{
	__builtin_memcpy(dst, src, sizeof(uuid_t));
}

#endif
