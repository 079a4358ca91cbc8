// sysfs and kobjects: kobject init/add/put with 6.1's reports, directories and attribute files under /sys, groups, uevents logged.
#include "fs/sysfs.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fs/vfs.hpp"
#include "kernel.hpp"

#include "asm/page.h"
#include "linux/fs.h"
#include "linux/kobject.h"
#include "linux/printk.h"
#include "linux/slab.h"
#include "linux/stat.h"
#include "linux/sysfs.h"
#include "linux/uaccess.h"

namespace kshim {

// What an attribute file's inode points at.
struct Sysfs::AttrFile {
    kobject *kobj;
    const attribute *attr;
    unsigned events = 0;     // sysfs_notify calls
};

namespace {

// One open attribute file: the page show() filled, kept for reads past offset 0.
struct OpenAttr {
    char *page = nullptr;
    size_t len = 0;
    bool filled = false;
};

Sysfs::AttrFile *attr_of(struct file *f) { return static_cast<Sysfs::AttrFile *>(file_inode(f)->i_private); }

const sysfs_ops *ops_of(const kobject *kobj) { return kobj->ktype ? kobj->ktype->sysfs_ops : nullptr; }

// Runs show() into a zeroed page, as sysfs_kf_seq_show does: a negative count is the read's
// error, a count of PAGE_SIZE or more is reported and cut to PAGE_SIZE - 1.
ssize_t fill(Sysfs::AttrFile *af, OpenAttr *st)
{
    const sysfs_ops *ops = ops_of(af->kobj);
    std::memset(st->page, 0, PAGE_SIZE);
    ssize_t count = ops->show(af->kobj, const_cast<attribute *>(af->attr), st->page);
    if (count < 0)
        return count;
    if (count >= (ssize_t)PAGE_SIZE) {
        printk("fill_read_buffer: %pS returned bad count\n", (void *)ops->show);
        count = PAGE_SIZE - 1;
    }
    st->len = count;
    st->filled = true;
    return 0;
}

// kernfs_fop_open: reading needs a read bit and a show(), writing a write bit and a store(),
// whoever the opener is (-EACCES otherwise, root included).
int attr_open(struct inode *inode, struct file *f)
{
    const sysfs_ops *ops = ops_of(static_cast<Sysfs::AttrFile *>(inode->i_private)->kobj);
    if ((f->f_mode & FMODE_READ) && (!(inode->i_mode & S_IRUGO) || !ops->show))
        return -EACCES;
    if ((f->f_mode & FMODE_WRITE) && (!(inode->i_mode & S_IWUGO) || !ops->store))
        return -EACCES;
    auto *st = new OpenAttr;
    st->page = static_cast<char *>(std::aligned_alloc(PAGE_SIZE, PAGE_SIZE));  // sysfs_emit wants a page
    f->private_data = st;
    return 0;
}

int attr_release(struct inode *, struct file *f)
{
    auto *st = static_cast<OpenAttr *>(f->private_data);
    std::free(st->page);
    delete st;
    return 0;
}

// A read at offset 0 (or the first one) runs show(); the rest of the page is served from it.
ssize_t attr_read(struct file *f, char __user *buf, size_t count, loff_t *ppos)
{
    Sysfs::AttrFile *af = attr_of(f);
    auto *st = static_cast<OpenAttr *>(f->private_data);
    if (*ppos == 0 || !st->filled) {
        ssize_t err = fill(af, st);
        if (err)
            return err;
    }
    return simple_read_from_buffer(buf, count, ppos, st->page, st->len);
}

// One write of up to a page goes to store() NUL-terminated (kernfs_fop_write_iter).
ssize_t attr_write(struct file *f, const char __user *buf, size_t count, loff_t *ppos)
{
    Sysfs::AttrFile *af = attr_of(f);
    const sysfs_ops *ops = ops_of(af->kobj);
    size_t len = std::min(count, (size_t)PAGE_SIZE);
    std::vector<char> page(len + 1);
    if (copy_from_user(page.data(), buf, len))
        return -EFAULT;
    page[len] = '\0';
    ssize_t r = len ? ops->store(af->kobj, const_cast<attribute *>(af->attr), page.data(), len) : 0;
    if (r > 0)
        *ppos += r;
    return r;
}

const struct file_operations attr_fops = [] {
    struct file_operations f {};
    f.open = attr_open;
    f.read = attr_read;
    f.write = attr_write;
    f.llseek = default_llseek;
    f.release = attr_release;
    return f;
}();

void dynamic_release(kobject *kobj) { kfree(kobj); }

void kset_release(kobject *kobj) { kfree(container_of(kobj, struct kset, kobj)); }

const struct kobj_type dynamic_ktype = [] {
    struct kobj_type t {};
    t.release = dynamic_release;
    t.sysfs_ops = &kobj_sysfs_ops;
    return t;
}();

const struct kobj_type kset_ktype = [] {
    struct kobj_type t {};
    t.release = kset_release;
    t.sysfs_ops = &kobj_sysfs_ops;
    return t;
}();

const char *const action_names[] = {"add", "remove", "change", "move", "online", "offline", "bind", "unbind"};

// The path under /sys ("/kernel/x"), as kobject_get_path gives it.
std::string rel_path(const Node *n, const Node *sys)
{
    std::string p;
    for (; n && n != sys; n = n->parent)
        p = "/" + n->name + p;
    return p;
}

}  // namespace

Sysfs::Sysfs(Kernel &k) : k_(k)
{
    kernel_kobj = standard("kernel", nullptr);
    mm_kobj = standard("mm", kernel_kobj);
    firmware_kobj = standard("firmware", nullptr);
    hypervisor_kobj = standard("hypervisor", nullptr);
    power_kobj = standard("power", nullptr);
}

Sysfs::~Sysfs()
{
    for (kobject *ko : standard_)
        delete ko;
    kernel_kobj = mm_kobj = firmware_kobj = hypervisor_kobj = power_kobj = nullptr;
}

// A kernel-owned kobject over the directory /sys/PARENT/NAME (made if the VFS lacks it).
kobject *Sysfs::standard(const char *name, kobject *parent)
{
    auto *ko = new kobject{};
    ko->name = name;  // a literal: these are never released
    kref_init(&ko->kref);
    INIT_LIST_HEAD(&ko->entry);
    ko->state_initialized = 1;
    ko->state_in_sysfs = 1;
    ko->ktype = &dynamic_ktype;
    ko->parent = parent;
    Node *dir = parent ? dir_of(parent) : k_.fs().sys();
    Node *n = dir->child(name);
    ko->sd = n ? n : k_.fs().add_dir(dir, name, S_IFDIR | 0755, nullptr);
    standard_.push_back(ko);
    return ko;
}

Node *Sysfs::dir_of(const kobject *kobj) const { return static_cast<Node *>(kobj->sd); }

std::string Sysfs::path_of(const kobject *kobj) const
{
    return kobj && kobj->sd ? dir_of(kobj)->path() : std::string();
}

void Sysfs::report_dup(const std::string &path, const void *)
{
    printk(KERN_WARNING "sysfs: cannot create duplicate filename '%s'\n", path.c_str());
    dump_stack();
}

void Sysfs::init(kobject *kobj, const kobj_type *ktype)
{
    if (!kobj || !ktype) {
        printk(KERN_ERR "kobject (%p): %s\n", (void *)kobj,
               kobj ? "must have a ktype to be initialized properly!\n" : "invalid kobject pointer!");
        dump_stack();
        return;
    }
    if (kobj->state_initialized) {
        printk(KERN_ERR "kobject (%p): tried to init an initialized object, something is seriously wrong.\n",
               (void *)kobj);
        dump_stack();
    }
    kref_init(&kobj->kref);
    INIT_LIST_HEAD(&kobj->entry);
    kobj->state_in_sysfs = 0;
    kobj->state_add_uevent_sent = 0;
    kobj->state_remove_uevent_sent = 0;
    kobj->state_initialized = 1;
    kobj->ktype = ktype;
}

// kobject_set_name_vargs: a '/' in the name becomes '!'. Keeps the old name when fmt is NULL.
int Sysfs::set_name(kobject *kobj, const char *fmt, va_list ap)
{
    if (kobj->name && !fmt)
        return 0;
    char *s = kvasprintf(GFP_KERNEL, fmt, ap);
    if (!s)
        return -ENOMEM;
    std::replace(s, s + std::strlen(s), '/', '!');
    kfree(kobj->name);
    kobj->name = s;
    return 0;
}

Node *Sysfs::make_dir(kobject *kobj, const void *caller)
{
    Node *parent = kobj->parent ? dir_of(kobj->parent) : k_.fs().sys();
    if (!parent)
        return nullptr;
    Node *n = k_.fs().add_dir(parent, kobj->name, S_IFDIR | 0755, k_.fs().owner_of(caller));
    if (!n) {
        report_dup(rel_path(parent, k_.fs().sys()) + "/" + kobj->name, caller);
        return nullptr;
    }
    n->what = "kobject";
    return n;
}

// kobject_add_internal: the parent (or the kset's kobject) gets a reference; the directory and
// the ktype's default groups are made.
int Sysfs::add_internal(kobject *kobj, const void *caller)
{
    if (!kobj->name || !kobj->name[0]) {
        WARN(1, "kobject: (%p): attempted to be registered with empty name!\n", (void *)kobj);
        return -EINVAL;
    }
    kobject *parent = get(kobj->parent);
    if (kobj->kset) {
        if (!parent)
            parent = get(&kobj->kset->kobj);
        list_add_tail(&kobj->entry, &kobj->kset->list);
        kobj->parent = parent;
    }
    Node *n = make_dir(kobj, caller);
    if (!n) {
        if (kobj->kset)
            list_del_init(&kobj->entry);
        put(parent);
        kobj->parent = nullptr;
        printk(KERN_ERR "kobject_add_internal failed for %s with -EEXIST, don't try to register things "
               "with the same name in the same directory.\n", kobj->name);
        return -EEXIST;
    }
    kobj->sd = n;
    kobj->state_in_sysfs = 1;
    int err = create_groups(kobj, kobj->ktype->default_groups, caller);
    if (err) {
        del(kobj);
        return err;
    }
    return 0;
}

int Sysfs::add(kobject *kobj, kobject *parent, const char *fmt, va_list ap, const void *caller)
{
    if (!kobj)
        return -EINVAL;
    if (!kobj->state_initialized) {
        printk(KERN_ERR "kobject '%s' (%p): tried to add an uninitialized object, something is seriously wrong.\n",
               kobj->name ? kobj->name : "(null)", (void *)kobj);
        dump_stack();
        return -EINVAL;
    }
    int err = set_name(kobj, fmt, ap);
    if (err)
        return err;
    kobj->parent = parent;
    return add_internal(kobj, caller);
}

kobject *Sysfs::create_and_add(const char *name, kobject *parent, const void *caller)
{
    auto *kobj = static_cast<kobject *>(kzalloc(sizeof(kobject), GFP_KERNEL));
    if (!kobj)
        return nullptr;
    init(kobj, &dynamic_ktype);
    kobj->name = kstrdup(name, GFP_KERNEL);
    kobj->parent = parent;
    int err = kobj->name ? add_internal(kobj, caller) : -ENOMEM;
    if (err) {
        printk(KERN_WARNING "kobject_create_and_add: kobject_add error: %d\n", err);
        put(kobj);
        return nullptr;
    }
    return kobj;
}

// __kobject_del: the directory goes (with what is in it), the kobject leaves its kset.
void Sysfs::unlink(kobject *kobj)
{
    if (kobj->sd) {
        remove_groups(kobj, kobj->ktype ? kobj->ktype->default_groups : nullptr);
        k_.fs().remove(dir_of(kobj));
    }
    kobj->sd = nullptr;
    kobj->state_in_sysfs = 0;
    if (kobj->kset)
        list_del_init(&kobj->entry);
    kobj->parent = nullptr;
}

// kobject_del: unlinks it and drops its reference on the parent.
void Sysfs::del(kobject *kobj)
{
    if (!kobj)
        return;
    kobject *parent = kobj->parent;
    unlink(kobj);
    put(parent);
}

kobject *Sysfs::get(kobject *kobj)
{
    if (!kobj)
        return nullptr;
    if (!kobj->state_initialized)
        WARN(1, KERN_WARNING "kobject: '%s' (%p): is not initialized, yet kobject_get() is being called.\n",
             kobj->name ? kobj->name : "(null)", (void *)kobj);
    kref_get(&kobj->kref);
    return kobj;
}

void Sysfs::put(kobject *kobj)
{
    if (!kobj)
        return;
    if (!kobj->state_initialized)
        WARN(1, KERN_WARNING "kobject: '%s' (%p): is not initialized, yet kobject_put() is being called.\n",
             kobj->name ? kobj->name : "(null)", (void *)kobj);
    if (refcount_dec_and_test(&kobj->kref.refcount))
        cleanup(kobj);
}

// kobject_cleanup: the "remove" event if "add" was sent, the directory if still there, then
// release() (a ktype without one is only pr_debug'd in 6.1) and the name.
void Sysfs::cleanup(kobject *kobj)
{
    const kobj_type *t = kobj->ktype;
    const char *name = kobj->name;
    if (kobj->state_add_uevent_sent && !kobj->state_remove_uevent_sent)
        uevent(kobj, KOBJ_REMOVE);
    kobject *parent = kobj->state_in_sysfs ? kobj->parent : nullptr;
    if (kobj->state_in_sysfs)
        unlink(kobj);
    if (t && t->release)
        t->release(kobj);
    else
        printk(KERN_DEBUG "kobject: '%s' (%p): does not have a release() function, it is broken and must be fixed. See Documentation/core-api/kobject.rst.\n",
               name ? name : "(null)", (void *)kobj);
    kfree(name);
    put(parent);
}

// kobject_uevent_env without udev: the kset's filter and uevent callbacks run as in 6.1, the
// event goes to the log at KERN_DEBUG.
int Sysfs::uevent(kobject *kobj, int action)
{
    printk(KERN_DEBUG "kobject: '%s' (%p): kobject_uevent_env\n", kobj->name, (void *)kobj);
    kobject *top = kobj;
    while (!top->kset && top->parent)
        top = top->parent;
    if (!top->kset) {
        printk(KERN_DEBUG "kobject: '%s' (%p): kobject_uevent_env: attempted to send uevent without kset!\n",
               kobj->name, (void *)kobj);
        return -EINVAL;
    }
    const kset_uevent_ops *ops = top->kset->uevent_ops;
    if (kobj->uevent_suppress || (ops && ops->filter && !ops->filter(kobj)))
        return 0;
    const char *subsystem = ops && ops->name ? ops->name(kobj) : top->kset->kobj.name;
    if (!subsystem)
        return 0;
    auto *env = static_cast<kobj_uevent_env *>(kzalloc(sizeof(kobj_uevent_env), GFP_KERNEL));
    if (!env)
        return -ENOMEM;
    std::string devpath = rel_path(dir_of(kobj), k_.fs().sys());
    add_uevent_var(env, "ACTION=%s", action_names[action]);
    add_uevent_var(env, "DEVPATH=%s", devpath.c_str());
    add_uevent_var(env, "SUBSYSTEM=%s", subsystem);
    int ret = ops && ops->uevent ? ops->uevent(kobj, env) : 0;
    if (!ret) {
        kobj->state_add_uevent_sent |= action == KOBJ_ADD;
        kobj->state_remove_uevent_sent |= action == KOBJ_REMOVE;
        std::string line;
        for (int i = 0; i < env->envp_idx; i++)
            line += std::string(i ? " " : "") + env->envp[i];
        printk(KERN_DEBUG "kobject_uevent: %s\n", line.c_str());
    }
    kfree(env);
    return ret;
}

// A kset of its own ktype (released with its last reference), registered; NULL on failure.
kset *Sysfs::kset_create_and_add(const char *name, const kset_uevent_ops *u, kobject *parent, const void *caller)
{
    auto *ks = static_cast<kset *>(kzalloc(sizeof(kset), GFP_KERNEL));
    if (!ks)
        return nullptr;
    ks->kobj.name = kstrdup(name, GFP_KERNEL);
    ks->uevent_ops = u;
    ks->kobj.parent = parent;
    ks->kobj.ktype = &kset_ktype;
    if (kset_register(ks, caller)) {
        kfree(ks->kobj.name);
        kfree(ks);
        return nullptr;
    }
    return ks;
}

// kset_register: init, add, then the "add" uevent.
int Sysfs::kset_register(kset *ks, const void *caller)
{
    if (!ks)
        return -EINVAL;
    if (!ks->kobj.ktype) {
        printk(KERN_ERR "must have a ktype to be initialized properly!\n");
        return -EINVAL;
    }
    ks->kobj.state_initialized = 0;
    init(&ks->kobj, ks->kobj.ktype);
    INIT_LIST_HEAD(&ks->list);
    spin_lock_init(&ks->list_lock);
    int err = add_internal(&ks->kobj, caller);
    if (err)
        return err;
    uevent(&ks->kobj, KOBJ_ADD);
    return 0;
}

void Sysfs::kset_unregister(kset *ks)
{
    if (!ks)
        return;
    del(&ks->kobj);
    put(&ks->kobj);
}

int Sysfs::add_attr(Node *dir, kobject *kobj, const attribute *attr, unsigned short mode, const void *caller)
{
    if (WARN(!ops_of(kobj), KERN_ERR "missing sysfs attribute operations for kobject: %s\n", kobj->name))
        return -EINVAL;
    attrs_.push_back(std::make_unique<AttrFile>(AttrFile{kobj, attr}));
    Node *n = k_.fs().add_file(dir, attr->name, S_IFREG | mode, &attr_fops, attrs_.back().get(),
                               k_.fs().owner_of(caller));
    if (!n) {
        attrs_.pop_back();
        report_dup(rel_path(dir, k_.fs().sys()) + "/" + attr->name, caller);
        return -EEXIST;
    }
    n->what = "sysfs file";
    n->inode->i_size = PAGE_SIZE;
    return 0;
}

void Sysfs::remove_attr(Node *dir, const char *name)
{
    if (Node *n = dir ? dir->child(name) : nullptr)
        k_.fs().remove(n);
}

int Sysfs::create_file(kobject *kobj, const attribute *attr, const void *caller)
{
    if (WARN_ON(!kobj || !kobj->sd || !attr))
        return -EINVAL;
    return add_attr(dir_of(kobj), kobj, attr, attr->mode, caller);
}

void Sysfs::remove_file(kobject *kobj, const attribute *attr)
{
    if (kobj && attr)
        remove_attr(dir_of(kobj), attr->name);
}

int Sysfs::create_files(kobject *kobj, const attribute *const *attrs, const void *caller)
{
    int err = 0;
    int i = 0;
    for (; attrs[i] && !err; i++)
        err = create_file(kobj, attrs[i], caller);
    if (err)
        for (i -= 2; i >= 0; i--)            // the failed one was never made
            remove_file(kobj, attrs[i]);
    return err;
}

void Sysfs::remove_files(kobject *kobj, const attribute *const *attrs)
{
    for (int i = 0; attrs[i]; i++)
        remove_file(kobj, attrs[i]);
}

Node *Sysfs::group_dir(kobject *kobj, const attribute_group *grp) const
{
    return grp->name ? dir_of(kobj)->child(grp->name) : dir_of(kobj);
}

// internal_create_group: a named group is a subdirectory; is_visible may hide an attribute (0)
// or change its mode; a mode beyond 0664 is warned about and masked. A failure undoes the group.
int Sysfs::create_group(kobject *kobj, const attribute_group *grp, const void *caller)
{
    if (WARN_ON(!kobj || !kobj->sd))
        return -EINVAL;
    if (!grp->attrs && !grp->bin_attrs)
        return 0;
    Node *dir = dir_of(kobj);
    if (grp->name) {
        dir = k_.fs().add_dir(dir_of(kobj), grp->name, S_IFDIR | 0755, k_.fs().owner_of(caller));
        if (!dir) {
            report_dup(rel_path(dir_of(kobj), k_.fs().sys()) + "/" + grp->name, caller);
            return -EEXIST;
        }
        dir->what = "sysfs group";
    }
    int err = 0;
    for (int i = 0; grp->attrs && grp->attrs[i] && !err; i++) {
        attribute *a = grp->attrs[i];
        unsigned mode = a->mode;
        if (grp->is_visible) {
            mode = grp->is_visible(kobj, a, i) & ~SYSFS_GROUP_INVISIBLE;
            if (!mode)
                continue;
        }
        WARN(mode & ~(SYSFS_PREALLOC | 0664), "Attribute %s: Invalid permissions 0%o\n", a->name, mode);
        err = add_attr(dir, kobj, a, mode & (SYSFS_PREALLOC | 0664), caller);
    }
    if (err && grp->name)
        k_.fs().remove(dir);
    else if (err)
        remove_group(kobj, grp);
    return err;
}

void Sysfs::remove_group(kobject *kobj, const attribute_group *grp)
{
    Node *dir = group_dir(kobj, grp);
    if (!dir) {
        WARN(1, KERN_WARNING "sysfs group '%s' not found for kobject '%s'\n", grp->name, kobj->name);
        return;
    }
    for (int i = 0; grp->attrs && grp->attrs[i]; i++)
        remove_attr(dir, grp->attrs[i]->name);
    if (grp->name)
        k_.fs().remove(dir);
}

int Sysfs::create_groups(kobject *kobj, const attribute_group *const *groups, const void *caller)
{
    if (!groups)
        return 0;
    for (int i = 0; groups[i]; i++) {
        int err = create_group(kobj, groups[i], caller);
        if (!err)
            continue;
        while (--i >= 0)                      // undo the groups made before
            remove_group(kobj, groups[i]);
        return err;
    }
    return 0;
}

void Sysfs::remove_groups(kobject *kobj, const attribute_group *const *groups)
{
    for (int i = 0; groups && groups[i]; i++)
        remove_group(kobj, groups[i]);
}

void Sysfs::notify(kobject *kobj, const char *dir, const char *attr)
{
    Node *n = kobj ? dir_of(kobj) : nullptr;
    if (n && dir)
        n = n->child(dir);
    if (n && attr)
        n = n->child(attr);
    if (n && n->kind == NodeKind::File && n->fops == &attr_fops)
        static_cast<AttrFile *>(n->inode->i_private)->events++;
}

unsigned Sysfs::notifications(const kobject *kobj, const std::string &rel) const
{
    Node *n = k_.fs().lookup(path_of(kobj) + "/" + rel);
    return n && n->fops == &attr_fops ? static_cast<AttrFile *>(n->inode->i_private)->events : 0;
}

}  // namespace kshim

extern "C" {

// kobj_sysfs_ops: a kobj_attribute's show/store, -EIO where it has none.
static ssize_t kobj_attr_show(struct kobject *kobj, struct attribute *attr, char *buf)
{
    auto *ka = container_of(attr, struct kobj_attribute, attr);
    return ka->show ? ka->show(kobj, ka, buf) : -EIO;
}

static ssize_t kobj_attr_store(struct kobject *kobj, struct attribute *attr, const char *buf, size_t count)
{
    auto *ka = container_of(attr, struct kobj_attribute, attr);
    return ka->store ? ka->store(kobj, ka, buf, count) : -EIO;
}

const struct sysfs_ops kobj_sysfs_ops = {kobj_attr_show, kobj_attr_store};

// Appends "KEY=value" to a uevent's environment; -ENOMEM (and a WARN) when it is full. Atomic-safe.
int add_uevent_var(struct kobj_uevent_env *env, const char *format, ...)
{
    if (env->envp_idx >= (int)ARRAY_SIZE(env->envp)) {
        WARN(1, KERN_ERR "add_uevent_var: too many keys\n");
        return -ENOMEM;
    }
    va_list args;
    va_start(args, format);
    int room = (int)sizeof(env->buf) - env->buflen;
    int len = kshim_vsnprintf(&env->buf[env->buflen], room, format, args);
    va_end(args);
    if (len >= room) {
        WARN(1, KERN_ERR "add_uevent_var: buffer size too small\n");
        return -ENOMEM;
    }
    env->envp[env->envp_idx++] = &env->buf[env->buflen];
    env->buflen += len + 1;
    return 0;
}

}  // extern "C"
