/* x86 atomic header: forwards to the generic atomic_t implementation. */
#include "linux/atomic.h"
