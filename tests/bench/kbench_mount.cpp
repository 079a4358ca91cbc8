// Benchmark (issue 10): cat of a 64-byte /proc file through kshim-run --mount, against cat of a 64-byte tmpfs file, same run.
#include <signal.h>
#include <sys/stat.h>

#include <fstream>
#include <string>
#include <vector>

#include "bench_util.hpp"

namespace {

constexpr int kRounds = 60;

bool exists(const std::string &p)
{
    struct stat st;
    return stat(p.c_str(), &st) == 0;
}

// Starts kshim-run with the 64-byte /proc file under mnt; its pid, or -1.
pid_t start_kshim(const std::string &mnt)
{
    std::string ko = std::string(KSHIM_BENCH_MODULES) + "/mount_files.ko";
    const char *argv[] = {KSHIM_BENCH_RUN, ko.c_str(), "quiet=1", "--mount", mnt.c_str(), nullptr};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int r = posix_spawn(&pid, argv[0], &fa, nullptr, const_cast<char **>(argv), environ);
    posix_spawn_file_actions_destroy(&fa);
    return r == 0 ? pid : -1;
}

}  // namespace

int main()
{
    char tmpl[] = "/tmp/kbench-mount.XXXXXX";
    std::string mnt = mkdtemp(tmpl);
    std::string shm = "/dev/shm/kbench-mount-64";
    std::ofstream(shm) << std::string(63, 'x') << '\n';
    pid_t k = start_kshim(mnt);
    const std::string proc = mnt + "/proc/kshim_mount64";
    for (int i = 0; i < 100 && k > 0 && !exists(proc); ++i)
        usleep(100000);
    if (k <= 0 || !exists(proc)) {
        std::printf("kbench_mount: SKIP: --mount did not come up here (no FUSE?)\n");
        if (k > 0)
            kill(k, SIGKILL);
        return 0;
    }
    std::vector<double> via_mount, via_tmpfs;
    for (int i = 0; i < kRounds; ++i) {   // alternated, so that load hits both alike
        via_mount.push_back(bench::run_child({"/bin/cat", proc}, "/dev/null").wall_ns / 1e3);
        via_tmpfs.push_back(bench::run_child({"/bin/cat", shm}, "/dev/null").wall_ns / 1e3);
    }
    kill(k, SIGINT);
    int st;
    waitpid(k, &st, 0);
    unlink(shm.c_str());
    rmdir(mnt.c_str());
    const double m = bench::median(via_mount), t = bench::median(via_tmpfs);
    std::printf("kbench_mount: cat of a 64-byte /proc file through --mount: %.0f us (median of %d)\n", m, kRounds);
    std::printf("kbench_mount: peer cat of a 64-byte tmpfs file: %.0f us (ratio %.2fx)\n", t, m / t);
    return bench::verdict("kbench_mount", m < 3 * t, "cat through --mount within 3x of cat on tmpfs");
}
