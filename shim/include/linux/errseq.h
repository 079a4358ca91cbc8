/* errseq_t: an error code with a sequence counter, as files record writeback errors. */
#ifndef _LINUX_ERRSEQ_H
#define _LINUX_ERRSEQ_H

#include "linux/types.h"

typedef u32 errseq_t;

#endif
