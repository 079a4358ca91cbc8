/* Poison values written into freed or unlinked objects so stale uses fault or stand out. */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

/*
 * x86_64 Linux offsets pointer poisons by CONFIG_ILLEGAL_POINTER_VALUE, a
 * non-canonical address; dereferencing one faults in user space too.
 */
#define POISON_POINTER_DELTA	0xdead000000000000UL

#define LIST_POISON1		((void *)(0x100 + POISON_POINTER_DELTA))
#define LIST_POISON2		((void *)(0x122 + POISON_POINTER_DELTA))

#define TIMER_ENTRY_STATIC	((void *)(0x300 + POISON_POINTER_DELTA))
#define PAGE_POISON_PATTERN	-1l
#define ATM_POISON_FREE		0x12345678
#define ATM_POISON		0xdeadbeef

#define POISON_INUSE		0x5a
#define POISON_FREE		0x6b
#define POISON_END		0xa5
#define POISON_FREE_INITMEM	0xcc
#define PAGE_POISON		0xaa
#define KEY_DESTROY		0xbd
#define MUTEX_DEBUG_INIT	0x11
#define MUTEX_DEBUG_FREE	0x22
#define SLUB_RED_INACTIVE	0xbb
#define SLUB_RED_ACTIVE		0xcc

#endif
