/* Linkage annotations (asmlinkage, SYM_FUNC_*); nothing to do in userspace. */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H

#define asmlinkage
#define __visible_linkage

#endif
