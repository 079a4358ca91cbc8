// Character-device numbers and cdevs (fs/char_dev.c of 6.1): regions, dynamic majors, the cdev map, misc minors, /proc/devices.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "module/address_map.hpp"


struct cdev;
struct file_operations;
struct miscdevice;

namespace kshim {

class Kernel;
class Module;

class Chrdevs {
public:
    static constexpr unsigned kHashSize = 255;       // CHRDEV_MAJOR_HASH_SIZE
    static constexpr unsigned kMajorMax = 512;       // CHRDEV_MAJOR_MAX
    static constexpr unsigned kDynEnd = 234;         // dynamic majors 254..234,
    static constexpr unsigned kDynExtStart = 511;    // then 511..384
    static constexpr unsigned kDynExtEnd = 384;
    static constexpr unsigned kMiscMajor = 10;

    explicit Chrdevs(Kernel &k);
    ~Chrdevs();

    // __register_chrdev_region: the major granted (major 0: a dynamic one), or -EINVAL/-EBUSY
    // with 6.1's messages. Process context.
    int add_region(unsigned major, unsigned baseminor, int count, const char *name, const Module *owner);
    // __unregister_chrdev_region: forgets the exact region; returns its cdev of register_chrdev.
    struct cdev *remove_region(unsigned major, unsigned baseminor, int count);
    // register_chrdev_region / alloc_chrdev_region / unregister_chrdev_region over majors.
    int register_range(uint32_t from, unsigned count, const char *name, const Module *owner);
    int alloc_range(uint32_t *dev, unsigned baseminor, unsigned count, const char *name, const Module *owner);
    void unregister_range(uint32_t from, unsigned count);
    // __register_chrdev / __unregister_chrdev: a region with its own dynamic cdev.
    int register_chrdev(unsigned major, unsigned baseminor, unsigned count, const char *name,
                        const file_operations *fops, const Module *owner);
    void unregister_chrdev(unsigned major, unsigned baseminor, unsigned count);

    // cdevs. alloc: a zeroed dynamic cdev (freed by the last of cdev_del/put and open files).
    struct cdev *alloc_cdev();
    void init_cdev(struct cdev *c, const file_operations *fops);
    int add_cdev(struct cdev *c, uint32_t dev, unsigned count, const Module *owner);
    void del_cdev(struct cdev *c);
    void put_cdev(struct cdev *c);              // cdev_put of a module's own reference
    // chrdev_open's lookup: the cdev mapped at dev, with a use counted; put() gives it back.
    struct cdev *get(uint32_t dev);
    void put(struct cdev *c);
    // misc_open's lookup: the miscdevice registered at dev (major 10), or nullptr.
    void *misc_of(uint32_t dev) const;

    // misc_register/misc_deregister's number part: a minor (MISC_DYNAMIC_MINOR: 127 down) and
    // the cdev at (10, minor). 0 or -EBUSY. Process context.
    int add_misc(struct miscdevice *m, const Module *owner);
    void remove_misc(struct miscdevice *m);

    std::string proc_devices() const;   // the "Character devices:" part of /proc/devices
    unsigned module_gone(const ModuleSpan &span);

private:
    struct Region {
        unsigned major, baseminor;
        int count;
        std::string name;
        const Module *owner;
        struct cdev *cdev = nullptr;   // register_chrdev's own
    };
    struct Mapped {
        struct cdev *cdev;
        uint32_t dev;
        unsigned count;
        const Module *owner;
    };
    struct CdevState {
        bool dynamic = false;
        bool deleted = false;
        unsigned users = 0;            // open files
    };
    int find_dynamic_major() const;
    bool slot_empty(unsigned index) const;
    bool major_used(unsigned major) const;
    void maybe_free(struct cdev *c);

    Kernel &k_;
    std::vector<Region> regions_;                    // sorted by major, baseminor
    std::vector<Mapped> map_;
    std::map<struct cdev *, CdevState> cdevs_;
    std::map<unsigned, std::pair<struct miscdevice *, const Module *>> misc_;   // minor -> device
    std::vector<unsigned char> misc_dyn_used_ = std::vector<unsigned char>(128);
};

}  // namespace kshim
