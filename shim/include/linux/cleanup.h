/* Scope-based cleanup: __free(), CLASS(), guard() and scoped_guard() (6.1.y stable, as Debian's 6.1 headers carry it). */
#ifndef __LINUX_GUARDS_H
#define __LINUX_GUARDS_H

#include "linux/compiler.h"

#ifndef __cleanup
#define __cleanup(func)	__attribute__((__cleanup__(func)))
#endif

/*
 * Every form below rests on GCC's cleanup attribute: a variable declared with it has a
 * function called on its address when it goes out of scope, whichever way the scope is left.
 */

/* DEFINE_FREE(name, type, free): __free(name) on a variable of type runs `free` on it (_T). */
#define DEFINE_FREE(_name, _type, _free)					\
	static inline void __free_##_name(void *__kshim_p)			\
	{ _type _T = *(_type *)__kshim_p; _free; }
#define __free(_name)	__cleanup(__free_##_name)

/* Takes ownership back from a __free() variable: its value, the variable set to NULL. */
#define no_free_ptr(p)	({ __auto_type __kshim_ptr = (p); (p) = NULL; __kshim_ptr; })
#define return_ptr(p)	return no_free_ptr(p)

/* DEFINE_CLASS(name, type, exit, init, args...): CLASS(name, var)(args) makes var = init and
 * runs exit (with _T = var) when var's scope ends. */
#define DEFINE_CLASS(_name, _type, _exit, _init, _init_args...)		\
	typedef _type class_##_name##_t;					\
	static inline void class_##_name##_destructor(_type *__kshim_p)	\
	{ _type _T = *__kshim_p; _exit; }					\
	static inline _type class_##_name##_constructor(_init_args)		\
	{ _type __kshim_t = _init; return __kshim_t; }

/* EXTEND_CLASS(name, ext, init, args...): class name##ext, same type and exit, another init. */
#define EXTEND_CLASS(_name, ext, _init, _init_args...)				\
	typedef class_##_name##_t class_##_name##ext##_t;			\
	static inline void class_##_name##ext##_destructor(class_##_name##_t *__kshim_p) \
	{ class_##_name##_destructor(__kshim_p); }				\
	static inline class_##_name##_t class_##_name##ext##_constructor(_init_args) \
	{ class_##_name##_t __kshim_t = _init; return __kshim_t; }

#define CLASS(_name, var)							\
	class_##_name##_t var __cleanup(class_##_name##_destructor) =		\
		class_##_name##_constructor

/* DEFINE_GUARD(name, type, lock, unlock): a class whose value is the lock pointer _T. */
#define DEFINE_GUARD(_name, _type, _lock, _unlock)				\
	DEFINE_CLASS(_name, _type, _unlock, ({ _lock; _T; }), _type _T)

/* guard(name)(args): held until the end of the enclosing scope. */
#define guard(_name)	CLASS(_name, __UNIQUE_ID(guard))

/* scoped_guard(name, args) stmt: held for stmt only (a one-pass for loop owns the guard). */
#define scoped_guard(_name, args...)						\
	for (CLASS(_name, scope)(args), *done = NULL; !done; done = (__typeof__(done))1)

/*
 * Lock guards for locks with no pointer type (the _0 form: RCU, preemption) or that need more
 * state than the pointer (the _1 form's extra members, e.g. irqsave's flags). The guard is a
 * struct whose .lock is the lock (or (void *)1); _lock and _unlock see it as the pointer _T.
 */
#define __DEFINE_UNLOCK_GUARD(_name, _type, _unlock, ...)			\
	typedef struct {							\
		_type *lock;							\
		__VA_ARGS__;							\
	} class_##_name##_t;							\
	static inline void class_##_name##_destructor(class_##_name##_t *_T)	\
	{									\
		if (_T->lock) {							\
			_unlock;						\
		}								\
	}

#define __DEFINE_LOCK_GUARD_1(_name, _type, _lock)				\
	static inline class_##_name##_t class_##_name##_constructor(_type *__kshim_l) \
	{									\
		class_##_name##_t __kshim_g = {};				\
		class_##_name##_t *_T = &__kshim_g;				\
		__kshim_g.lock = __kshim_l;					\
		_lock;								\
		return __kshim_g;						\
	}

#define __DEFINE_LOCK_GUARD_0(_name, _lock)					\
	static inline class_##_name##_t class_##_name##_constructor(void)	\
	{									\
		class_##_name##_t __kshim_g = {};				\
		class_##_name##_t *_T __maybe_unused = &__kshim_g;		\
		__kshim_g.lock = (void *)1;					\
		_lock;								\
		return __kshim_g;						\
	}

#define DEFINE_LOCK_GUARD_1(_name, _type, _lock, _unlock, ...)			\
	__DEFINE_UNLOCK_GUARD(_name, _type, _unlock, __VA_ARGS__)		\
	__DEFINE_LOCK_GUARD_1(_name, _type, _lock)

#define DEFINE_LOCK_GUARD_0(_name, _lock, _unlock, ...)				\
	__DEFINE_UNLOCK_GUARD(_name, void, _unlock, __VA_ARGS__)		\
	__DEFINE_LOCK_GUARD_0(_name, _lock)

#endif
