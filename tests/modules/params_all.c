/* params_all: one module parameter of each type; init prints the values it was given. */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

static int num = 7;
module_param(num, int, 0644);
MODULE_PARM_DESC(num, "An int");

static unsigned int mask = 0x2a;
module_param(mask, hexint, 0644);
MODULE_PARM_DESC(mask, "A hexint");

static bool flag;
module_param(flag, bool, 0644);

static bool inv;
module_param(inv, invbool, 0644);

static char *name = "none";
module_param(name, charp, 0644);

static int arr[3] = {1, 2, 3};
static unsigned int arr_n;
module_param_array(arr, int, &arr_n, 0644);

static char label[8] = "lbl";
module_param_string(label, label, sizeof(label), 0644);

static long big = -1;
module_param(big, long, 0644);

static unsigned short small = 1;
module_param(small, ushort, 0644);

static int __init params_all_init(void)
{
	pr_info("params_all: num=%d mask=%#x flag=%d inv=%d name=%s\n", num, mask, flag, inv, name);
	pr_info("params_all: arr_n=%u arr=%d,%d,%d label=%s big=%ld small=%hu\n", arr_n, arr[0], arr[1],
		arr[2], label, big, small);
	return 0;
}

static void __exit params_all_exit(void)
{
	pr_info("params_all: exit\n");
}

module_init(params_all_init);
module_exit(params_all_exit);
MODULE_LICENSE("GPL");
