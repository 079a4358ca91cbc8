/* Test module: the configuration a module sees (kbuild's forced linux/kconfig.h), printed for comparison with the real kernel. */
#include <linux/module.h>
#include <linux/kernel.h>

static int __init kconfig_branches_init(void)
{
	pr_info("kconfig_branches: MODULES %d SMP %d 64BIT %d X86_64 %d\n", IS_ENABLED(CONFIG_MODULES),
		IS_ENABLED(CONFIG_SMP), IS_BUILTIN(CONFIG_64BIT), IS_REACHABLE(CONFIG_X86_64));
	pr_info("kconfig_branches: HZ %d HZ_250 %d\n", CONFIG_HZ, IS_ENABLED(CONFIG_HZ_250));
	pr_info("kconfig_branches: PROC_FS %d SYSFS %d DEBUG_FS %d GPIOLIB %d\n", IS_ENABLED(CONFIG_PROC_FS),
		IS_ENABLED(CONFIG_SYSFS), IS_ENABLED(CONFIG_DEBUG_FS), IS_ENABLED(CONFIG_GPIOLIB));
	pr_info("kconfig_branches: HIGH_RES_TIMERS %d PRINTK %d MODULE_UNLOAD %d\n",
		IS_ENABLED(CONFIG_HIGH_RES_TIMERS), IS_ENABLED(CONFIG_PRINTK), IS_ENABLED(CONFIG_MODULE_UNLOAD));
	pr_info("kconfig_branches: unset %d %d %d\n", IS_ENABLED(CONFIG_KSHIM_NO_SUCH_OPTION),
		IS_ENABLED(CONFIG_DEBUG_KMEMLEAK), IS_ENABLED(CONFIG_OF));
#ifdef CONFIG_MODULES
	pr_info("kconfig_branches: #ifdef CONFIG_MODULES taken\n");
#endif
#if defined(CONFIG_SMP) && CONFIG_NR_CPUS > 1
	pr_info("kconfig_branches: SMP with NR_CPUS %d\n", CONFIG_NR_CPUS);
#endif
	return 0;
}

static void __exit kconfig_branches_exit(void)
{
}

module_init(kconfig_branches_init);
module_exit(kconfig_branches_exit);
MODULE_LICENSE("GPL");
