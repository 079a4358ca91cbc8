/* __init/__exit section markers (no-ops in userspace) and initcall types. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include "linux/compiler.h"
#include "linux/types.h"

#define __init		__cold
#define __exit		__cold
#define __initdata
#define __exitdata
#define __initconst
#define __refdata
#define __ref
#define __init_or_module
#define __meminit
#define __meminitdata
#define __devinit
#define __devexit
#define __devinitdata
#define __exit_p(x)	x
#define __devexit_p(x)	x

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

#endif
