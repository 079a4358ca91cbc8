/* A spinlock and a reference count updated together. */
#ifndef __LINUX_LOCKREF_H
#define __LINUX_LOCKREF_H

#include "linux/spinlock.h"

struct lockref {
	spinlock_t lock;
	int count;
};

#endif
