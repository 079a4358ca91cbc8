/* Prints the numbering that modules compile in (ioctl, dev_t, open/poll flags, syscalls, uts, creds) to compare with Linux 6.1. */
#include <linux/module.h>
#include <linux/init.h>
#include <linux/ioctl.h>
#include <linux/kdev_t.h>
#include <linux/fcntl.h>
#include <linux/poll.h>
#include <linux/fs.h>
#include <linux/cred.h>
#include <linux/uidgid.h>
#include <linux/utsname.h>
#include <linux/unistd.h>
#include <linux/miscdevice.h>
#include <linux/kallsyms.h>
#include <linux/input.h>
#include <asm/page.h>

struct numbers_msg {
	int len;
	char text[100];
};

#define NUMBERS_MAGIC 'k'
#define NUMBERS_RESET _IO(NUMBERS_MAGIC, 0)
#define NUMBERS_GET _IOR(NUMBERS_MAGIC, 1, struct numbers_msg)
#define NUMBERS_SET _IOW(NUMBERS_MAGIC, 2, int)
#define NUMBERS_XCHG _IOWR(NUMBERS_MAGIC, 3, long)

static void show_ioctl(const char *name, unsigned int cmd)
{
	pr_info("%s=%#x dir=%u type=%c nr=%u size=%u\n", name, cmd, _IOC_DIR(cmd), _IOC_TYPE(cmd),
		_IOC_NR(cmd), _IOC_SIZE(cmd));
}

static int __init uapi_numbers_init(void)
{
	dev_t dev = MKDEV(240, 1048575);

	show_ioctl("reset", NUMBERS_RESET);
	show_ioctl("get", NUMBERS_GET);
	show_ioctl("set", NUMBERS_SET);
	show_ioctl("xchg", NUMBERS_XCHG);
	pr_info("dev=%#x major=%u minor=%u new=%#x old=%d back=%#x\n", dev, MAJOR(dev), MINOR(dev),
		new_encode_dev(dev), old_valid_dev(dev), new_decode_dev(new_encode_dev(dev)));
	pr_info("O_NONBLOCK=%#o O_APPEND=%#o O_CLOEXEC=%#o O_ACCMODE=%#o\n", O_NONBLOCK, O_APPEND,
		O_CLOEXEC, O_ACCMODE);
	pr_info("POLLIN=%#x POLLRDNORM=%#x EPOLLRDHUP=%#x FMODE_WRITE=%#x\n", POLLIN, POLLRDNORM,
		(unsigned int)EPOLLRDHUP, (unsigned int)FMODE_WRITE);
	pr_info("PAGE_SIZE=%lu KSYM_NAME_LEN=%d MISC_DYNAMIC_MINOR=%d\n", PAGE_SIZE, KSYM_NAME_LEN,
		MISC_DYNAMIC_MINOR);
	pr_info("__NR_read=%d __NR_openat=%d __NR_getpid=%d\n", __NR_read, __NR_openat, __NR_getpid);
	pr_info("EV_KEY=%d KEY_A=%d BTN_LEFT=%#x\n", EV_KEY, KEY_A, BTN_LEFT);
	pr_info("sysname=%s machine=%s domain=%s\n", init_uts_ns.name.sysname, utsname()->machine,
		utsname()->domainname);
	pr_info("uid=%u euid=%u root=%d\n", __kuid_val(current_uid()), from_kuid(&init_user_ns, current_euid()),
		uid_eq(current_uid(), GLOBAL_ROOT_UID));
	return 0;
}

static void __exit uapi_numbers_exit(void)
{
	pr_info("uapi_numbers: bye\n");
}

module_init(uapi_numbers_init);
module_exit(uapi_numbers_exit);
MODULE_LICENSE("GPL");
