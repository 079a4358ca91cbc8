/* Sequential files: struct seq_file, seq_operations, seq_printf & co, single_open, the list iterators (6.1 semantics). */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include "linux/types.h"
#include "linux/string.h"
#include "linux/bug.h"
#include "linux/mutex.h"
#include "linux/cpumask.h"
#include "linux/fs.h"
#include "linux/cred.h"
#include "linux/stdarg.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/ctype.h"
#include "linux/random.h"
#endif

struct seq_operations;

struct seq_file {
	char *buf;
	size_t size;
	size_t from;
	size_t count;
	size_t pad_until;
	loff_t index;
	loff_t read_pos;
	struct mutex lock;
	const struct seq_operations *op;
	int poll_event;
	const struct file *file;
#ifdef __cplusplus
	void *private_;	/* "private" is a C++ keyword */
#else
	void *private;
#endif
};

struct seq_operations {
	void *(*start)(struct seq_file *m, loff_t *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, loff_t *pos);
	int (*show)(struct seq_file *m, void *v);
};

#define SEQ_SKIP 1
#define SEQ_START_TOKEN ((void *)1)

/* The buffer is full: seq_read_iter grows it and shows the record again. */
static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

/* Room left at the end of the buffer (*bufp NULL when there is none), for seq_commit. */
static inline size_t seq_get_buf(struct seq_file *m, char **bufp)
{
	BUG_ON(m->count > m->size);
	*bufp = m->count < m->size ? m->buf + m->count : NULL;
	return m->size - m->count;
}

/* Keeps num bytes written at seq_get_buf's pointer; a negative num marks an overflow. */
static inline void seq_commit(struct seq_file *m, int num)
{
	if (num < 0) {
		m->count = m->size;
		return;
	}
	BUG_ON(m->count + num > m->size);
	m->count += num;
}

/* seq_pad pads up to size bytes from here. */
static inline void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}

#ifdef __cplusplus
extern "C" {
#endif
/*
 * Opening and reading (fs/seq_file.c's semantics): open and release may sleep; read, read_iter
 * and lseek may sleep (they take the seq_file's mutex and call the iterator under it).
 */
int seq_open(struct file *file, const struct seq_operations *op);
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos);
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);
int seq_release(struct inode *inode, struct file *file);
void *single_start(struct seq_file *m, loff_t *pos);
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data);
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data, size_t size);
int single_release(struct inode *inode, struct file *file);
void *__seq_open_private(struct file *file, const struct seq_operations *ops, int psize);
int seq_open_private(struct file *file, const struct seq_operations *ops, int psize);
int seq_release_private(struct inode *inode, struct file *file);

/* Output into the buffer, from show(): atomic-safe; a record that does not fit marks an overflow. */
int seq_write(struct seq_file *seq, const void *data, size_t len);
__printf(2, 0) void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_putc(struct seq_file *m, char c);
void seq_puts(struct seq_file *m, const char *s);
void seq_pad(struct seq_file *m, char c);
void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter, unsigned long long num,
			       unsigned int width);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num);
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num);
void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v, unsigned int width);
void seq_hex_dump(struct seq_file *m, const char *prefix_str, int prefix_type, int rowsize,
		  int groupsize, const void *buf, size_t len, bool ascii);
/* s with every character of esc as a backslash and three octal digits (6.1's ESCAPE_OCTAL). */
void seq_escape(struct seq_file *m, const char *s, const char *esc);

/* Iterators over a list_head, an hlist_head or per-CPU hlist_heads; atomic-safe (_rcu: under rcu_read_lock). */
struct list_head *seq_list_start(struct list_head *head, loff_t pos);
struct list_head *seq_list_start_head(struct list_head *head, loff_t pos);
struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos);
struct list_head *seq_list_start_rcu(struct list_head *head, loff_t pos);
struct list_head *seq_list_start_head_rcu(struct list_head *head, loff_t pos);
struct list_head *seq_list_next_rcu(void *v, struct list_head *head, loff_t *ppos);
struct hlist_node *seq_hlist_start(struct hlist_head *head, loff_t pos);
struct hlist_node *seq_hlist_start_head(struct hlist_head *head, loff_t pos);
struct hlist_node *seq_hlist_next(void *v, struct hlist_head *head, loff_t *ppos);
struct hlist_node *seq_hlist_start_rcu(struct hlist_head *head, loff_t pos);
struct hlist_node *seq_hlist_start_head_rcu(struct hlist_head *head, loff_t pos);
struct hlist_node *seq_hlist_next_rcu(void *v, struct hlist_head *head, loff_t *ppos);
struct hlist_node *seq_hlist_start_percpu(struct hlist_head __percpu *head, int *cpu, loff_t pos);
struct hlist_node *seq_hlist_next_percpu(void *v, struct hlist_head __percpu *head, int *cpu, loff_t *pos);
#ifdef __cplusplus
}
#endif

/* ",name=value" as mount options show, escaped. */
static inline void seq_show_option(struct seq_file *m, const char *name, const char *value)
{
	seq_putc(m, ',');
	seq_escape(m, name, ",= \t\n\\");
	if (value) {
		seq_putc(m, '=');
		seq_escape(m, value, ", \t\n\\");
	}
}

/* A seq_operations NAME_sops as a whole file: NAME_fops (private is the inode's i_private). */
#define DEFINE_SEQ_ATTRIBUTE(__name)					\
static int __name ## _open(struct inode *inode, struct file *file)	\
{									\
	int ret = seq_open(file, &__name ## _sops);			\
	if (!ret && inode->i_private)					\
		((struct seq_file *)file->private_data)->private =	\
			inode->i_private;				\
	return ret;							\
}									\
static const struct file_operations __name ## _fops = {		\
	.owner		= THIS_MODULE,					\
	.open		= __name ## _open,				\
	.read		= seq_read,					\
	.llseek		= seq_lseek,					\
	.release	= seq_release,					\
}

/* One show() function as a whole file: NAME_fops (and NAME_open) for debugfs. */
#define DEFINE_SHOW_ATTRIBUTE(__name)					\
static int __name ## _open(struct inode *inode, struct file *file)	\
{									\
	return single_open(file, __name ## _show, inode->i_private);	\
}									\
static const struct file_operations __name ## _fops = {		\
	.owner		= THIS_MODULE,					\
	.open		= __name ## _open,				\
	.read		= seq_read,					\
	.llseek		= seq_lseek,					\
	.release	= single_release,				\
}

/* The same for proc: NAME_proc_ops (the data is pde_data's, so linux/proc_fs.h must be included). */
#define DEFINE_PROC_SHOW_ATTRIBUTE(__name)				\
static int __name ## _open(struct inode *inode, struct file *file)	\
{									\
	return single_open(file, __name ## _show, pde_data(inode));	\
}									\
static const struct proc_ops __name ## _proc_ops = {			\
	.proc_open	= __name ## _open,				\
	.proc_read	= seq_read,					\
	.proc_lseek	= seq_lseek,					\
	.proc_release	= single_release,				\
}

#endif
