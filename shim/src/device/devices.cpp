// Device classes, device_create's /dev nodes and misc devices, as drivers/base and drivers/char/misc.c of 6.1 behave.
#include "device/devices.hpp"

#include <algorithm>
#include <cstring>

#include "debug/report.hpp"
#include "fs/chrdev.hpp"
#include "fs/refuse.hpp"
#include "fs/vfs.hpp"
#include "kernel.hpp"
#include "mm/memory.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

#include "linux/device.h"
#include "linux/err.h"
#include "linux/miscdevice.h"
#include "linux/slab.h"

namespace kshim {

struct Devices::Class {
    struct kshim_class cls{};
    std::string name;
    const Module *owner = nullptr;
    Node *dir = nullptr;          // /sys/class/NAME
};

struct Devices::Dev {
    struct device dev{};
    std::string name;
    const Module *owner = nullptr;
    Node *node = nullptr;         // /dev/NAME
    Node *sysdir = nullptr;       // /sys/class/CLASS/NAME, or /sys/devices/NAME for a root device
    std::vector<void *> devres;   // devm_kmalloc blocks, oldest first
};

Devices::Devices(Kernel &k) : k_(k), misc_list_(std::make_unique<struct list_head>())
{
    INIT_LIST_HEAD(misc_list_.get());
    k_.fs().add_dir(k_.fs().sys(), "class", 0755, nullptr);
    if (!k_.fs().sys()->child("devices"))
        k_.fs().add_dir(k_.fs().sys(), "devices", 0755, nullptr);
    misc_class_ = create_class(nullptr, "misc", nullptr);
}

Devices::~Devices() = default;

struct kshim_class *Devices::create_class(struct module *owner, const char *name, const void *caller)
{
    Node *sysclass = k_.fs().sys()->child("class");
    if (sysclass->child(name))
        return static_cast<struct kshim_class *>(ERR_PTR(-EEXIST));
    auto c = std::make_unique<Class>();
    c->name = name;
    c->cls.name = c->name.c_str();
    c->cls.owner = owner;
    c->owner = caller ? k_.fs().owner_of(caller, name) : nullptr;
    c->dir = k_.fs().add_dir(sysclass, name, 0755, c->owner);
    if (c->dir)
        c->dir->what = "class";
    classes_.push_back(std::move(c));
    return &classes_.back()->cls;
}

void Devices::destroy_class(struct kshim_class *cls)
{
    if (IS_ERR_OR_NULL(cls))
        return;
    auto it = std::find_if(classes_.begin(), classes_.end(), [cls](auto &c) { return &c->cls == cls; });
    if (it == classes_.end())
        return;
    k_.fs().remove((*it)->dir);
    classes_.erase(it);
}

struct device *Devices::create_device(struct kshim_class *cls, struct device *parent, uint32_t devt, void *drvdata,
                                      const std::string &name, const void *caller, const void *object)
{
    if (IS_ERR_OR_NULL(cls))
        return static_cast<struct device *>(ERR_PTR(-ENODEV));
    if (devt && k_.fs().dev()->child(name))
        return static_cast<struct device *>(ERR_PTR(-EEXIST));
    auto d = std::make_unique<Dev>();
    d->name = name;
    d->dev.kobj.name = d->name.c_str();
    d->dev.parent = parent;
    d->dev.devt = devt;
    d->dev.KSHIM_CLASS = cls;
    d->dev.driver_data = drvdata;
    d->owner = k_.fs().owner_of(caller, object);
    if (devt)
        d->node = k_.fs().add_chrdev(k_.fs().dev(), name, 0600, devt, d->owner);
    auto c = std::find_if(classes_.begin(), classes_.end(), [cls](auto &x) { return &x->cls == cls; });
    if (c != classes_.end() && (*c)->dir)
        d->sysdir = k_.fs().add_dir((*c)->dir, name, 0755, nullptr);
    devs_.push_back(std::move(d));
    return &devs_.back()->dev;
}

void Devices::remove_dev(Dev &d)
{
    // Managed resources go first, newest first, as devres_release_all.
    for (auto it = d.devres.rbegin(); it != d.devres.rend(); ++it)
        kfree(*it);
    d.devres.clear();
    if (d.node)
        k_.fs().remove(d.node);
    if (d.sysdir && d.sysdir->parent)
        k_.fs().remove(d.sysdir);
}

bool Devices::remove_first(const std::function<bool(const Dev &)> &match)
{
    auto it = std::find_if(devs_.begin(), devs_.end(), [&](auto &d) { return match(*d); });
    if (it == devs_.end())
        return false;
    remove_dev(**it);
    devs_.erase(it);
    return true;
}

void Devices::destroy_device(struct kshim_class *cls, uint32_t devt)
{
    remove_first([&](const Dev &d) { return d.dev.KSHIM_CLASS == cls && d.dev.devt == devt; });
}

Devices::Dev *Devices::find(const struct device *dev)
{
    auto it = std::find_if(devs_.begin(), devs_.end(), [dev](auto &d) { return &d->dev == dev; });
    return it == devs_.end() ? nullptr : it->get();
}

struct device *Devices::register_root(const char *name, const void *caller)
{
    Node *devices = k_.fs().sys()->child("devices");
    if (devices->child(name))
        return static_cast<struct device *>(ERR_PTR(-EEXIST));
    auto d = std::make_unique<Dev>();
    d->name = name;
    d->dev.kobj.name = d->name.c_str();
    d->owner = k_.fs().owner_of(caller, nullptr);
    d->sysdir = k_.fs().add_dir(devices, name, 0755, nullptr);
    devs_.push_back(std::move(d));
    return &devs_.back()->dev;
}

void Devices::unregister(struct device *dev)
{
    if (!remove_first([dev](const Dev &d) { return &d.dev == dev; }))
        (void)kshim::refuse("device_unregister of a device kshim did not create");
}

void *Devices::devm_alloc(struct device *dev, size_t size, unsigned int gfp, const void *caller)
{
    if (!size)
        return ZERO_SIZE_PTR;
    Dev *d = find(dev);
    if (!d)
        return kshim::refuse_null("devm_kmalloc on a device kshim did not create");
    void *p = k_.mm().kmalloc(size, gfp, (uintptr_t)caller);
    if (p)
        d->devres.push_back(p);
    return p;
}

void Devices::devm_free(struct device *dev, const void *p, uintptr_t site)
{
    if (ZERO_OR_NULL_PTR(p))
        return;
    Dev *d = find(dev);
    if (!d || !std::erase(d->devres, p)) {
        k_.reports().warn("drivers/base/devres.c", 1073, site, "");
        return;
    }
    kfree(p);
}

int Devices::register_misc(struct miscdevice *m, const void *caller)
{
    INIT_LIST_HEAD(&m->list);
    bool dynamic = m->minor == MISC_DYNAMIC_MINOR;
    int r = k_.fs().chrdevs().add_misc(m, k_.fs().owner_of(caller, m));
    if (r)
        return r;
    struct device *d = create_device(misc_class_, m->parent, MKDEV(Chrdevs::kMiscMajor, m->minor), m,
                                     m->nodename ? m->nodename : m->name, caller, m);
    if (IS_ERR(d)) {
        k_.fs().chrdevs().remove_misc(m);
        if (dynamic)
            m->minor = MISC_DYNAMIC_MINOR;
        return PTR_ERR(d);
    }
    m->this_device = d;
    list_add(&m->list, misc_list_.get());
    return 0;
}

void Devices::deregister_misc(struct miscdevice *m)
{
    if (list_empty(&m->list)) {
        k_.reports().warn("drivers/char/misc.c", 0, (uintptr_t)__builtin_return_address(0), "");
        return;
    }
    list_del_init(&m->list);
    destroy_device(misc_class_, MKDEV(Chrdevs::kMiscMajor, m->minor));
    k_.fs().chrdevs().remove_misc(m);
}

unsigned Devices::module_gone(const ModuleSpan &span)
{
    unsigned n = 0;
    for (auto it = devs_.begin(); it != devs_.end();) {
        if ((*it)->owner != span.id) {
            ++it;
            continue;
        }
        bool misc = (*it)->dev.KSHIM_CLASS == misc_class_;
        k_.log().emit(3, strprintf("kshim: %s left %s %s registered; removing it", span.name,
                                   misc ? "misc device" : "device", (*it)->name.c_str()));
        k_.reports().count_bug();
        ++n;
        if (misc) {
            auto *m = static_cast<struct miscdevice *>((*it)->dev.driver_data);
            list_del_init(&m->list);
            k_.fs().chrdevs().remove_misc(m);
        }
        remove_dev(**it);
        it = devs_.erase(it);
    }
    for (auto it = classes_.begin(); it != classes_.end();) {
        if ((*it)->owner != span.id) {
            ++it;
            continue;
        }
        k_.log().emit(3, strprintf("kshim: %s left class %s registered; removing it", span.name, (*it)->name.c_str()));
        k_.reports().count_bug();
        ++n;
        k_.fs().remove((*it)->dir);
        it = classes_.erase(it);
    }
    return n;
}

}  // namespace kshim
