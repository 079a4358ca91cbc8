// Module parameters: insmod-style parsing (the kernel's parse_args) and the Params ops behind module_param().
#include <cstdarg>
#include <cstring>
#include <string>
#include <string_view>
#include "kernel.hpp"
#include "mm/memory.hpp"
#include "module/module.hpp"
#include "module/params.hpp"
#include "printk/format.hpp"
#include "printk/kstrtox.hpp"
#include "printk/log.hpp"
#include "printk/strprintf.hpp"

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

// The numbers: kstrto*(val, 0) to set, the type's printf format to get.
int Params::set(const char *val, unsigned char *v) { return kstrtou8(val, 0, v); }
int Params::set(const char *val, short *v) { return kstrtos16(val, 0, v); }
int Params::set(const char *val, unsigned short *v) { return kstrtou16(val, 0, v); }
int Params::set(const char *val, int *v) { return kstrtoint(val, 0, v); }
int Params::set(const char *val, unsigned int *v) { return kstrtouint(val, 0, v); }
int Params::set(const char *val, long *v) { return kstrtol(val, 0, v); }
int Params::set(const char *val, unsigned long *v) { return kstrtoul(val, 0, v); }
int Params::set(const char *val, unsigned long long *v) { return kstrtoull(val, 0, v); }

int Params::get(char *buffer, unsigned char v) { return print(buffer, "%hhu\n", v); }
int Params::get(char *buffer, short v) { return print(buffer, "%hi\n", v); }
int Params::get(char *buffer, unsigned short v) { return print(buffer, "%hu\n", v); }
int Params::get(char *buffer, int v) { return print(buffer, "%i\n", v); }
int Params::get(char *buffer, unsigned int v) { return print(buffer, "%u\n", v); }
int Params::get(char *buffer, long v) { return print(buffer, "%li\n", v); }
int Params::get(char *buffer, unsigned long v) { return print(buffer, "%lu\n", v); }
int Params::get(char *buffer, unsigned long long v) { return print(buffer, "%llu\n", v); }
int Params::get_hex(char *buffer, unsigned int v) { return print(buffer, "%#08x\n", v); }

int Params::set_bool(const char *val, bool *v) { return kstrtobool(val ? val : "1", v); }

int Params::set_bool_enable_only(const char *val, bool *v)
{
    bool want;
    if (int err = set_bool(val, &want))
        return err;
    if (!want && *v)
        return -EROFS;
    *v = want;
    return 0;
}

int Params::set_invbool(const char *val, bool *v)
{
    bool parsed;
    int err = set_bool(val, &parsed);
    if (!err)
        *v = !parsed;
    return err;
}

int Params::set_bint(const char *val, int *v)
{
    bool parsed;
    int err = set_bool(val, &parsed);
    if (!err)
        *v = parsed;
    return err;
}

int Params::get_bool(char *buffer, bool v) { return print(buffer, "%c\n", v ? 'Y' : 'N'); }
int Params::get_invbool(char *buffer, bool v) { return get_bool(buffer, !v); }

int Params::set_charp(const char *val, const kernel_param *kp)
{
    // Up to 1024 characters fit, as on 6.1 (a 1024-character value loads; checked on the oracle).
    if (strnlen(val, 1025) > 1024) {
        k_.log().emit(3, strprintf("%s: string parameter too long", kp->name));
        return -ENOSPC;
    }
    char **slot = static_cast<char **>(kp->arg);
    free_charp(slot);
    size_t n = std::strlen(val) + 1;
    char *copy = static_cast<char *>(k_.mm().kmalloc(n, GFP_KERNEL, 0));
    if (!copy)
        return -ENOMEM;
    std::memcpy(copy, val, n);
    *slot = copy;
    return 0;
}

void Params::free_charp(char **p)
{
    if (*p && k_.mm().find(*p))
        k_.mm().kfree(*p, 0);
    *p = nullptr;
}

int Params::get_string(char *buffer, const char *s) { return print(buffer, "%s\n", s); }

int Params::set_copystring(const char *val, const kernel_param *kp)
{
    const kparam_string *kps = kp->str;
    if (std::strlen(val) + 1 > kps->maxlen) {
        k_.log().emit(3, strprintf("%s: string doesn't fit in %u chars.", kp->name, kps->maxlen - 1));
        return -ENOSPC;
    }
    std::strcpy(kps->string, val);
    return 0;
}

int Params::set_array(const char *val, const kernel_param *kp)
{
    const kparam_array *arr = kp->arr;
    std::string_view rest = val ? val : "";
    unsigned int n = 0;
    for (bool more = true; more; ++n) {
        if (n == arr->max) {
            k_.log().emit(3, strprintf("%s: can only take %i arguments", kp->name, (int)arr->max));
            return -EINVAL;
        }
        size_t comma = rest.find(',');
        more = comma != std::string_view::npos;
        std::string item(rest.substr(0, comma));  // NUL-terminated for the element op
        kernel_param elem = element(kp, n);
        if (int err = arr->ops->set(item.c_str(), &elem))
            return err;
        rest.remove_prefix(more ? comma + 1 : rest.size());
    }
    if (arr->num)
        *arr->num = n;
    return 0;
}

int Params::get_array(char *buffer, const kernel_param *kp)
{
    const unsigned int n = count(kp->arr);
    int off = 0;
    for (unsigned int i = 0; i < n; ++i) {
        kernel_param elem = element(kp, i);
        if (i)
            buffer[off - 1] = ',';  // the previous element's newline
        off += kp->arr->ops->get(buffer + off, &elem);
    }
    return off;
}

void Params::free_array(const kparam_array *arr)
{
    if (!arr->ops->free)
        return;
    const unsigned int n = count(arr);
    for (unsigned int i = 0; i < n; ++i)
        arr->ops->free(element_arg(arr, i));
}

int Params::print(char *buffer, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vscnformat(buffer, 4096, fmt, ap);  // PAGE_SIZE, as sysfs gives a show op
    va_end(ap);
    return n;
}

kernel_param Params::element(const kernel_param *kp, unsigned int i)
{
    kernel_param elem{kp->name, kp->mod, kp->arr->ops, kp->perm, kp->level, kp->flags, {}};
    elem.arg = element_arg(kp->arr, i);
    return elem;
}

void *Params::element_arg(const kparam_array *arr, unsigned int i)
{
    return static_cast<char *>(arr->elem) + (size_t)arr->elemsize * i;
}

unsigned int Params::count(const kparam_array *arr) { return arr->num ? *arr->num : arr->max; }

}  // namespace kshim
