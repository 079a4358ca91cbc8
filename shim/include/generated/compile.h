/* UTS_VERSION and UTS_MACHINE: the emulated kernel's build line (uname -v) and machine. */
#ifndef _GENERATED_COMPILE_H
#define _GENERATED_COMPILE_H

#define UTS_MACHINE "x86_64"
#define UTS_VERSION "#1 SMP PREEMPT_DYNAMIC kshim"

#endif
