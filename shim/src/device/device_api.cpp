// Device-model entry points: classes, device_create and misc devices over Devices; drivers, platform and input are loud stubs (kobjects: fs/sysfs_api.cpp).
#include "device/devices.hpp"
#include "fs/refuse.hpp"
#include "kernel.hpp"
#include "printk/strprintf.hpp"

#include <cstdarg>
#include <string>

#include "linux/device.h"
#include "linux/input.h"
#include "linux/miscdevice.h"
#include "linux/platform_device.h"
#include "linux/tty.h"

// Every function here reports "kshim: NAME is not implemented" and fails as the real one fails
// (fs/refuse.hpp), except get_current_tty: kshim's tasks have no controlling terminal.
extern "C" {

// Any caller of print_string-style code sees what a task without a terminal sees. May sleep.
struct tty_struct *get_current_tty(void) { return nullptr; }

int bus_register(struct bus_type *)
{
    return kshim::refuse("bus_register");
}

void bus_unregister(struct bus_type *)
{
    (void)kshim::refuse("bus_unregister");
}

int driver_register(struct device_driver *)
{
    return kshim::refuse("driver_register");
}

void driver_unregister(struct device_driver *)
{
    (void)kshim::refuse("driver_unregister");
}

struct KSHIM_CLASS * __class_create(struct module *owner, const char *name, struct lock_class_key *)
{
    return kshim::Kernel::get().devices().create_class(owner, name, __builtin_return_address(0));
}

void class_destroy(struct KSHIM_CLASS *cls)
{
    kshim::Kernel::get().devices().destroy_class(cls);
}

int __class_register(struct KSHIM_CLASS *, struct lock_class_key *)
{
    return kshim::refuse("class_register");
}

void class_unregister(struct KSHIM_CLASS *)
{
    (void)kshim::refuse("class_unregister");
}

int class_create_file_ns(struct KSHIM_CLASS *, const struct class_attribute *, const void *)
{
    return kshim::refuse("class_create_file");
}

void class_remove_file_ns(struct KSHIM_CLASS *, const struct class_attribute *, const void *)
{
    (void)kshim::refuse("class_remove_file");
}

struct device * device_create(struct KSHIM_CLASS *cls, struct device *parent, dev_t devt, void *drvdata,
                              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    std::string name = kshim::vstrprintf(fmt, ap);
    va_end(ap);
    return kshim::Kernel::get().devices().create_device(cls, parent, (uint32_t)devt, drvdata, name, __builtin_return_address(0), fmt);
}

void device_destroy(struct KSHIM_CLASS *cls, dev_t devt)
{
    kshim::Kernel::get().devices().destroy_device(cls, (uint32_t)devt);
}

int device_register(struct device *)
{
    return kshim::refuse("device_register");
}

void device_unregister(struct device *dev)
{
    kshim::Kernel::get().devices().unregister(dev);
}

void device_initialize(struct device *)
{
    (void)kshim::refuse("device_initialize");
}

int device_add(struct device *)
{
    return kshim::refuse("device_add");
}

void device_del(struct device *)
{
    (void)kshim::refuse("device_del");
}

struct device * get_device(struct device *)
{
    return static_cast<struct device *>(kshim::refuse_null("get_device"));
}

void put_device(struct device *)
{
    (void)kshim::refuse("put_device");
}

int dev_set_name(struct device *, const char *, ...)
{
    return kshim::refuse("dev_set_name");
}

int device_create_file(struct device *, const struct device_attribute *)
{
    return kshim::refuse("device_create_file");
}

void device_remove_file(struct device *, const struct device_attribute *)
{
    (void)kshim::refuse("device_remove_file");
}

void *devm_kmalloc(struct device *dev, size_t size, gfp_t gfp)
{
    return kshim::Kernel::get().devices().devm_alloc(dev, size, gfp, __builtin_return_address(0));
}

void devm_kfree(struct device *dev, const void *p)
{
    kshim::Kernel::get().devices().devm_free(dev, p, (uintptr_t)__builtin_return_address(0));
}

struct device *__root_device_register(const char *name, struct module *)
{
    return kshim::Kernel::get().devices().register_root(name, __builtin_return_address(0));
}

void root_device_unregister(struct device *root)
{
    kshim::Kernel::get().devices().unregister(root);
}

int misc_register(struct miscdevice *misc)
{
    return kshim::Kernel::get().devices().register_misc(misc, __builtin_return_address(0));
}

void misc_deregister(struct miscdevice *misc)
{
    kshim::Kernel::get().devices().deregister_misc(misc);
}

int __platform_driver_register(struct platform_driver *, struct module *)
{
    return kshim::refuse("platform_driver_register");
}

void platform_driver_unregister(struct platform_driver *)
{
    (void)kshim::refuse("platform_driver_unregister");
}

int platform_device_register(struct platform_device *)
{
    return kshim::refuse("platform_device_register");
}

void platform_device_unregister(struct platform_device *)
{
    (void)kshim::refuse("platform_device_unregister");
}

struct platform_device * platform_device_register_full(const void *)
{
    return static_cast<struct platform_device *>(kshim::refuse_err("platform_device_register_full"));
}

struct platform_device * platform_device_alloc(const char *, int)
{
    return static_cast<struct platform_device *>(kshim::refuse_null("platform_device_alloc"));
}

int platform_device_add(struct platform_device *)
{
    return kshim::refuse("platform_device_add");
}

void platform_device_put(struct platform_device *)
{
    (void)kshim::refuse("platform_device_put");
}

struct resource * platform_get_resource(struct platform_device *, unsigned int, unsigned int)
{
    return static_cast<struct resource *>(kshim::refuse_null("platform_get_resource"));
}

int platform_get_irq(struct platform_device *, unsigned int)
{
    return kshim::refuse("platform_get_irq");
}

void __iomem * devm_platform_ioremap_resource(struct platform_device *, unsigned int)
{
    return static_cast<void __iomem *>(kshim::refuse_err("devm_platform_ioremap_resource"));
}

struct input_dev * input_allocate_device(void)
{
    return static_cast<struct input_dev *>(kshim::refuse_null("input_allocate_device"));
}

struct input_dev * devm_input_allocate_device(struct device *)
{
    return static_cast<struct input_dev *>(kshim::refuse_null("devm_input_allocate_device"));
}

void input_free_device(struct input_dev *)
{
    (void)kshim::refuse("input_free_device");
}

int input_register_device(struct input_dev *)
{
    return kshim::refuse("input_register_device");
}

void input_unregister_device(struct input_dev *)
{
    (void)kshim::refuse("input_unregister_device");
}

void input_event(struct input_dev *, unsigned int, unsigned int, int)
{
    (void)kshim::refuse("input_event");
}

void input_set_capability(struct input_dev *, unsigned int, unsigned int)
{
    (void)kshim::refuse("input_set_capability");
}

void input_set_abs_params(struct input_dev *, unsigned int, int, int, int, int)
{
    (void)kshim::refuse("input_set_abs_params");
}

}  // extern "C"
