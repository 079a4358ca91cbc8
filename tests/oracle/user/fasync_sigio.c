/* A process that asks for SIGIO on FILE (F_SETOWN, F_SETFL O_ASYNC), writes to it, and reports the signals it got: the fasync test's userspace side on the real kernel. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t sigio;

static void on_sigio(int sig)
{
	(void)sig;
	sigio++;
}

static void setfl(int fd, int flags)
{
	int r = fcntl(fd, F_SETFL, flags);

	printf("fasync_sigio: F_SETFL %s: %d\n", (flags & O_ASYNC) ? "O_ASYNC" : "0", r);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	int fd;
	char c[8];

	if (argc < 2)
		return 2;
	signal(SIGIO, on_sigio);
	fd = open(argv[1], O_RDWR);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	printf("fasync_sigio: F_SETOWN: %d\n", fcntl(fd, F_SETOWN, getpid()));
	setfl(fd, O_ASYNC);
	setfl(fd, O_ASYNC);   /* no change: no ->fasync call */
	printf("fasync_sigio: write: %zd\n", write(fd, "ab", 2));
	printf("fasync_sigio: SIGIO %d\n", (int)sigio);
	printf("fasync_sigio: read: %zd\n", read(fd, c, sizeof c));
	setfl(fd, 0);
	printf("fasync_sigio: write: %zd\n", write(fd, "c", 1));
	printf("fasync_sigio: SIGIO %d\n", (int)sigio);
	setfl(fd, O_ASYNC);
	printf("fasync_sigio: F_GETFL has O_ASYNC: %d\n", !!(fcntl(fd, F_GETFL) & O_ASYNC));
	fflush(stdout);
	close(fd);
	return 0;
}
