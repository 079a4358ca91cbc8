/* The overflow ids that 16-bit interfaces report for ids that do not fit (65534). */
#ifndef _LINUX_HIGHUID_H
#define _LINUX_HIGHUID_H

#include "linux/types.h"

#define DEFAULT_OVERFLOWUID	65534
#define DEFAULT_OVERFLOWGID	65534
#define DEFAULT_FS_OVERFLOWUID	65534
#define DEFAULT_FS_OVERFLOWGID	65534

#endif
