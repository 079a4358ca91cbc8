/* Cache-line alignment helpers (L1_CACHE_BYTES, ____cacheline_aligned, __read_mostly). */
#ifndef __LINUX_CACHE_H
#define __LINUX_CACHE_H

#include "linux/compiler.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/types.h"
#include "linux/const.h"
#include "linux/linkage.h"
#endif

#define L1_CACHE_SHIFT		6
#define L1_CACHE_BYTES		(1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES		L1_CACHE_BYTES
#define ____cacheline_aligned	__attribute__((__aligned__(SMP_CACHE_BYTES)))
#define ____cacheline_aligned_in_smp ____cacheline_aligned
#define __cacheline_aligned	____cacheline_aligned
#define __cacheline_aligned_in_smp ____cacheline_aligned
#define __read_mostly
#define cache_line_size()	L1_CACHE_BYTES

#endif
