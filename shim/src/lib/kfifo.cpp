// kfifo's engine (linux/kfifo.h): allocation, copies in and out around the ring, records, 6.1's rules.
#include <cstring>

#include "linux/kernel.h"
#include "linux/kfifo.h"
#include "linux/log2.h"
#include "linux/slab.h"

extern "C" void *kshim_kmalloc_at(size_t size, gfp_t flags, unsigned long site);

namespace {

// Free slots.
unsigned int unused(const __kfifo *f) { return (f->mask + 1) - (f->in - f->out); }

// Copies len elements from src to the ring at element index off (wrapping at the end).
void copy_in(__kfifo *f, const void *src, unsigned int len, unsigned int off)
{
    size_t esize = f->esize, size = (size_t)(f->mask + 1) * esize;
    size_t at = (size_t)(off & f->mask) * esize, bytes = (size_t)len * esize;
    size_t first = bytes < size - at ? bytes : size - at;
    std::memcpy((char *)f->data + at, src, first);
    std::memcpy(f->data, (const char *)src + first, bytes - first);
    smp_wmb();
}

// Copies len elements from the ring at element index off to dst.
void copy_out(const __kfifo *f, void *dst, unsigned int len, unsigned int off)
{
    size_t esize = f->esize, size = (size_t)(f->mask + 1) * esize;
    size_t at = (size_t)(off & f->mask) * esize, bytes = (size_t)len * esize;
    size_t first = bytes < size - at ? bytes : size - at;
    std::memcpy(dst, (const char *)f->data + at, first);
    std::memcpy((char *)dst + first, f->data, bytes - first);
    smp_wmb();
}

unsigned char byte_at(const __kfifo *f, unsigned int idx) { return ((unsigned char *)f->data)[idx & f->mask]; }

// The length field of the record at out: recsize bytes, low byte first.
unsigned int peek_n(const __kfifo *f, size_t recsize)
{
    unsigned int n = byte_at(f, f->out);
    if (recsize > 1)
        n |= (unsigned int)byte_at(f, f->out + 1) << 8;
    return n;
}

void poke_n(__kfifo *f, unsigned int n, size_t recsize)
{
    ((unsigned char *)f->data)[f->in & f->mask] = (unsigned char)n;
    if (recsize > 1)
        ((unsigned char *)f->data)[(f->in + 1) & f->mask] = (unsigned char)(n >> 8);
}

// The next record's bytes (at most len) into buf; *n is the record's full length.
unsigned int out_copy_r(__kfifo *f, void *buf, unsigned int len, size_t recsize, unsigned int *n)
{
    *n = peek_n(f, recsize);
    if (len > *n)
        len = *n;
    copy_out(f, buf, len, f->out + (unsigned int)recsize);
    return len;
}

void reset(__kfifo *f, void *data, unsigned int mask, size_t esize)
{
    f->in = f->out = 0;
    f->esize = (unsigned int)esize;
    f->data = data;
    f->mask = mask;
}

}  // namespace

extern "C" {

// May sleep with GFP_KERNEL. -EINVAL below 2 elements (after rounding up), -ENOMEM.
int __kfifo_alloc(struct __kfifo *fifo, unsigned int size, size_t esize, gfp_t gfp_mask)
{
    unsigned long site = (unsigned long)__builtin_return_address(0);
    if (size && (size & (size - 1)))
        size = (unsigned int)roundup_pow_of_two(size);
    reset(fifo, nullptr, 0, esize);
    if (size < 2)
        return -EINVAL;
    size_t bytes;
    if (__builtin_mul_overflow(esize, (size_t)size, &bytes))
        return -ENOMEM;
    fifo->data = kshim_kmalloc_at(bytes, gfp_mask, site);
    if (!fifo->data)
        return -ENOMEM;
    fifo->mask = size - 1;
    return 0;
}

void __kfifo_free(struct __kfifo *fifo)
{
    kfree(fifo->data);
    reset(fifo, nullptr, 0, 0);
}

int __kfifo_init(struct __kfifo *fifo, void *buffer, unsigned int size, size_t esize)
{
    size /= (unsigned int)esize;
    if (size && (size & (size - 1)))
        size = (unsigned int)rounddown_pow_of_two(size);
    reset(fifo, buffer, 0, esize);
    if (size < 2)
        return -EINVAL;
    fifo->mask = size - 1;
    return 0;
}

unsigned int __kfifo_in(struct __kfifo *fifo, const void *buf, unsigned int len)
{
    unsigned int l = unused(fifo);
    if (len > l)
        len = l;
    copy_in(fifo, buf, len, fifo->in);
    fifo->in += len;
    return len;
}

unsigned int __kfifo_out_peek(struct __kfifo *fifo, void *buf, unsigned int len)
{
    unsigned int l = fifo->in - fifo->out;
    if (len > l)
        len = l;
    copy_out(fifo, buf, len, fifo->out);
    return len;
}

unsigned int __kfifo_out(struct __kfifo *fifo, void *buf, unsigned int len)
{
    len = __kfifo_out_peek(fifo, buf, len);
    fifo->out += len;
    return len;
}

// The largest record length that recsize bytes can hold, capped at len.
unsigned int __kfifo_max_r(unsigned int len, size_t recsize)
{
    unsigned int max = (1u << (recsize << 3)) - 1;
    return len > max ? max : len;
}

// A whole record or nothing: 0 when len plus its length field does not fit.
unsigned int __kfifo_in_r(struct __kfifo *fifo, const void *buf, unsigned int len, size_t recsize)
{
    if (len + recsize > unused(fifo))
        return 0;
    poke_n(fifo, len, recsize);
    copy_in(fifo, buf, len, fifo->in + (unsigned int)recsize);
    fifo->in += len + (unsigned int)recsize;
    return len;
}

unsigned int __kfifo_len_r(struct __kfifo *fifo, size_t recsize) { return peek_n(fifo, recsize); }

void __kfifo_skip_r(struct __kfifo *fifo, size_t recsize)
{
    fifo->out += peek_n(fifo, recsize) + (unsigned int)recsize;
}

unsigned int __kfifo_out_peek_r(struct __kfifo *fifo, void *buf, unsigned int len, size_t recsize)
{
    unsigned int n;
    if (fifo->in == fifo->out)
        return 0;
    return out_copy_r(fifo, buf, len, recsize, &n);
}

// Takes the whole record out even when buf holds only len of its bytes.
unsigned int __kfifo_out_r(struct __kfifo *fifo, void *buf, unsigned int len, size_t recsize)
{
    unsigned int n;
    if (fifo->in == fifo->out)
        return 0;
    len = out_copy_r(fifo, buf, len, recsize, &n);
    fifo->out += n + (unsigned int)recsize;
    return len;
}

// No user memory yet (the interfaces issue): these report and copy nothing.
int __kfifo_from_user(struct __kfifo *, const void __user *, unsigned long, unsigned int *copied)
{
    *copied = 0;
    return kshim_not_implemented("kfifo_from_user");
}

int __kfifo_to_user(struct __kfifo *, void __user *, unsigned long, unsigned int *copied)
{
    *copied = 0;
    return kshim_not_implemented("kfifo_to_user");
}

int __kfifo_from_user_r(struct __kfifo *, const void __user *, unsigned long, unsigned int *copied, size_t)
{
    *copied = 0;
    return kshim_not_implemented("kfifo_from_user");
}

int __kfifo_to_user_r(struct __kfifo *, void __user *, unsigned long, unsigned int *copied, size_t)
{
    *copied = 0;
    return kshim_not_implemented("kfifo_to_user");
}

}  // extern "C"
