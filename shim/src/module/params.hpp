// The kernel_param_ops behind module_param(): numbers, bools, strings, charp copies and arrays.
#pragma once

struct kernel_param;
struct kparam_array;

namespace kshim {

class Kernel;

// What the param_set_*/param_get_*/param_free_* bridges do (kernel/params.c). Module code
// reaches them through the kernel_param_ops that module_param() names; Modules::parse_params
// calls the set ops at insmod (host context, before init) and free_params the free ops at
// rmmod. A setter returns 0 or a negative errno; a getter writes the value as sysfs shows it
// ("value\n") into a PAGE_SIZE buffer and returns the length written.
class Params {
public:
    explicit Params(Kernel &k) : k_(k) {}

    // Numbers (the kernel's STANDARD_PARAM_DEF): kstrto*(val, 0) into *v, which is left
    // untouched on -EINVAL or -ERANGE. Atomic-safe: no allocation, no kernel state.
    static int set(const char *val, unsigned char *v);
    static int set(const char *val, short *v);
    static int set(const char *val, unsigned short *v);
    static int set(const char *val, int *v);
    static int set(const char *val, unsigned int *v);
    static int set(const char *val, long *v);
    static int set(const char *val, unsigned long *v);
    static int set(const char *val, unsigned long long *v);
    // A number in its type's decimal format ("%hhu", "%hi", ... "%llu"). Atomic-safe.
    static int get(char *buffer, unsigned char v);
    static int get(char *buffer, short v);
    static int get(char *buffer, unsigned short v);
    static int get(char *buffer, int v);
    static int get(char *buffer, unsigned int v);
    static int get(char *buffer, long v);
    static int get(char *buffer, unsigned long v);
    static int get(char *buffer, unsigned long long v);
    // hexint: an unsigned int as "%#08x". Atomic-safe.
    static int get_hex(char *buffer, unsigned int v);

    // Bools take kstrtobool's words; no value (val NULL, the NOARG flag) means true.
    // All atomic-safe.
    static int set_bool(const char *val, bool *v);
    static int set_bool_enable_only(const char *val, bool *v);  // -EROFS for turning it off
    static int set_invbool(const char *val, bool *v);           // stores the inverse
    static int set_bint(const char *val, int *v);               // a bool kept in an int (0/1)
    static int get_bool(char *buffer, bool v);                  // "Y" or "N"
    static int get_invbool(char *buffer, bool v);               // "N" for true, "Y" for false

    // charp: *kp->arg becomes a kmalloc'd copy of val (at most 1023 characters, else -ENOSPC
    // with an error line), the previous copy freed. May sleep (GFP_KERNEL).
    int set_charp(const char *val, const kernel_param *kp);
    // Frees *p if it is a copy set_charp made (not the module's initial string) and clears
    // it. Atomic-safe.
    void free_charp(char **p);
    // charp and string parameters: the string itself. Atomic-safe.
    static int get_string(char *buffer, const char *s);
    // module_param_string: copies val into the module's own buffer, or -ENOSPC with an error
    // line if it does not fit. Atomic-safe.
    int set_copystring(const char *val, const kernel_param *kp);

    // Arrays: comma-separated values, each through the element type's ops. Setting refuses
    // more values than the array holds (-EINVAL with an error line) and stores the count in
    // *num. The calling context is the element ops' (may sleep for charp elements).
    int set_array(const char *val, const kernel_param *kp);
    static int get_array(char *buffer, const kernel_param *kp);  // "v1,v2,...\n"
    static void free_array(const kparam_array *arr);             // the element ops' free

private:
    // scnprintf into a getter's PAGE_SIZE buffer. Atomic-safe.
    static int print(char *buffer, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
    // Element i of an array parameter, as a kernel_param of its own for the element ops.
    static kernel_param element(const kernel_param *kp, unsigned int i);
    static void *element_arg(const kparam_array *arr, unsigned int i);  // where element i lives
    // How many elements the array holds now: *num, or all of them without a count.
    static unsigned int count(const kparam_array *arr);

    Kernel &k_;
};

}  // namespace kshim
