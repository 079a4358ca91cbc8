// Fuzz target: the runner's --exec script parser (shim/src/runner/exec_script.cpp) on any text.
//
// Input: the script text itself. The parser must return either an error message or a script
// whose every line has commands and whose echo text came from the input.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "runner/exec_script.hpp"

namespace {

void require(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz_exec_script: %s\n", what);
        std::abort();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    kshim::ExecParse p = kshim::parse_exec_script(text);
    if (!p.error.empty())
        return 0;  // a usage error: nothing runs
    for (const kshim::ExecLine &line : p.script.lines) {
        require(!line.commands.empty(), "a line without commands");
        require(line.text.size() <= size, "an echo text longer than the input");
        for (const kshim::ExecCommand &c : line.commands)
            require(!c.append || !c.redirect.empty(), ">> without a file");
    }
    return 0;
}
