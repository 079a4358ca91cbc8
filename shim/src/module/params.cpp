// Module parameters: insmod-style parsing (the kernel's parse_args) and the param_ops types.
#include <cstring>
#include <string>
#include "kernel.hpp"
#include "mm/memory.hpp"
#include "module/module.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

#include "linux/kstrtox.h"
#include "linux/module.h"
#include "linux/moduleparam.h"
#include "linux/slab.h"

namespace kshim {

namespace {

bool param_eq(const char *a, const std::string &b)
{
    size_t i = 0;
    for (; a[i] && i < b.size(); ++i) {
        char x = a[i] == '-' ? '_' : a[i], y = b[i] == '-' ? '_' : b[i];
        if (x != y)
            return false;
    }
    return !a[i] && i == b.size();
}

}  // namespace

int Modules::parse_params(Module &m, const std::vector<std::string> &params)
{
    const kernel_param *kp = m.mod->kp;
    for (const std::string &arg : params) {
        size_t eq = arg.find('=');
        std::string name = arg.substr(0, eq);
        bool has_val = eq != std::string::npos;
        std::string val = has_val ? arg.substr(eq + 1) : std::string();
        if (val.size() >= 2 && val.front() == '"' && val.back() == '"')
            val = val.substr(1, val.size() - 2);
        const kernel_param *p = nullptr;
        for (unsigned i = 0; i < m.mod->num_kp; ++i)
            if (param_eq(kp[i].name, name))
                p = &kp[i];
        if (!p) {
            k_.log().emit(4, strprintf("%s: unknown parameter '%s' ignored", m.name.c_str(), name.c_str()));
            continue;
        }
        int err = -EINVAL;
        if (has_val || (p->ops->flags & KERNEL_PARAM_OPS_FL_NOARG))
            err = p->ops->set(has_val ? val.c_str() : nullptr, p);
        if (err == -ENOSPC) {
            k_.log().emit(3, strprintf("%s: `%s' too large for parameter `%s'", m.name.c_str(), val.c_str(), name.c_str()));
            return err;
        }
        if (err) {
            k_.log().emit(3, strprintf("%s: `%s' invalid for parameter `%s'", m.name.c_str(), val.c_str(), name.c_str()));
            return err;
        }
    }
    return 0;
}

void Modules::free_params(Module &m)
{
    for (unsigned i = 0; i < m.mod->num_kp; ++i) {
        const kernel_param &p = m.mod->kp[i];
        if (p.ops->free)
            p.ops->free(p.arg);
    }
}

}  // namespace kshim

using kshim::Kernel;

namespace {

// The kernel's STANDARD_PARAM_DEF: set with kstrto*(val, 0), get with a printf format.
template <class T, int (*Parse)(const char *, unsigned int, T *)>
int set_num(const char *val, const kernel_param *kp)
{
    return Parse(val, 0, static_cast<T *>(kp->arg));
}

template <class T>
int get_num(char *buffer, const kernel_param *kp, const char *fmt)
{
    return scnprintf(buffer, 4096, fmt, *static_cast<T *>(kp->arg));
}

int kstrtoshort(const char *s, unsigned int base, short *res) { return kstrtos16(s, base, res); }
int kstrtoushort(const char *s, unsigned int base, unsigned short *res) { return kstrtou16(s, base, res); }
int kstrtobyte(const char *s, unsigned int base, unsigned char *res) { return kstrtou8(s, base, res); }

void free_charp(void *arg)
{
    char **p = static_cast<char **>(arg);
    Kernel *k = Kernel::active();
    if (*p && k && k->mm().find(*p))
        k->mm().kfree(*p, 0);
    *p = nullptr;
}

}  // namespace

extern "C" {

#define KSHIM_STD_PARAM(name, type, fmt, parse)                                                  \
    int param_set_##name(const char *val, const kernel_param *kp) { return set_num<type, parse>(val, kp); } \
    int param_get_##name(char *buffer, const kernel_param *kp) { return get_num<type>(buffer, kp, fmt "\n"); } \
    const kernel_param_ops param_ops_##name = {0, param_set_##name, param_get_##name, nullptr};

KSHIM_STD_PARAM(byte, unsigned char, "%hhu", kstrtobyte)
KSHIM_STD_PARAM(short, short, "%hi", kstrtoshort)
KSHIM_STD_PARAM(ushort, unsigned short, "%hu", kstrtoushort)
KSHIM_STD_PARAM(int, int, "%i", kstrtoint)
KSHIM_STD_PARAM(uint, unsigned int, "%u", kstrtouint)
KSHIM_STD_PARAM(long, long, "%li", kstrtol)
KSHIM_STD_PARAM(ulong, unsigned long, "%lu", kstrtoul)
KSHIM_STD_PARAM(ullong, unsigned long long, "%llu", kstrtoull)
KSHIM_STD_PARAM(hexint, unsigned int, "%#08x", kstrtouint)

int param_set_charp(const char *val, const kernel_param *kp)
{
    if (strnlen(val, 1024) >= 1024) {
        Kernel::get().log().emit(3, kshim::strprintf("%s: string parameter too long", kp->name));
        return -ENOSPC;
    }
    free_charp(kp->arg);
    size_t n = std::strlen(val) + 1;
    char *copy = static_cast<char *>(Kernel::get().mm().kmalloc(n, GFP_KERNEL, 0));
    if (!copy)
        return -ENOMEM;
    std::memcpy(copy, val, n);
    *static_cast<char **>(kp->arg) = copy;
    return 0;
}

int param_get_charp(char *buffer, const kernel_param *kp)
{
    return scnprintf(buffer, 4096, "%s\n", *static_cast<char **>(kp->arg));
}

void param_free_charp(void *arg) { free_charp(arg); }

const kernel_param_ops param_ops_charp = {0, param_set_charp, param_get_charp, param_free_charp};

int param_set_bool(const char *val, const kernel_param *kp)
{
    return kstrtobool(val ? val : "1", static_cast<bool *>(kp->arg));
}

int param_get_bool(char *buffer, const kernel_param *kp)
{
    return scnprintf(buffer, 4096, "%c\n", *static_cast<bool *>(kp->arg) ? 'Y' : 'N');
}

const kernel_param_ops param_ops_bool = {KERNEL_PARAM_OPS_FL_NOARG, param_set_bool, param_get_bool, nullptr};

int param_set_bool_enable_only(const char *val, const kernel_param *kp)
{
    bool v;
    int err = kstrtobool(val ? val : "1", &v);
    if (err)
        return err;
    if (!v && *static_cast<bool *>(kp->arg))
        return -EROFS;
    *static_cast<bool *>(kp->arg) = v;
    return 0;
}

const kernel_param_ops param_ops_bool_enable_only = {KERNEL_PARAM_OPS_FL_NOARG, param_set_bool_enable_only,
                                                     param_get_bool, nullptr};

int param_set_invbool(const char *val, const kernel_param *kp)
{
    bool v;
    int err = kstrtobool(val ? val : "1", &v);
    if (!err)
        *static_cast<bool *>(kp->arg) = !v;
    return err;
}

int param_get_invbool(char *buffer, const kernel_param *kp)
{
    return scnprintf(buffer, 4096, "%c\n", *static_cast<bool *>(kp->arg) ? 'N' : 'Y');
}

const kernel_param_ops param_ops_invbool = {KERNEL_PARAM_OPS_FL_NOARG, param_set_invbool, param_get_invbool, nullptr};

int param_set_bint(const char *val, const kernel_param *kp)
{
    bool v;
    int err = kstrtobool(val ? val : "1", &v);
    if (!err)
        *static_cast<int *>(kp->arg) = v;
    return err;
}

const kernel_param_ops param_ops_bint = {KERNEL_PARAM_OPS_FL_NOARG, param_set_bint, param_get_int, nullptr};

int param_set_copystring(const char *val, const kernel_param *kp)
{
    const kparam_string *kps = kp->str;
    if (std::strlen(val) + 1 > kps->maxlen) {
        Kernel::get().log().emit(3, kshim::strprintf("%s: string doesn't fit in %u chars.", kp->name, kps->maxlen - 1));
        return -ENOSPC;
    }
    std::strcpy(kps->string, val);
    return 0;
}

int param_get_string(char *buffer, const kernel_param *kp)
{
    return scnprintf(buffer, 4096, "%s\n", kp->str->string);
}

const kernel_param_ops param_ops_string = {0, param_set_copystring, param_get_string, nullptr};

// Comma-separated values, each set through the element type's ops.
static int param_array_set(const char *val, const kernel_param *kp)
{
    const kparam_array *arr = kp->arr;
    unsigned int count = 0;
    std::string all = val ? val : "";
    size_t pos = 0;
    for (;;) {
        if (count == arr->max) {
            Kernel::get().log().emit(3, kshim::strprintf("%s: can only take %i arguments", kp->name, (int)arr->max));
            return -EINVAL;
        }
        size_t comma = all.find(',', pos);
        std::string item = all.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        kernel_param elem{kp->name, kp->mod, arr->ops, kp->perm, kp->level, kp->flags, {}};
        elem.arg = static_cast<char *>(arr->elem) + (size_t)arr->elemsize * count;
        int err = arr->ops->set(item.c_str(), &elem);
        if (err)
            return err;
        ++count;
        if (comma == std::string::npos)
            break;
        pos = comma + 1;
    }
    if (arr->num)
        *arr->num = count;
    return 0;
}

static int param_array_get(char *buffer, const kernel_param *kp)
{
    const kparam_array *arr = kp->arr;
    unsigned int n = arr->num ? *arr->num : arr->max;
    int off = 0;
    for (unsigned int i = 0; i < n; ++i) {
        kernel_param elem{kp->name, kp->mod, arr->ops, kp->perm, kp->level, kp->flags, {}};
        elem.arg = static_cast<char *>(arr->elem) + (size_t)arr->elemsize * i;
        if (i)
            buffer[off - 1] = ',';
        off += arr->ops->get(buffer + off, &elem);
    }
    return off;
}

static void param_array_free(void *arg)
{
    const kparam_array *arr = static_cast<const kparam_array *>(arg);
    if (arr->ops->free)
        for (unsigned int i = 0; i < (arr->num ? *arr->num : arr->max); ++i)
            arr->ops->free(static_cast<char *>(arr->elem) + (size_t)arr->elemsize * i);
}

const kernel_param_ops param_array_ops = {0, param_array_set, param_array_get, param_array_free};

}  // extern "C"
