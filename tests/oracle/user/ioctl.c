// The --exec command `ioctl FILE NR [ARG | x:HEX]` as a real program, for kernel-oracle --user: prints what kshim's prints.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned char buf[4096];
	size_t len = 0;
	unsigned long arg = 0;
	long r;
	int fd;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: ioctl FILE NR [ARG | x:HEX]\n");
		return 2;
	}
	if (argc == 4 && strncmp(argv[3], "x:", 2) == 0) {
		for (const char *h = argv[3] + 2; h[0] && h[1] && len < sizeof(buf); h += 2) {
			char two[3] = {h[0], h[1], 0};
			buf[len++] = (unsigned char)strtoul(two, NULL, 16);
		}
		arg = (unsigned long)buf;
	} else if (argc == 4) {
		arg = strtoul(argv[3], NULL, 0);
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "ioctl: can't open '%s': %s\n", argv[1], strerror(errno));
		return 1;
	}
	r = ioctl(fd, (unsigned long)strtoul(argv[2], NULL, 0), arg);
	if (r < 0) {
		fprintf(stderr, "ioctl: %s: %s\n", argv[1], strerror(errno));
		close(fd);
		return 1;
	}
	printf("ioctl: returned %ld\n", r);
	if (len) {
		printf("ioctl: x:");
		for (size_t i = 0; i < len; i++)
			printf("%02x", buf[i]);
		printf("\n");
	}
	fflush(stdout);
	close(fd);
	return 0;
}
