/* combo's helper object: built with its own CFLAGS_helper.o. */
#include <linux/module.h>
#include "combo.h"

int combo_scale(int x)
{
#ifdef COMBO_GREETING
	return x * HELPER_FACTOR;
#else
	return -1;
#endif
}
