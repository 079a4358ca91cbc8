// Device classes, devices with a /dev node (devtmpfs) and misc devices, over the VFS and the chrdev numbers.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "module/address_map.hpp"

#include <cstdint>

struct device;
struct list_head;
struct kshim_class;
struct miscdevice;
struct module;

namespace kshim {

class Kernel;
class Module;
struct Node;

// Process context throughout (the calls may allocate).
class Devices {
public:
    explicit Devices(Kernel &k);
    ~Devices();

    // class_create: a class with /sys/class/NAME; ERR_PTR(-EEXIST) if the name is taken.
    struct kshim_class *create_class(struct module *owner, const char *name, const void *caller);
    void destroy_class(struct kshim_class *cls);
    // device_create: a device named name; with a device number, its /dev node (0600, devtmpfs's
    // default). ERR_PTR(-EEXIST) if the node exists.
    struct device *create_device(struct kshim_class *cls, struct device *parent, uint32_t devt, void *drvdata,
                                 const std::string &name, const void *caller, const void *object);
    void destroy_device(struct kshim_class *cls, uint32_t devt);
    // misc_register / misc_deregister: a minor of major 10 (dynamic: 127 down) and its device.
    int register_misc(struct miscdevice *m, const void *caller);
    void deregister_misc(struct miscdevice *m);

    // root_device_register: a device with no class or bus at /sys/devices/NAME, owned by the
    // module; ERR_PTR(-EEXIST) if the name is taken. Process context.
    struct device *register_root(const char *name, const void *caller);
    // device_unregister / root_device_unregister of a device kshim made: its managed resources
    // are released and it is removed (a device kshim did not make: a loud stub). Process context.
    void unregister(struct device *dev);
    // devm_kmalloc / devm_kfree: memory released when the device goes away (newest first, as
    // devres does); ZERO_SIZE_PTR for size 0; NULL (with 6.1's results) when the allocation
    // fails or dev is not a device kshim made. devm_kfree of a block dev does not manage WARNs.
    // Atomic-safe with an atomic gfp.
    void *devm_alloc(struct device *dev, size_t size, unsigned int gfp, const void *caller);
    void devm_free(struct device *dev, const void *p, uintptr_t site);

    unsigned module_gone(const ModuleSpan &span);

private:
    struct Class;
    struct Dev;
    void remove_dev(Dev &d);
    // Removes the first device that matches (its nodes and managed memory); false if none.
    bool remove_first(const std::function<bool(const Dev &)> &match);
    Dev *find(const struct device *dev);

    Kernel &k_;
    std::vector<std::unique_ptr<Class>> classes_;
    std::vector<std::unique_ptr<Dev>> devs_;
    struct kshim_class *misc_class_ = nullptr;
    std::unique_ptr<struct list_head> misc_list_;   // registered miscdevices, newest first (misc_list)
};

}  // namespace kshim
