// int_sqrt()/int_sqrt64() of <linux/math.h> for libkshim.

#include "linux/math.h"

namespace {

// Floor of the square root by the bit-by-bit method (no floating point).
template <typename T>
T isqrt(T x)
{
	if (x <= 1)
		return x;
	T res = 0;
	T bit = T(1) << ((sizeof(T) * 8 - 2) & ~1u);
	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= res + bit) {
			x -= res + bit;
			res = (res >> 1) + bit;
		} else {
			res >>= 1;
		}
		bit >>= 2;
	}
	return res;
}

} // namespace

extern "C" {

unsigned long int_sqrt(unsigned long x)
{
	return isqrt<unsigned long>(x);
}

u32 int_sqrt64(u64 x)
{
	return static_cast<u32>(isqrt<u64>(x));
}

} // extern "C"
