/* poll_table and poll_wait (as 6.1's inlines), and the EPOLL* event bits that ->poll returns. */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

#include "linux/compiler.h"
#include "linux/ktime.h"
#include "linux/wait.h"
#include "linux/string.h"
#include "linux/fs.h"
#include "linux/uaccess.h"
#include "uapi/asm-generic/poll.h"

#define EPOLLIN		((__poll_t)0x00000001)
#define EPOLLPRI	((__poll_t)0x00000002)
#define EPOLLOUT	((__poll_t)0x00000004)
#define EPOLLERR	((__poll_t)0x00000008)
#define EPOLLHUP	((__poll_t)0x00000010)
#define EPOLLNVAL	((__poll_t)0x00000020)
#define EPOLLRDNORM	((__poll_t)0x00000040)
#define EPOLLRDBAND	((__poll_t)0x00000080)
#define EPOLLWRNORM	((__poll_t)0x00000100)
#define EPOLLWRBAND	((__poll_t)0x00000200)
#define EPOLLMSG	((__poll_t)0x00000400)
#define EPOLLRDHUP	((__poll_t)0x00002000)

#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

struct poll_table_struct;

/* The callback a poller installs: adds a wait entry for the file on the queue. */
typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *, struct poll_table_struct *);

typedef struct poll_table_struct {
	poll_queue_proc _qproc;
	__poll_t _key;
} poll_table;

/* Registers the poller on wait_address, if there is a poller that waits. Atomic-safe. */
static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	if (p && p->_qproc && wait_address)
		p->_qproc(filp, wait_address, p);
}

static inline bool poll_does_not_wait(const poll_table *p) { return p == NULL || p->_qproc == NULL; }
static inline __poll_t poll_requested_events(const poll_table *p) { return p ? p->_key : ~(__poll_t)0; }

static inline void init_poll_funcptr(poll_table *pt, poll_queue_proc qproc)
{
	pt->_qproc = qproc;
	pt->_key = ~(__poll_t)0;
}

#endif
