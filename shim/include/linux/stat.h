/* Permission shorthands for module_param and sysfs (S_IRUGO, 0644, ...). */
#ifndef _LINUX_STAT_H
#define _LINUX_STAT_H

#include "uapi/linux/stat.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "asm/bitsperlong.h"
#include "linux/time.h"
#include "linux/uidgid.h"
#endif

#define S_IRWXUGO	(S_IRWXU|S_IRWXG|S_IRWXO)
#define S_IALLUGO	(S_ISUID|S_ISGID|S_ISVTX|S_IRWXUGO)
#define S_IRUGO		(S_IRUSR|S_IRGRP|S_IROTH)
#define S_IWUGO		(S_IWUSR|S_IWGRP|S_IWOTH)
#define S_IXUGO		(S_IXUSR|S_IXGRP|S_IXOTH)

#endif
