// Tests of the --mount point checks (fs/mount_point.cpp): only an empty directory of the caller's is taken.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "fs/fuse_mount.hpp"

namespace {

std::string temp_dir()
{
    char tmpl[] = "/tmp/kshim-mp.XXXXXX";
    return mkdtemp(tmpl);
}

}  // namespace

TEST_CASE("an empty directory of the caller's is a valid mount point", "[fs]")
{
    std::string d = temp_dir();
    CHECK(kshim::check_mount_point(d).empty());
    rmdir(d.c_str());
}

TEST_CASE("a mount point that is not an empty directory of the caller's is refused with the reason", "[fs]")
{
    std::string d = temp_dir();
    std::string file = d + "/file";
    std::ofstream(file) << "x";
    CHECK(kshim::check_mount_point(file) == "not a directory");
    CHECK(kshim::check_mount_point(d) == "not an empty directory");
    CHECK(kshim::check_mount_point(d + "/none") == "No such file or directory");
    std::string theirs = d + "/theirs";
    mkdir(theirs.c_str(), 0755);
    if (getuid() == 0 && chown(theirs.c_str(), 65534, 65534) == 0)
        CHECK(kshim::check_mount_point(theirs).rfind("not owned by you", 0) == 0);
    rmdir(theirs.c_str());
    unlink(file.c_str());
    rmdir(d.c_str());
}
