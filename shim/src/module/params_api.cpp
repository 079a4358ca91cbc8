// C API bridges for module parameters: the param_set_*/get_* ops and their kernel_param_ops (moduleparam.h).
#include "kernel.hpp"
#include "module/module.hpp"
#include "module/params.hpp"

#include "linux/moduleparam.h"

using kshim::Kernel;
using kshim::Params;

namespace {
Params &params() { return Kernel::get().modules().params(); }
}

extern "C" {

// Each bridge gives Params the parameter's variable as its C type (kp->arg); the ones that
// allocate or print an error line go through the current kernel's Params.
int param_set_byte(const char *val, const kernel_param *kp)
{
    return Params::set(val, static_cast<unsigned char *>(kp->arg));
}
int param_get_byte(char *buffer, const kernel_param *kp)
{
    return Params::get(buffer, *static_cast<unsigned char *>(kp->arg));
}
int param_set_short(const char *val, const kernel_param *kp)
{
    return Params::set(val, static_cast<short *>(kp->arg));
}
int param_get_short(char *buffer, const kernel_param *kp)
{
    return Params::get(buffer, *static_cast<short *>(kp->arg));
}
int param_set_ushort(const char *val, const kernel_param *kp)
{
    return Params::set(val, static_cast<unsigned short *>(kp->arg));
}
int param_get_ushort(char *buffer, const kernel_param *kp)
{
    return Params::get(buffer, *static_cast<unsigned short *>(kp->arg));
}
int param_set_int(const char *val, const kernel_param *kp)
{
    return Params::set(val, static_cast<int *>(kp->arg));
}
int param_get_int(char *buffer, const kernel_param *kp)
{
    return Params::get(buffer, *static_cast<int *>(kp->arg));
}
int param_set_uint(const char *val, const kernel_param *kp)
{
    return Params::set(val, static_cast<unsigned int *>(kp->arg));
}
int param_get_uint(char *buffer, const kernel_param *kp)
{
    return Params::get(buffer, *static_cast<unsigned int *>(kp->arg));
}
int param_set_long(const char *val, const kernel_param *kp)
{
    return Params::set(val, static_cast<long *>(kp->arg));
}
int param_get_long(char *buffer, const kernel_param *kp)
{
    return Params::get(buffer, *static_cast<long *>(kp->arg));
}
int param_set_ulong(const char *val, const kernel_param *kp)
{
    return Params::set(val, static_cast<unsigned long *>(kp->arg));
}
int param_get_ulong(char *buffer, const kernel_param *kp)
{
    return Params::get(buffer, *static_cast<unsigned long *>(kp->arg));
}
int param_set_ullong(const char *val, const kernel_param *kp)
{
    return Params::set(val, static_cast<unsigned long long *>(kp->arg));
}
int param_get_ullong(char *buffer, const kernel_param *kp)
{
    return Params::get(buffer, *static_cast<unsigned long long *>(kp->arg));
}
int param_set_hexint(const char *val, const kernel_param *kp)
{
    return Params::set(val, static_cast<unsigned int *>(kp->arg));
}
int param_get_hexint(char *buffer, const kernel_param *kp)
{
    return Params::get_hex(buffer, *static_cast<unsigned int *>(kp->arg));
}

const kernel_param_ops param_ops_byte = {0, param_set_byte, param_get_byte, nullptr};
const kernel_param_ops param_ops_short = {0, param_set_short, param_get_short, nullptr};
const kernel_param_ops param_ops_ushort = {0, param_set_ushort, param_get_ushort, nullptr};
const kernel_param_ops param_ops_int = {0, param_set_int, param_get_int, nullptr};
const kernel_param_ops param_ops_uint = {0, param_set_uint, param_get_uint, nullptr};
const kernel_param_ops param_ops_long = {0, param_set_long, param_get_long, nullptr};
const kernel_param_ops param_ops_ulong = {0, param_set_ulong, param_get_ulong, nullptr};
const kernel_param_ops param_ops_ullong = {0, param_set_ullong, param_get_ullong, nullptr};
const kernel_param_ops param_ops_hexint = {0, param_set_hexint, param_get_hexint, nullptr};

int param_set_charp(const char *val, const kernel_param *kp)
{
    return params().set_charp(val, kp);
}
int param_get_charp(char *buffer, const kernel_param *kp)
{
    return Params::get_string(buffer, *static_cast<char **>(kp->arg));
}
void param_free_charp(void *arg)
{
    params().free_charp(static_cast<char **>(arg));
}

const kernel_param_ops param_ops_charp = {0, param_set_charp, param_get_charp, param_free_charp};

int param_set_bool(const char *val, const kernel_param *kp)
{
    return Params::set_bool(val, static_cast<bool *>(kp->arg));
}
int param_get_bool(char *buffer, const kernel_param *kp)
{
    return Params::get_bool(buffer, *static_cast<bool *>(kp->arg));
}
int param_set_bool_enable_only(const char *val, const kernel_param *kp)
{
    return Params::set_bool_enable_only(val, static_cast<bool *>(kp->arg));
}
int param_set_invbool(const char *val, const kernel_param *kp)
{
    return Params::set_invbool(val, static_cast<bool *>(kp->arg));
}
int param_get_invbool(char *buffer, const kernel_param *kp)
{
    return Params::get_invbool(buffer, *static_cast<bool *>(kp->arg));
}
int param_set_bint(const char *val, const kernel_param *kp)
{
    return Params::set_bint(val, static_cast<int *>(kp->arg));
}

const kernel_param_ops param_ops_bool = {KERNEL_PARAM_OPS_FL_NOARG, param_set_bool, param_get_bool, nullptr};
const kernel_param_ops param_ops_bool_enable_only = {KERNEL_PARAM_OPS_FL_NOARG, param_set_bool_enable_only,
                                                     param_get_bool, nullptr};
const kernel_param_ops param_ops_invbool = {KERNEL_PARAM_OPS_FL_NOARG, param_set_invbool, param_get_invbool, nullptr};
const kernel_param_ops param_ops_bint = {KERNEL_PARAM_OPS_FL_NOARG, param_set_bint, param_get_int, nullptr};

int param_set_copystring(const char *val, const kernel_param *kp)
{
    return params().set_copystring(val, kp);
}
int param_get_string(char *buffer, const kernel_param *kp)
{
    return Params::get_string(buffer, kp->str->string);
}

const kernel_param_ops param_ops_string = {0, param_set_copystring, param_get_string, nullptr};

// Arrays: reached only through param_array_ops, as in the kernel.
static int param_array_set(const char *val, const kernel_param *kp)
{
    return params().set_array(val, kp);
}
static int param_array_get(char *buffer, const kernel_param *kp)
{
    return Params::get_array(buffer, kp);
}
static void param_array_free(void *arg)
{
    Params::free_array(static_cast<const kparam_array *>(arg));
}

const kernel_param_ops param_array_ops = {0, param_array_set, param_array_get, param_array_free};

}  // extern "C"
