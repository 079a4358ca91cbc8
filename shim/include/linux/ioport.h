/* struct resource: a range of I/O ports or memory, and its IORESOURCE_* flags. */
#ifndef _LINUX_IOPORT_H
#define _LINUX_IOPORT_H

#include "linux/bits.h"
#include "linux/compiler.h"
#include "linux/minmax.h"
#include "linux/types.h"

struct resource {
	resource_size_t start;
	resource_size_t end;
	const char *name;
	unsigned long flags;
	unsigned long desc;
	struct resource *parent, *sibling, *child;
};

#define IORESOURCE_BITS		0x000000ff
#define IORESOURCE_TYPE_BITS	0x00001f00
#define IORESOURCE_IO		0x00000100
#define IORESOURCE_MEM		0x00000200
#define IORESOURCE_REG		0x00000300
#define IORESOURCE_IRQ		0x00000400
#define IORESOURCE_DMA		0x00000800
#define IORESOURCE_BUS		0x00001000
#define IORESOURCE_BUSY		0x80000000

#define DEFINE_RES_NAMED(_start, _size, _name, _flags)	\
	{ .start = (_start), .end = (_start) + (_size) - 1, .name = (_name), .flags = (_flags), .desc = 0 }
#define DEFINE_RES_MEM(_start, _size)	DEFINE_RES_NAMED((_start), (_size), NULL, IORESOURCE_MEM)
#define DEFINE_RES_IRQ(_irq)		DEFINE_RES_NAMED((_irq), 1, NULL, IORESOURCE_IRQ)

static inline resource_size_t resource_size(const struct resource *res) { return res->end - res->start + 1; }
static inline unsigned long resource_type(const struct resource *res) { return res->flags & IORESOURCE_TYPE_BITS; }

#ifdef __cplusplus
extern "C" {
#endif
/* Not implemented yet: report and return NULL (the region is busy). */
struct resource *__request_region(struct resource *parent, resource_size_t start, resource_size_t n,
				  const char *name, int flags);
void __release_region(struct resource *parent, resource_size_t start, resource_size_t n);
extern struct resource ioport_resource;
extern struct resource iomem_resource;
#ifdef __cplusplus
}
#endif

#define request_region(start, n, name)		__request_region(&ioport_resource, (start), (n), (name), 0)
#define request_mem_region(start, n, name)	__request_region(&iomem_resource, (start), (n), (name), 0)
#define release_region(start, n)		__release_region(&ioport_resource, (start), (n))
#define release_mem_region(start, n)		__release_region(&iomem_resource, (start), (n))

#endif
