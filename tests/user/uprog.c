/* A userspace program for tests/modules/user_prog.c (kshim-run --user, kernel-oracle --user): every call it makes, with what it returned. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../modules/user_prog.h"

#define DEV "/dev/kshim_user"

static void show(const char *what, long r)
{
	if (r < 0)
		printf("%s: %ld (%s)\n", what, r, strerror(errno));
	else
		printf("%s: %ld\n", what, r);
}

/* "uprog wait": one blocking read, woken by another process's write. */
static int wait_for_message(void)
{
	char buf[64] = { 0 };
	int fd = open(DEV, O_RDONLY);
	long n = read(fd, buf, sizeof(buf) - 1);

	show("wait read", n);
	printf("wait got: %s", buf);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct user_prog_fill fill;
	struct pollfd pfd;
	char buf[64];
	int fd, v = 41;
	char *page;

	if (argc > 1 && strcmp(argv[1], "wait") == 0)
		return wait_for_message();
	if (argc > 1 && strcmp(argv[1], "spin") == 0) {   /* its pid, one call, then only the host */
		printf("pid %d\n", (int)getpid());
		close(open(DEV, O_RDONLY));
		for (;;)
			pause();
	}
	if (argc > 1 && strcmp(argv[1], "pid") == 0) {   /* its pid, then a read nothing wakes */
		printf("pid %d\n", (int)getpid());
		return wait_for_message();
	}
	fd = open(DEV, O_RDWR);
	show("open", fd);
	show("double", ioctl(fd, USER_PROG_DOUBLE, 21));
	show("string", ioctl(fd, USER_PROG_STR, "hello from userspace"));
	memset(&fill, 0, sizeof(fill));
	show("fill", ioctl(fd, USER_PROG_FILL, &fill));
	printf("fill got: %d '%s'\n", fill.n, fill.text);
	show("get", ioctl(fd, USER_PROG_GET, &v));
	show("get at 8", ioctl(fd, USER_PROG_GET, (int *)8));
	show("fill at 8", ioctl(fd, USER_PROG_FILL, (void *)8));
	show("unknown", ioctl(fd, _IO('u', 99), 0));

	/* Two pages, the second given back: copies stop at its start. */
	page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(page + 4096, 4096);
	memcpy(page + 4096 - 6, "edge!", 6);
	show("write across", write(fd, page + 4096 - 6, 20));
	show("read across", read(fd, page + 4096 - 4, 20));
	printf("read across got: %.4s\n", page + 4096 - 4);
	memcpy(page + 4096 - 4, "wxyz", 4);
	show("string across", ioctl(fd, USER_PROG_STR, page + 4096 - 4));
	show("clear across", ioctl(fd, USER_PROG_CLEAR, page + 4096 - 10));
	show("get across", ioctl(fd, USER_PROG_GET, page + 4096 - 2));
	show("write unmapped", write(fd, page + 4096, 4));

	/* O_NONBLOCK through fcntl, and poll. */
	show("setfl", fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK));
	show("read empty", read(fd, buf, sizeof(buf)));
	pfd.fd = fd;
	pfd.events = POLLIN;
	show("poll empty", poll(&pfd, 1, 0));
	show("write", write(fd, "ping\n", 5));
	show("poll", poll(&pfd, 1, 0));
	printf("poll revents: %#x\n", pfd.revents);
	memset(buf, 0, sizeof(buf));
	show("read", read(fd, buf, sizeof(buf)));
	printf("read got: %s", buf);
	show("close", close(fd));
	show("open missing", open("/dev/kshim_none", O_RDONLY));
	return 3;
}
