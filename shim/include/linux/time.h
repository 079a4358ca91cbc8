/* Time types and conversions (timespec64, NSEC_PER_SEC, ...). */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include "linux/time64.h"
#include "linux/math.h"

#endif
