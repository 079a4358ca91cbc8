/* Matching platform devices to device-tree nodes; without CONFIG_OF (Debian's x86 6.1) nothing matches, as here. */
#ifndef _LINUX_OF_DEVICE_H
#define _LINUX_OF_DEVICE_H

#include "linux/platform_device.h"
#include "linux/of.h"
#include "linux/mod_devicetable.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "linux/device.h"
#endif

static inline const struct of_device_id *of_match_device(const struct of_device_id *matches,
							  const struct device *dev)
{
	(void)matches; (void)dev;
	return NULL;
}

static inline const void *of_device_get_match_data(const struct device *dev) { (void)dev; return NULL; }
static inline int of_driver_match_device(struct device *dev, const struct device_driver *drv)
{
	(void)dev; (void)drv;
	return 0;
}

#endif
