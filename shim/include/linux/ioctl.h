/* ioctl command numbers (_IO, _IOR, _IOW, _IOWR and their decoders). */
#ifndef _LINUX_IOCTL_H
#define _LINUX_IOCTL_H

#include "asm/ioctl.h"

#endif
