/* The ioctl numbers of tests/modules/user_prog.c, shared with its program tests/user/uprog.c. */
#ifndef USER_PROG_H
#define USER_PROG_H

#include <linux/ioctl.h>

struct user_prog_fill {
	int n;
	char text[60];
};

#define USER_PROG_DOUBLE _IOWR('u', 1, int)            /* by value: returns arg * 2 */
#define USER_PROG_STR _IOW('u', 2, char *)             /* strncpy_from_user of 32 bytes */
#define USER_PROG_FILL _IOR('u', 3, struct user_prog_fill)
#define USER_PROG_GET _IOW('u', 4, int)                /* get_user, returns the value + 1 */
#define USER_PROG_CLEAR _IO('u', 5)                    /* clear_user of 100 bytes at arg */

#endif
