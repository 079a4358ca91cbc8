/* TTYs: tty_struct, tty_driver, tty_operations (6.1 layouts of what modules use) and get_current_tty(). */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

#include "linux/fs.h"
#include "linux/workqueue.h"
#include "linux/mutex.h"
#include "linux/kref.h"
#include "linux/spinlock.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/cdev.h"
#include "linux/seq_file.h"
#include "linux/mm.h"
#include "asm/io.h"
#endif

struct tty_struct;
struct tty_driver;
struct tty_port;
struct ktermios;

struct tty_operations {
	struct tty_struct *(*lookup)(struct tty_driver *driver, struct file *filp, int idx);
	int (*install)(struct tty_driver *driver, struct tty_struct *tty);
	void (*remove)(struct tty_driver *driver, struct tty_struct *tty);
	int (*open)(struct tty_struct *tty, struct file *filp);
	void (*close)(struct tty_struct *tty, struct file *filp);
	void (*shutdown)(struct tty_struct *tty);
	void (*cleanup)(struct tty_struct *tty);
	int (*write)(struct tty_struct *tty, const unsigned char *buf, int count);
	int (*put_char)(struct tty_struct *tty, unsigned char ch);
	void (*flush_chars)(struct tty_struct *tty);
	unsigned int (*write_room)(struct tty_struct *tty);
	unsigned int (*chars_in_buffer)(struct tty_struct *tty);
	int (*ioctl)(struct tty_struct *tty, unsigned int cmd, unsigned long arg);
	long (*compat_ioctl)(struct tty_struct *tty, unsigned int cmd, unsigned long arg);
	void (*set_termios)(struct tty_struct *tty, struct ktermios *old);
	void (*throttle)(struct tty_struct *tty);
	void (*unthrottle)(struct tty_struct *tty);
	void (*stop)(struct tty_struct *tty);
	void (*start)(struct tty_struct *tty);
	void (*hangup)(struct tty_struct *tty);
	int (*break_ctl)(struct tty_struct *tty, int state);
	void (*flush_buffer)(struct tty_struct *tty);
	void (*set_ldisc)(struct tty_struct *tty);
	void (*wait_until_sent)(struct tty_struct *tty, int timeout);
	void (*send_xchar)(struct tty_struct *tty, char ch);
	int (*tiocmget)(struct tty_struct *tty);
	int (*tiocmset)(struct tty_struct *tty, unsigned int set, unsigned int clear);
};

struct tty_driver {
	int magic;
	struct kref kref;
	struct cdev **cdevs;
	struct module *owner;
	const char *driver_name;
	const char *name;
	int name_base;
	int major;
	int minor_start;
	unsigned int num;
	short type;
	short subtype;
	unsigned long flags;
	struct proc_dir_entry *proc_entry;
	struct tty_driver *other;
	struct tty_struct **ttys;
	struct tty_port **ports;
	struct ktermios **termios;
	void *driver_state;
	const struct tty_operations *ops;
	struct list_head tty_drivers;
};

struct tty_struct {
	int magic;
	struct kref kref;
	struct device *dev;
	struct tty_driver *driver;
	const struct tty_operations *ops;
	int index;
	struct mutex atomic_write_lock;
	struct mutex legacy_mutex;
	struct mutex throttle_mutex;
	spinlock_t ctrl_lock;
	spinlock_t flow_lock;
	char name[64];
	unsigned long flags;
	int count;
	unsigned int receive_room;
	struct tty_struct *link;
	void *disc_data;
	void *driver_data;
	struct tty_port *port;
};

struct tty_port {
	struct tty_struct *tty;
	struct tty_struct *itty;
	unsigned long flags;
	int count;
	struct mutex mutex;
	unsigned char console:1;
	void *client_data;
};

#ifdef __cplusplus
extern "C" {
#endif
/* The controlling terminal of the current task: kshim's tasks have none, so NULL (as for a daemon). */
struct tty_struct *get_current_tty(void);
#ifdef __cplusplus
}
#endif

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/kfifo.h"
#endif

#endif
