/* The architecture's per-CPU layer: on kshim, the generic per-CPU definitions. */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

#include "linux/kernel.h"
#include "linux/stringify.h"
#include "linux/compiler.h"
#include "linux/cache.h"
#include "linux/percpu-defs.h"

#endif
