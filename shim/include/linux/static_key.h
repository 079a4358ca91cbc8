/* Static keys under their old header name: everything is in linux/jump_label.h. */
#ifndef _STATIC_KEY_H
#define _STATIC_KEY_H

#include "linux/jump_label.h"

#endif
