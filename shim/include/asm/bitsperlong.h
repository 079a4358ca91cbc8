/* Word size of the (x86_64) target: BITS_PER_LONG and BITS_PER_LONG_LONG. */
#ifndef _ASM_BITSPERLONG_H
#define _ASM_BITSPERLONG_H

#ifndef __BITS_PER_LONG
#define __BITS_PER_LONG		64
#endif
#define BITS_PER_LONG		64
#define BITS_PER_LONG_LONG	64

#endif
