/* Device numbers: 12-bit major, 20-bit minor in a dev_t (MAJOR, MINOR, MKDEV) and their encodings. */
#ifndef _LINUX_KDEV_T_H
#define _LINUX_KDEV_T_H

#include "linux/types.h"

#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)

#define MAJOR(dev)	((unsigned int) ((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int) ((dev) & MINORMASK))
#define MKDEV(ma, mi)	(((ma) << MINORBITS) | (mi))

#define print_dev_t(buffer, dev) sprintf((buffer), "%u:%u\n", MAJOR(dev), MINOR(dev))
#define format_dev_t(buffer, dev) \
	({ sprintf(buffer, "%u:%u", MAJOR(dev), MINOR(dev)); buffer; })

/* The 16-bit encoding (8:8) of old system calls. */
static inline bool old_valid_dev(dev_t dev) { return MAJOR(dev) < 256 && MINOR(dev) < 256; }
static inline u16 old_encode_dev(dev_t dev) { return (u16)((MAJOR(dev) << 8) | MINOR(dev)); }
static inline dev_t old_decode_dev(u16 val) { return MKDEV((val >> 8) & 255, val & 255); }

/* The 32-bit user encoding: minor's low 8 bits, 12 bits of major, minor's high 12 bits. */
static inline u32 new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

static inline dev_t new_decode_dev(u32 dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

static inline u64 huge_encode_dev(dev_t dev) { return new_encode_dev(dev); }
static inline dev_t huge_decode_dev(u64 dev) { return new_decode_dev((u32)dev); }

#endif
