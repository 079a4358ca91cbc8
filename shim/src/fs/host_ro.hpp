// --host-ro HOSTPATH[:KSHIMPATH]: one host file shown read-only in kshim's namespace, the only way host files get in.
#pragma once

#include <string>

namespace kshim {

class Vfs;

// Maps the regular file `host` at the absolute path `at` of kshim's namespace (its missing
// directories are made): opens read it (each open takes the file's contents then, through a
// descriptor opened now, so a later rename or symlink on the host cannot point it elsewhere),
// kernel_read reads it, and an open for writing is -EROFS. Only that one file is reachable.
// Returns "" or why not ("not a regular file", "already exists in kshim's namespace", the
// open's error). Process context, before insmod.
std::string map_host_ro(Vfs &v, const std::string &host, const std::string &at);

}  // namespace kshim
