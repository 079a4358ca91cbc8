/* Platform devices and drivers (6.1 layouts); registering them is not implemented yet. */
#ifndef _PLATFORM_DEVICE_H_
#define _PLATFORM_DEVICE_H_

#include "linux/device.h"
#include "linux/mod_devicetable.h"
#include "linux/ioport.h"

#define PLATFORM_DEVID_NONE	(-1)
#define PLATFORM_DEVID_AUTO	(-2)

struct mfd_cell;
struct platform_device_id;

struct platform_device {
	const char *name;
	int id;
	bool id_auto;
	struct device dev;
	u64 platform_dma_mask;
	struct device_dma_parameters *dma_parms;
	u32 num_resources;
	struct resource *resource;
	const struct platform_device_id *id_entry;
	const char *driver_override;
	struct mfd_cell *mfd_cell;
};

#define to_platform_device(x) container_of((x), struct platform_device, dev)

struct platform_driver {
	int (*probe)(struct platform_device *);
	int (*remove)(struct platform_device *);
	void (*shutdown)(struct platform_device *);
	int (*suspend)(struct platform_device *, pm_message_t state);
	int (*resume)(struct platform_device *);
	struct device_driver driver;
	const struct platform_device_id *id_table;
	bool prevent_deferred_probe;
	bool driver_managed_dma;
};

static inline void *platform_get_drvdata(const struct platform_device *pdev) { return dev_get_drvdata(&pdev->dev); }
static inline void platform_set_drvdata(struct platform_device *pdev, void *data) { dev_set_drvdata(&pdev->dev, data); }

#ifdef __cplusplus
extern "C" {
#endif
/* Not implemented yet: int ones report and return -ENOMEM, pointer ones NULL, void ones report. */
int __platform_driver_register(struct platform_driver *drv, struct module *owner);
void platform_driver_unregister(struct platform_driver *drv);
int platform_device_register(struct platform_device *pdev);
void platform_device_unregister(struct platform_device *pdev);
struct platform_device *platform_device_register_full(const void *pdevinfo);
struct platform_device *platform_device_alloc(const char *name, int id);
int platform_device_add(struct platform_device *pdev);
void platform_device_put(struct platform_device *pdev);
struct resource *platform_get_resource(struct platform_device *dev, unsigned int type, unsigned int num);
int platform_get_irq(struct platform_device *dev, unsigned int num);
void __iomem *devm_platform_ioremap_resource(struct platform_device *pdev, unsigned int index);
#ifdef __cplusplus
}
#endif

#define platform_driver_register(drv) __platform_driver_register(drv, THIS_MODULE)

#define module_platform_driver(__platform_driver)				\
	static int __init __platform_driver##_init(void)			\
	{ return platform_driver_register(&(__platform_driver)); }		\
	module_init(__platform_driver##_init);					\
	static void __exit __platform_driver##_exit(void)			\
	{ platform_driver_unregister(&(__platform_driver)); }			\
	module_exit(__platform_driver##_exit)

#endif
