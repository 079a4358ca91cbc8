// Character-device numbers, the cdev map and misc minors, as fs/char_dev.c and drivers/char/misc.c of 6.1 keep them.
#include "fs/chrdev.hpp"

#include <algorithm>

#include "debug/report.hpp"
#include "kernel.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

#include "linux/cdev.h"
#include "linux/errno.h"
#include "linux/fs.h"
#include "linux/miscdevice.h"

namespace kshim {

Chrdevs::Chrdevs(Kernel &k) : k_(k)
{
    regions_.push_back({kMiscMajor, 0, 256, "misc", nullptr});   // misc_init's own major
}

Chrdevs::~Chrdevs()
{
    for (auto &[c, st] : cdevs_)
        if (st.dynamic)
            delete c;
}

bool Chrdevs::slot_empty(unsigned index) const
{
    return std::none_of(regions_.begin(), regions_.end(), [index](const Region &r) { return r.major % kHashSize == index; });
}

bool Chrdevs::major_used(unsigned major) const
{
    return std::any_of(regions_.begin(), regions_.end(), [major](const Region &r) { return r.major == major; });
}

// find_dynamic_major: a free hash slot 254..234 first, then an unused major 511..384.
int Chrdevs::find_dynamic_major() const
{
    for (unsigned i = kHashSize - 1; i >= kDynEnd; --i)
        if (slot_empty(i))
            return i;
    for (unsigned i = kDynExtStart; i >= kDynExtEnd; --i)
        if (!major_used(i))
            return i;
    return -EBUSY;
}

int Chrdevs::add_region(unsigned major, unsigned baseminor, int count, const char *name, const Module *owner)
{
    if (major >= kMajorMax) {
        k_.log().emit(3, strprintf("CHRDEV \"%s\" major requested (%u) is greater than the maximum (%u)", name,
                                   major, kMajorMax - 1));
        return -EINVAL;
    }
    if (count > (int)(MINORMASK + 1 - baseminor)) {
        k_.log().emit(3, strprintf("CHRDEV \"%s\" minor range requested (%u-%u) is out of range of maximum range "
                                   "(%u-%u) for a single major", name, baseminor, baseminor + count - 1, 0, MINORMASK));
        return -EINVAL;
    }
    if (major == 0) {
        int m = find_dynamic_major();
        if (m < 0) {
            k_.log().emit(3, strprintf("CHRDEV \"%s\" dynamic allocation region is full", name));
            return m;
        }
        major = m;
    }
    for (const Region &r : regions_)
        if (r.major == major && r.baseminor + r.count > baseminor && r.baseminor < baseminor + count)
            return -EBUSY;
    auto at = std::find_if(regions_.begin(), regions_.end(), [&](const Region &r) {
        return r.major > major || (r.major == major && r.baseminor > baseminor);
    });
    regions_.insert(at, Region{major, baseminor, count, std::string(name).substr(0, 63), owner});
    return major;
}

struct cdev *Chrdevs::remove_region(unsigned major, unsigned baseminor, int count)
{
    auto it = std::find_if(regions_.begin(), regions_.end(), [&](const Region &r) {
        return r.major == major && r.baseminor == baseminor && r.count == count;
    });
    if (it == regions_.end())
        return nullptr;
    struct cdev *c = it->cdev;
    regions_.erase(it);
    return c;
}

int Chrdevs::register_range(uint32_t from, unsigned count, const char *name, const Module *owner)
{
    uint32_t to = from + count, n, next;
    for (n = from; n < to; n = next) {
        next = std::min<uint32_t>(MKDEV(MAJOR(n) + 1, 0), to);
        int r = add_region(MAJOR(n), MINOR(n), next - n, name, owner);
        if (r < 0) {
            unregister_range(from, n - from);
            return r;
        }
    }
    return 0;
}

int Chrdevs::alloc_range(uint32_t *dev, unsigned baseminor, unsigned count, const char *name, const Module *owner)
{
    int major = add_region(0, baseminor, count, name, owner);
    if (major < 0)
        return major;
    *dev = MKDEV(major, baseminor);
    return 0;
}

void Chrdevs::unregister_range(uint32_t from, unsigned count)
{
    uint32_t to = from + count, n, next;
    for (n = from; n < to; n = next) {
        next = std::min<uint32_t>(MKDEV(MAJOR(n) + 1, 0), to);
        (void)remove_region(MAJOR(n), MINOR(n), next - n);
    }
}

int Chrdevs::register_chrdev(unsigned major, unsigned baseminor, unsigned count, const char *name,
                             const file_operations *fops, const Module *owner)
{
    int got = add_region(major, baseminor, count, name, owner);
    if (got < 0)
        return got;
    struct cdev *c = alloc_cdev();
    c->owner = fops->owner;
    c->ops = fops;
    int r = add_cdev(c, MKDEV(got, baseminor), count, owner);
    for (Region &reg : regions_)
        if (reg.major == (unsigned)got && reg.baseminor == baseminor)
            reg.cdev = c;
    if (r)
        return r;
    return major ? 0 : got;
}

void Chrdevs::unregister_chrdev(unsigned major, unsigned baseminor, unsigned count)
{
    struct cdev *c = remove_region(major, baseminor, count);
    if (c)
        del_cdev(c);
}

struct cdev *Chrdevs::alloc_cdev()
{
    struct cdev *c = new cdev();
    INIT_LIST_HEAD(&c->list);
    cdevs_[c].dynamic = true;
    return c;
}

void Chrdevs::init_cdev(struct cdev *c, const file_operations *fops)
{
    *c = {};
    INIT_LIST_HEAD(&c->list);
    c->ops = fops;
    cdevs_[c] = CdevState{};
}

int Chrdevs::add_cdev(struct cdev *c, uint32_t dev, unsigned count, const Module *owner)
{
    c->dev = dev;
    c->count = count;
    map_.push_back({c, dev, count, owner});
    cdevs_[c].deleted = false;
    return 0;
}

void Chrdevs::del_cdev(struct cdev *c)
{
    std::erase_if(map_, [c](const Mapped &m) { return m.cdev == c; });
    auto it = cdevs_.find(c);
    if (it != cdevs_.end()) {
        it->second.deleted = true;
        maybe_free(c);
    }
}

void Chrdevs::put_cdev(struct cdev *c) { del_cdev(c); }

void Chrdevs::maybe_free(struct cdev *c)
{
    auto it = cdevs_.find(c);
    if (it == cdevs_.end() || !it->second.deleted || it->second.users)
        return;
    bool dynamic = it->second.dynamic;
    cdevs_.erase(it);
    if (dynamic)
        delete c;
}

// kobj_lookup: of the cdevs covering dev, the one with the smallest range.
struct cdev *Chrdevs::get(uint32_t dev)
{
    const Mapped *best = nullptr;
    for (const Mapped &m : map_)
        if (dev >= m.dev && dev - m.dev < m.count && (!best || m.count < best->count))
            best = &m;
    if (!best)
        return nullptr;
    ++cdevs_[best->cdev].users;
    return best->cdev;
}

void Chrdevs::put(struct cdev *c)
{
    auto it = cdevs_.find(c);
    if (it == cdevs_.end())
        return;
    --it->second.users;
    maybe_free(c);
}

void *Chrdevs::misc_of(uint32_t dev) const
{
    if (MAJOR(dev) != kMiscMajor)
        return nullptr;
    auto it = misc_.find(MINOR(dev));
    return it == misc_.end() ? nullptr : it->second.first;
}

int Chrdevs::add_misc(struct miscdevice *m, const Module *owner)
{
    if (m->minor == MISC_DYNAMIC_MINOR) {
        auto free = std::find(misc_dyn_used_.begin(), misc_dyn_used_.end(), 0);
        if (free == misc_dyn_used_.end())
            return -EBUSY;
        *free = 1;
        m->minor = 127 - (free - misc_dyn_used_.begin());
    } else if (misc_.count(m->minor)) {
        return -EBUSY;
    }
    misc_[m->minor] = {m, owner};
    return 0;
}

void Chrdevs::remove_misc(struct miscdevice *m)
{
    misc_.erase(m->minor);
    int i = 127 - m->minor;
    if (i >= 0 && i < 128)
        misc_dyn_used_[i] = 0;
}

// chrdev_show for every major 0..254 in turn (6.1 lists only majors below the hash size).
std::string Chrdevs::proc_devices() const
{
    std::string out = "Character devices:\n";
    for (unsigned major = 0; major < kHashSize; ++major)
        for (const Region &r : regions_)
            if (r.major == major)
                out += strprintf("%3d %s\n", r.major, r.name.c_str());
    out += "\nBlock devices:\n";
    return out;
}

unsigned Chrdevs::module_gone(const ModuleSpan &span)
{
    unsigned n = 0;
    auto report = [&](const std::string &what) {
        k_.log().emit(3, strprintf("kshim: %s left %s registered; removing it", span.name, what.c_str()));
        k_.reports().count_bug();
        ++n;
    };
    for (auto it = misc_.begin(); it != misc_.end();) {
        if (it->second.second != span.id) {
            ++it;
            continue;
        }
        report(strprintf("misc device %s (10:%u)", it->second.first->name, it->first));
        struct miscdevice *m = it->second.first;
        ++it;
        remove_misc(m);
    }
    // A cdev of the module's own (cdev_add); register_chrdev's go with their region below.
    for (const Mapped &m : std::vector<Mapped>(map_)) {
        bool of_region = std::any_of(regions_.begin(), regions_.end(), [&](const Region &r) { return r.cdev == m.cdev; });
        if (m.owner != span.id || of_region)
            continue;
        report(strprintf("cdev %u:%u", MAJOR(m.dev), MINOR(m.dev)));
        del_cdev(m.cdev);
    }
    for (const Region &r : std::vector<Region>(regions_))
        if (r.owner == span.id) {
            report(strprintf("char device region %u:%u-%u (%s)", r.major, r.baseminor, r.baseminor + r.count - 1,
                             r.name.c_str()));
            if (struct cdev *c = remove_region(r.major, r.baseminor, r.count))
                del_cdev(c);
        }
    return n;
}

}  // namespace kshim
