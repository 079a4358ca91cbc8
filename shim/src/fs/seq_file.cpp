// seq_file (linux/seq_file.h): the record buffer, its growth and restart rules across reads and seeks, the output helpers, single_open and the list iterators.
#include <climits>
#include <cstring>

#include "asm/page.h"
#include "linux/fs.h"
#include "linux/kernel.h"
#include "linux/list.h"
#include "linux/mutex.h"
#include "linux/percpu.h"
#include "linux/printk.h"
#include "linux/rcupdate.h"
#include "linux/seq_file.h"
#include "linux/slab.h"
#include "linux/uio.h"

namespace {

// fs.h's MAX_RW_COUNT: no buffer grows past what one read may return.
constexpr size_t max_rw_count = INT_MAX & PAGE_MASK;

// A record buffer of size bytes, or NULL past the limit. May sleep.
char *buf_alloc(size_t size)
{
    if (size > max_rw_count)
        return nullptr;
    return static_cast<char *>(kvmalloc(size, GFP_KERNEL_ACCOUNT));
}

// Drops the buffer and allocates one twice as big (after an overflow). May sleep.
bool buf_grow(seq_file *m)
{
    kvfree(m->buf);
    m->count = 0;
    m->size <<= 1;
    m->buf = buf_alloc(m->size);
    return m->buf != nullptr;
}

bool buf_ensure(seq_file *m)
{
    if (!m->buf)
        m->buf = buf_alloc(m->size = PAGE_SIZE);
    return m->buf != nullptr;
}

void set_overflow(seq_file *m) { m->count = m->size; }

// Replays the records from the start up to byte offset, so that the next read starts there:
// index names the record holding offset, from/count what of it is still to be read. Returns 0,
// an error, or -EAGAIN when a record overflowed (the buffer was doubled: call again). Called
// with m->lock held; may sleep.
int traverse(seq_file *m, loff_t offset)
{
    m->index = 0;
    m->count = m->from = 0;
    if (!offset)
        return 0;
    if (!buf_ensure(m))
        return -ENOMEM;
    loff_t pos = 0;
    int error = 0;
    void *p = m->op->start(m, &m->index);
    while (p) {
        // an error from start/next, a failed show, or a skipped record (its bytes dropped)
        error = IS_ERR(p) ? (int)PTR_ERR(p) : m->op->show(m, p);
        if (error < 0)
            break;
        if (error) {
            error = 0;
            m->count = 0;
        }
        if (seq_has_overflowed(m)) {
            m->op->stop(m, p);
            return buf_grow(m) ? -EAGAIN : -ENOMEM;
        }
        p = m->op->next(m, p, &m->index);
        if (pos + (loff_t)m->count > offset) {  // offset falls inside this record
            m->from = offset - pos;
            m->count -= m->from;
            break;
        }
        pos += m->count;
        m->count = 0;
        if (pos == offset)
            break;
    }
    m->op->stop(m, p);
    return error;
}

int traverse_all(seq_file *m, loff_t offset)
{
    int err;
    while ((err = traverse(m, offset)) == -EAGAIN)
        ;
    return err;
}

// Forgets where the reader was (after a failed traverse): the next read starts over.
void reset(seq_file *m)
{
    m->read_pos = 0;
    m->index = 0;
    m->count = 0;
}

// Puts the first non-empty record at or after m->index into the buffer, growing it while a
// record overflows. Returns the record's iterator value, or NULL/ERR_PTR at the end or on error
// (the iterator then stopped, *err set). Called with m->lock held; may sleep.
void *first_record(seq_file *m, int *err)
{
    m->from = 0;
    void *p = m->op->start(m, &m->index);
    for (;;) {
        *err = (int)PTR_ERR(p);
        if (!p || IS_ERR(p))            // the end, or an error from start/next
            break;
        *err = m->op->show(m, p);
        if (*err < 0)                   // show failed
            break;
        if (*err)                       // SEQ_SKIP: drop what it wrote
            m->count = 0;
        if (!m->count) {                // nothing to show for this one
            p = m->op->next(m, p, &m->index);
            continue;
        }
        if (!seq_has_overflowed(m))
            return p;
        m->op->stop(m, p);              // too big: double the buffer and show it again
        if (!buf_grow(m)) {
            *err = -ENOMEM;
            return nullptr;
        }
        p = m->op->start(m, &m->index);
    }
    m->op->stop(m, p);
    m->count = 0;
    return nullptr;
}

// After the record at p, adds whole records while the reader wants more bytes and they fit;
// every record shown advances the iterator once. Stops the iterator. Called with m->lock held.
void more_records(seq_file *m, void *p, size_t want, int *err)
{
    for (;;) {
        size_t offs = m->count;
        loff_t pos = m->index;
        p = m->op->next(m, p, &m->index);
        if (pos == m->index) {
            pr_info_ratelimited("buggy .next function %ps did not update position index\n",
                                (void *)m->op->next);
            m->index++;
        }
        if (!p || IS_ERR(p) || m->count >= want)
            break;
        *err = m->op->show(m, p);
        if (*err > 0) {                 // skipped: take its bytes back
            m->count = offs;
        } else if (*err || seq_has_overflowed(m)) {  // failed or does not fit: for the next read
            m->count = offs;
            break;
        }
    }
    m->op->stop(m, p);
}

// One read's worth from the buffer into iter, refilling it from the iterator. Called with
// m->lock held; may sleep. Returns the bytes copied, or 0 with *err set.
size_t read_locked(seq_file *m, struct iov_iter *iter, int *err)
{
    size_t copied = 0;
    if (!buf_ensure(m)) {
        *err = -ENOMEM;
        return 0;
    }
    if (m->count) {                     // the rest of the last record first
        size_t n = copy_to_iter(m->buf + m->from, m->count, iter);
        m->count -= n;
        m->from += n;
        copied += n;
        if (m->count)
            return copied;
    }
    void *p = first_record(m, err);
    if (!p)
        return copied;
    more_records(m, p, iov_iter_count(iter), err);
    size_t n = copy_to_iter(m->buf, m->count, iter);
    copied += n;
    m->count -= n;
    m->from = n;
    return copied;
}

void single_stop(seq_file *, void *) {}

void *single_next(seq_file *, void *, loff_t *pos)
{
    ++*pos;
    return nullptr;
}

// num in decimal, right-aligned with spaces to width, at dst (room bytes); 0 when it does not fit.
int decimal(char *dst, size_t room, unsigned long long num, unsigned int width)
{
    char tmp[24];
    int len = 0;
    do {
        tmp[len++] = (char)('0' + num % 10);
        num /= 10;
    } while (num);
    if ((size_t)len > room || width > room)
        return 0;
    int pad = (int)width > len ? (int)width - len : 0;
    std::memset(dst, ' ', pad);
    for (int i = 0; i < len; i++)
        dst[pad + i] = tmp[len - 1 - i];
    return pad + len;
}

void put_delimiter(seq_file *m, const char *delimiter)
{
    if (!delimiter || !delimiter[0])
        return;
    if (!delimiter[1])
        seq_putc(m, delimiter[0]);
    else
        seq_puts(m, delimiter);
}

}  // namespace

extern "C" {

// Attaches a seq_file to file (file->private_data, which must be NULL). May sleep.
int seq_open(struct file *file, const struct seq_operations *op)
{
    WARN_ON(file->private_data);
    auto *p = static_cast<seq_file *>(kzalloc(sizeof(seq_file), GFP_KERNEL));
    if (!p)
        return -ENOMEM;
    file->private_data = p;
    mutex_init(&p->lock);
    p->op = op;
    p->file = file;
    file->f_mode &= ~FMODE_PWRITE;      // seq_files read at offsets, never write there
    return 0;
}

// file->f_op->read for seq_files: one user buffer through seq_read_iter. May sleep.
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos)
{
    struct iovec iov = {buf, size};
    struct kiocb kiocb;
    struct iov_iter iter;
    std::memset(&kiocb, 0, sizeof kiocb);
    kiocb.ki_filp = file;
    kiocb.ki_flags = (int)file->f_iocb_flags;
    iov_iter_init(&iter, ITER_DEST, &iov, 1, size);
    kiocb.ki_pos = *ppos;
    ssize_t ret = seq_read_iter(&kiocb, &iter);
    *ppos = kiocb.ki_pos;
    return ret;
}

// file->f_op->read_iter for seq_files. A read at position 0 starts from the first record; a
// read elsewhere than where the last one ended replays the records up to there. May sleep.
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
    auto *m = static_cast<seq_file *>(iocb->ki_filp->private_data);
    if (!iov_iter_count(iter))
        return 0;
    mutex_lock(&m->lock);
    if (iocb->ki_pos == 0) {
        m->index = 0;
        m->count = 0;
    }
    int err = 0;
    size_t copied = 0;
    if (iocb->ki_pos != m->read_pos) {
        err = traverse_all(m, iocb->ki_pos);
        if (err)
            reset(m);
        else
            m->read_pos = iocb->ki_pos;
    }
    if (!err)
        copied = read_locked(m, iter, &err);
    ssize_t ret;
    if (!copied) {
        ret = m->count ? -EFAULT : err;  // bytes waiting but none went out: the user buffer is bad
    } else {
        iocb->ki_pos += copied;
        m->read_pos += copied;
        ret = (ssize_t)copied;
    }
    mutex_unlock(&m->lock);
    return ret;
}

// file->f_op->llseek for seq_files: SEEK_SET and SEEK_CUR only (-EINVAL otherwise or before 0).
// May sleep (a seek replays the records up to the new position).
loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
    auto *m = static_cast<seq_file *>(file->private_data);
    loff_t ret = -EINVAL;
    mutex_lock(&m->lock);
    if (whence == SEEK_CUR)
        offset += file->f_pos;
    if ((whence == SEEK_SET || whence == SEEK_CUR) && offset >= 0) {
        ret = offset;
        if (offset != m->read_pos) {
            ret = traverse_all(m, offset);
            if (ret) {
                file->f_pos = 0;
                reset(m);
            } else {
                m->read_pos = offset;
                ret = offset;
            }
        }
        if (ret >= 0)
            file->f_pos = offset;
    }
    mutex_unlock(&m->lock);
    return ret;
}

// Frees the seq_file and its buffer (file->f_op->release when there is no private data). May sleep.
int seq_release(struct inode *, struct file *file)
{
    auto *m = static_cast<seq_file *>(file->private_data);
    kvfree(m->buf);
    kfree(m);
    return 0;
}

void *single_start(struct seq_file *, loff_t *pos) { return *pos ? nullptr : SEQ_START_TOKEN; }

// A one-record seq_file whose show() prints the whole file; m->private is data. May sleep.
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
    auto *op = static_cast<seq_operations *>(kmalloc(sizeof(seq_operations), GFP_KERNEL_ACCOUNT));
    if (!op)
        return -ENOMEM;
    op->start = single_start;
    op->next = single_next;
    op->stop = single_stop;
    op->show = show;
    int res = seq_open(file, op);
    if (res) {
        kfree(op);
        return res;
    }
    static_cast<seq_file *>(file->private_data)->private_ = data;
    return 0;
}

// single_open with a first buffer of size bytes instead of a page. May sleep.
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *), void *data, size_t size)
{
    char *buf = buf_alloc(size);
    if (!buf)
        return -ENOMEM;
    int ret = single_open(file, show, data);
    if (ret) {
        kvfree(buf);
        return ret;
    }
    auto *m = static_cast<seq_file *>(file->private_data);
    m->buf = buf;
    m->size = size;
    return 0;
}

// Releases a single_open file. May sleep.
int single_release(struct inode *inode, struct file *file)
{
    const seq_operations *op = static_cast<seq_file *>(file->private_data)->op;
    int res = seq_release(inode, file);
    kfree(op);
    return res;
}

// Releases a seq_open_private file: frees the private area too. May sleep.
int seq_release_private(struct inode *inode, struct file *file)
{
    auto *m = static_cast<seq_file *>(file->private_data);
    kfree(m->private_);
    m->private_ = nullptr;
    return seq_release(inode, file);
}

// seq_open with a zeroed private area of psize bytes in m->private; returns it or NULL. May sleep.
void *__seq_open_private(struct file *file, const struct seq_operations *ops, int psize)
{
    void *priv = kzalloc(psize, GFP_KERNEL_ACCOUNT);
    if (!priv)
        return nullptr;
    if (seq_open(file, ops) < 0) {
        kfree(priv);
        return nullptr;
    }
    static_cast<seq_file *>(file->private_data)->private_ = priv;
    return priv;
}

int seq_open_private(struct file *file, const struct seq_operations *ops, int psize)
{
    return __seq_open_private(file, ops, psize) ? 0 : -ENOMEM;
}

// Atomic-safe. The output must leave one byte free, as in 6.1 (a full buffer means overflow).
void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
    if (m->count < m->size) {
        int len = kshim_vsnprintf(m->buf + m->count, m->size - m->count, fmt, args);
        if (m->count + len < m->size) {
            m->count += len;
            return;
        }
    }
    set_overflow(m);
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    seq_vprintf(m, fmt, args);
    va_end(args);
}

// Atomic-safe. Takes the last byte too; only a full buffer drops it (and so overflows).
void seq_putc(struct seq_file *m, char c)
{
    if (m->count < m->size)
        m->buf[m->count++] = c;
}

void seq_puts(struct seq_file *m, const char *s)
{
    seq_write(m, s, std::strlen(s));
}

// Atomic-safe. Returns 0, or -1 with the buffer marked overflowed.
int seq_write(struct seq_file *seq, const void *data, size_t len)
{
    if (seq->count + len < seq->size) {
        std::memcpy(seq->buf + seq->count, data, len);
        seq->count += len;
        return 0;
    }
    set_overflow(seq);
    return -1;
}

// Spaces up to the width seq_setwidth set, then c unless it is 0. Atomic-safe.
void seq_pad(struct seq_file *m, char c)
{
    long size = (long)m->pad_until - (long)m->count;
    if (size > 0) {
        if (size + m->count > m->size) {
            set_overflow(m);
            return;
        }
        std::memset(m->buf + m->count, ' ', size);
        m->count += size;
    }
    if (c)
        seq_putc(m, c);
}

void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter, unsigned long long num,
                               unsigned int width)
{
    if (m->count + 2 >= m->size)        // at least a delimiter and a digit
        return set_overflow(m);
    put_delimiter(m, delimiter);
    if (!width)
        width = 1;
    if (m->count + width >= m->size)
        return set_overflow(m);
    int len = decimal(m->buf + m->count, m->size - m->count, num, width);
    if (!len)
        return set_overflow(m);
    m->count += len;
}

void seq_put_decimal_ull(struct seq_file *m, const char *delimiter, unsigned long long num)
{
    seq_put_decimal_ull_width(m, delimiter, num, 0);
}

void seq_put_decimal_ll(struct seq_file *m, const char *delimiter, long long num)
{
    if (m->count + 3 >= m->size)
        return set_overflow(m);
    put_delimiter(m, delimiter);
    if (m->count + 2 >= m->size)
        return set_overflow(m);
    unsigned long long mag = (unsigned long long)num;
    if (num < 0) {
        m->buf[m->count++] = '-';
        mag = 0 - mag;
    }
    int len = decimal(m->buf + m->count, m->size - m->count, mag, 0);
    if (!len)
        return set_overflow(m);
    m->count += len;
}

// v in lower-case hex, zero-padded to width digits. Atomic-safe.
void seq_put_hex_ll(struct seq_file *m, const char *delimiter, unsigned long long v, unsigned int width)
{
    put_delimiter(m, delimiter);
    unsigned int len = v ? (64 - __builtin_clzll(v) + 3) / 4 : 1;
    if (len < width)
        len = width;
    if (m->count + len > m->size)
        return set_overflow(m);
    for (int i = (int)len - 1; i >= 0; i--, v >>= 4)
        m->buf[m->count + i] = "0123456789abcdef"[v & 0xf];
    m->count += len;
}

// print_hex_dump's lines into the buffer. Atomic-safe.
void seq_hex_dump(struct seq_file *m, const char *prefix_str, int prefix_type, int rowsize,
                  int groupsize, const void *buf, size_t len, bool ascii)
{
    const u8 *ptr = static_cast<const u8 *>(buf);
    if (rowsize != 16 && rowsize != 32)
        rowsize = 16;
    for (size_t i = 0; i < len && !seq_has_overflowed(m); i += rowsize) {
        int linelen = len - i < (size_t)rowsize ? (int)(len - i) : rowsize;
        if (prefix_type == DUMP_PREFIX_ADDRESS)
            seq_printf(m, "%s%p: ", prefix_str, ptr + i);
        else if (prefix_type == DUMP_PREFIX_OFFSET)
            seq_printf(m, "%s%.8x: ", prefix_str, (unsigned)i);
        else
            seq_printf(m, "%s", prefix_str);
        char *out;
        size_t room = seq_get_buf(m, &out);
        int ret = hex_dump_to_buffer(ptr + i, linelen, rowsize, groupsize, out, room, ascii);
        seq_commit(m, (size_t)ret < room ? ret : -1);
        seq_putc(m, '\n');
    }
}

// Atomic-safe. A character that does not fit marks an overflow.
void seq_escape(struct seq_file *m, const char *s, const char *esc)
{
    char *out;
    size_t room = seq_get_buf(m, &out), n = 0;
    for (; *s; s++) {
        bool special = std::strchr(esc, *s) != nullptr;
        size_t need = special ? 4 : 1;
        if (n + need > room)
            return seq_commit(m, -1);
        if (!special) {
            out[n++] = *s;
            continue;
        }
        unsigned char c = (unsigned char)*s;
        out[n++] = '\\';
        out[n++] = (char)('0' + ((c >> 6) & 3));
        out[n++] = (char)('0' + ((c >> 3) & 7));
        out[n++] = (char)('0' + (c & 7));
    }
    seq_commit(m, n < room ? (int)n : -1);
}

struct list_head *seq_list_start(struct list_head *head, loff_t pos)
{
    struct list_head *lh;
    list_for_each(lh, head)
        if (pos-- == 0)
            return lh;
    return nullptr;
}

// pos 0 is the head itself (a header line), then the entries.
struct list_head *seq_list_start_head(struct list_head *head, loff_t pos)
{
    return pos ? seq_list_start(head, pos - 1) : head;
}

struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos)
{
    struct list_head *lh = static_cast<struct list_head *>(v)->next;
    ++*ppos;
    return lh == head ? nullptr : lh;
}

struct list_head *seq_list_start_rcu(struct list_head *head, loff_t pos)
{
    for (struct list_head *lh = rcu_dereference(head->next); lh != head; lh = rcu_dereference(lh->next))
        if (pos-- == 0)
            return lh;
    return nullptr;
}

struct list_head *seq_list_start_head_rcu(struct list_head *head, loff_t pos)
{
    return pos ? seq_list_start_rcu(head, pos - 1) : head;
}

struct list_head *seq_list_next_rcu(void *v, struct list_head *head, loff_t *ppos)
{
    struct list_head *lh = rcu_dereference(static_cast<struct list_head *>(v)->next);
    ++*ppos;
    return lh == head ? nullptr : lh;
}

struct hlist_node *seq_hlist_start(struct hlist_head *head, loff_t pos)
{
    struct hlist_node *node;
    hlist_for_each(node, head)
        if (pos-- == 0)
            return node;
    return nullptr;
}

// pos 0 is SEQ_START_TOKEN (a header line), then the entries.
struct hlist_node *seq_hlist_start_head(struct hlist_head *head, loff_t pos)
{
    return pos ? seq_hlist_start(head, pos - 1) : static_cast<struct hlist_node *>(SEQ_START_TOKEN);
}

struct hlist_node *seq_hlist_next(void *v, struct hlist_head *head, loff_t *ppos)
{
    ++*ppos;
    return v == SEQ_START_TOKEN ? head->first : static_cast<struct hlist_node *>(v)->next;
}

struct hlist_node *seq_hlist_start_rcu(struct hlist_head *head, loff_t pos)
{
    for (struct hlist_node *node = rcu_dereference(head->first); node; node = rcu_dereference(node->next))
        if (pos-- == 0)
            return node;
    return nullptr;
}

struct hlist_node *seq_hlist_start_head_rcu(struct hlist_head *head, loff_t pos)
{
    return pos ? seq_hlist_start_rcu(head, pos - 1) : static_cast<struct hlist_node *>(SEQ_START_TOKEN);
}

struct hlist_node *seq_hlist_next_rcu(void *v, struct hlist_head *head, loff_t *ppos)
{
    ++*ppos;
    if (v == SEQ_START_TOKEN)
        return rcu_dereference(head->first);
    return rcu_dereference(static_cast<struct hlist_node *>(v)->next);
}

// Every possible CPU's list in turn; *cpu is where the entry returned lives.
struct hlist_node *seq_hlist_start_percpu(struct hlist_head __percpu *head, int *cpu, loff_t pos)
{
    struct hlist_node *node;
    unsigned int c;
    for_each_possible_cpu(c) {
        *cpu = (int)c;
        hlist_for_each(node, per_cpu_ptr(head, c))
            if (pos-- == 0)
                return node;
    }
    *cpu = (int)c;
    return nullptr;
}

struct hlist_node *seq_hlist_next_percpu(void *v, struct hlist_head __percpu *head, int *cpu, loff_t *pos)
{
    auto *node = static_cast<struct hlist_node *>(v);
    ++*pos;
    if (node->next)
        return node->next;
    for (*cpu = cpumask_next(*cpu, cpu_possible_mask); (unsigned)*cpu < nr_cpu_ids;
         *cpu = cpumask_next(*cpu, cpu_possible_mask)) {
        struct hlist_head *bucket = per_cpu_ptr(head, *cpu);
        if (!hlist_empty(bucket))
            return bucket->first;
    }
    return nullptr;
}

}  // extern "C"
