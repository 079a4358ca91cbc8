/*
 * Device tree. Debian's x86 6.1 is built without CONFIG_OF: there is no tree, and every lookup is
 * 6.1's inline fallback (NULL, false or -ENOSYS), which is exactly what these are.
 */
#ifndef _LINUX_OF_H
#define _LINUX_OF_H

#include "linux/types.h"
#include "linux/bitops.h"
#include "linux/errno.h"
#include "linux/kobject.h"
#include "linux/mod_devicetable.h"
#include "linux/spinlock.h"
#include "linux/list.h"
#ifndef __cplusplus	/* the rest of what Linux 6.1's header includes (tests/lib/header_closure.txt) */
#include "asm/errno.h"
#endif

typedef u32 phandle;

struct fwnode_handle;

struct property {
	char *name;
	int length;
	void *value;
	struct property *next;
};

struct device_node {
	const char *name;
	u32 phandle;	
	const char *full_name;
	struct property *properties;
	struct property *deleted;
	struct device_node *parent;
	struct device_node *child;
	struct device_node *sibling;
	unsigned long _flags;
	void *data;
};

#define of_match_ptr(_ptr)	NULL
#define of_match_node(_matches, _node)	NULL

static inline struct device_node *of_node_get(struct device_node *node) { return node; }
static inline void of_node_put(struct device_node *node) { (void)node; }
static inline struct device_node *of_find_node_by_name(struct device_node *from, const char *name)
{ (void)from; (void)name; return NULL; }
static inline struct device_node *of_find_node_by_path(const char *path) { (void)path; return NULL; }
static inline struct device_node *of_find_compatible_node(struct device_node *from, const char *type,
							  const char *compat)
{ (void)from; (void)type; (void)compat; return NULL; }
static inline struct device_node *of_get_parent(const struct device_node *node) { (void)node; return NULL; }
static inline struct device_node *of_get_next_child(const struct device_node *node, struct device_node *prev)
{ (void)node; (void)prev; return NULL; }
static inline struct device_node *of_get_child_by_name(const struct device_node *node, const char *name)
{ (void)node; (void)name; return NULL; }
static inline int of_device_is_compatible(const struct device_node *device, const char *compat)
{ (void)device; (void)compat; return 0; }
static inline bool of_device_is_available(const struct device_node *device) { (void)device; return false; }
static inline struct property *of_find_property(const struct device_node *np, const char *name, int *lenp)
{ (void)np; (void)name; (void)lenp; return NULL; }
static inline const void *of_get_property(const struct device_node *node, const char *name, int *lenp)
{ (void)node; (void)name; (void)lenp; return NULL; }
static inline bool of_property_read_bool(const struct device_node *np, const char *propname)
{ (void)np; (void)propname; return false; }
static inline int of_property_read_u32_array(const struct device_node *np, const char *propname,
					     u32 *out_values, size_t sz)
{ (void)np; (void)propname; (void)out_values; (void)sz; return -ENOSYS; }
static inline int of_property_read_u32(const struct device_node *np, const char *propname, u32 *out_value)
{ return of_property_read_u32_array(np, propname, out_value, 1); }
static inline int of_property_read_u64(const struct device_node *np, const char *propname, u64 *out_value)
{ (void)np; (void)propname; (void)out_value; return -ENOSYS; }
static inline int of_property_read_string(const struct device_node *np, const char *propname,
					  const char **out_string)
{ (void)np; (void)propname; (void)out_string; return -ENOSYS; }
static inline int of_property_count_elems_of_size(const struct device_node *np, const char *propname,
						  int elem_size)
{ (void)np; (void)propname; (void)elem_size; return -ENOSYS; }
static inline bool of_have_populated_dt(void) { return false; }

#define for_each_child_of_node(parent, child) \
	for (child = of_get_next_child(parent, NULL); child != NULL; child = of_get_next_child(parent, child))
#define for_each_compatible_node(dn, type, compatible) \
	for (dn = of_find_compatible_node(NULL, type, compatible); dn; dn = of_find_compatible_node(dn, type, compatible))

#ifndef __cplusplus	/* reached at the end, as in Linux 6.1 (tests/lib/header_closure.txt) */
#include "linux/cleanup.h"
#endif

#endif
