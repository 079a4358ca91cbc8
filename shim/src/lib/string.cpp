// Kernel-only string functions of <linux/string.h> (strscpy, strim, sysfs_streq, ...) for libkshim.
#include <climits>
#include <cstring>

#include "linux/string.h"
#include "linux/ctype.h"
#include "linux/errno.h"

extern "C" {

ssize_t strscpy(char *dest, const char *src, size_t count)
{
	if (count == 0 || count > static_cast<size_t>(INT_MAX))
		return -E2BIG;
	size_t len = strnlen(src, count);
	if (len == count) {
		// src does not fit: keep what does, terminated.
		std::memcpy(dest, src, count - 1);
		dest[count - 1] = '\0';
		return -E2BIG;
	}
	std::memcpy(dest, src, len + 1);
	return static_cast<ssize_t>(len);
}

ssize_t strscpy_pad(char *dest, const char *src, size_t count)
{
	ssize_t written = strscpy(dest, src, count);
	if (count == 0)
		return written;
	size_t used = written < 0 ? count - 1 : static_cast<size_t>(written);
	std::memset(dest + used + 1, 0, count - used - 1);
	return written;
}

#if !defined(__GLIBC_PREREQ) || !__GLIBC_PREREQ(2, 38)
size_t strlcpy(char *dest, const char *src, size_t size)
{
	size_t ret = std::strlen(src);
	if (size) {
		size_t len = ret >= size ? size - 1 : ret;
		std::memcpy(dest, src, len);
		dest[len] = '\0';
	}
	return ret;
}

size_t strlcat(char *dest, const char *src, size_t count)
{
	size_t dsize = strnlen(dest, count);
	size_t len = std::strlen(src);
	// Linux BUG()s on an unterminated dest; report the would-be length instead.
	if (dsize == count)
		return count + len;
	size_t res = dsize + len;
	dest += dsize;
	count -= dsize;
	if (len >= count)
		len = count - 1;
	std::memcpy(dest, src, len);
	dest[len] = '\0';
	return res;
}
#endif

char *strnstr(const char *haystack, const char *needle, size_t len)
{
	size_t nlen = std::strlen(needle);
	if (!nlen)
		return const_cast<char *>(haystack);
	while (len >= nlen) {
		if (!std::memcmp(haystack, needle, nlen))
			return const_cast<char *>(haystack);
		len--;
		haystack++;
	}
	return nullptr;
}

char *strnchr(const char *s, size_t count, int c)
{
	for (; count; count--, s++) {
		if (*s == static_cast<char>(c))
			return const_cast<char *>(s);
		if (*s == '\0')
			break;
	}
	return nullptr;
}

char *strnchrnul(const char *s, size_t count, int c)
{
	while (count-- && *s && *s != static_cast<char>(c))
		s++;
	return const_cast<char *>(s);
}

void *memscan(void *addr, int c, size_t size)
{
	auto *p = static_cast<unsigned char *>(addr);
	for (; size; size--, p++) {
		if (*p == static_cast<unsigned char>(c))
			break;
	}
	return p;
}

char *skip_spaces(const char *str)
{
	while (__kshim_isspace(*str))
		++str;
	return const_cast<char *>(str);
}

char *strim(char *s)
{
	size_t size = std::strlen(s);
	if (!size)
		return s;
	char *end = s + size;
	while (end > s && __kshim_isspace(end[-1]))
		end--;
	*end = '\0';
	return skip_spaces(s);
}

bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	if (!*s1 && *s2 == '\n' && !s2[1])
		return true;
	if (*s1 == '\n' && !s1[1] && !*s2)
		return true;
	return false;
}

int match_string(const char *const *array, size_t n, const char *string)
{
	for (size_t i = 0; i < n && i <= static_cast<size_t>(INT_MAX); i++) {
		if (!array[i])
			break;
		if (!std::strcmp(array[i], string))
			return static_cast<int>(i);
	}
	return -EINVAL;
}

int __sysfs_match_string(const char *const *array, size_t n, const char *s)
{
	for (size_t i = 0; i < n && i <= static_cast<size_t>(INT_MAX); i++) {
		if (!array[i])
			break;
		if (sysfs_streq(array[i], s))
			return static_cast<int>(i);
	}
	return -EINVAL;
}

void *memchr_inv(const void *s, int c, size_t n)
{
	const auto *p = static_cast<const unsigned char *>(s);
	const auto value = static_cast<unsigned char>(c);
	for (; n; n--, p++) {
		if (*p != value)
			return const_cast<unsigned char *>(p);
	}
	return nullptr;
}

char *strreplace(char *s, char from, char to)
{
	for (; *s; ++s) {
		if (*s == from)
			*s = to;
	}
	return s;
}

} // extern "C"
