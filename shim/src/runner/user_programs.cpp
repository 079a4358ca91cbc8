// The runner's --user programs: each PROG.c compiled with the host's cc into a run's own directory.
#include "runner/user_programs.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

extern char **environ;

namespace kshim {

namespace fs = std::filesystem;

namespace {

bool is_c_source(const std::string &p) { return p.size() > 2 && p.compare(p.size() - 2, 2, ".c") == 0; }

// cc -O1 -o exe src, its messages on our stderr. Returns whether it built.
bool compile(const std::string &src, const std::string &exe)
{
    const char *cc = std::getenv("CC");
    std::string compiler = cc && *cc ? cc : "cc";
    std::vector<std::string> args = {compiler, "-O1", "-o", exe, src};
    std::vector<char *> argv;
    for (std::string &a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid;
    if (posix_spawnp(&pid, compiler.c_str(), nullptr, nullptr, argv.data(), environ))
        return false;
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

}  // namespace

std::string user_program_name(const std::string &path)
{
    std::string base = fs::path(path).filename().string();
    return is_c_source(base) ? base.substr(0, base.size() - 2) : base;
}

UserBuild::~UserBuild()
{
    std::error_code ec;
    if (!dir_.empty())
        fs::remove_all(dir_, ec);
}

std::string UserBuild::build(std::vector<UserProgram> &progs)
{
    for (UserProgram &p : progs) {
        if (!is_c_source(p.source)) {
            if (access(p.source.c_str(), X_OK))
                return "--user " + p.source + ": not an executable file (give PROG.c or a program)";
            p.exe = fs::absolute(p.source).string();
            continue;
        }
        if (dir_.empty()) {
            std::string tmpl = (fs::temp_directory_path() / "kshim-user-XXXXXX").string();
            if (!mkdtemp(tmpl.data()))
                return "--user: cannot make a build directory";
            dir_ = tmpl;
        }
        p.exe = dir_ + "/" + p.name;
        if (!compile(p.source, p.exe))
            return "--user " + p.source + ": the program does not build";
    }
    return {};
}

}  // namespace kshim
