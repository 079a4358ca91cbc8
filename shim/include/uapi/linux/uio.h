/* struct iovec, as readv(2) takes it. */
#ifndef _UAPI__LINUX_UIO_H
#define _UAPI__LINUX_UIO_H

#include "linux/compiler.h"
#include "linux/types.h"

#ifndef __cplusplus	/* C++ code takes glibc's identical struct iovec (<sys/uio.h>) */
struct iovec {
	void __user *iov_base;
	size_t iov_len;
};
#endif

#define UIO_FASTIOV	8
#ifndef UIO_MAXIOV	/* glibc's <sys/uio.h> has it too (C++) */
#define UIO_MAXIOV	1024
#endif

#endif
