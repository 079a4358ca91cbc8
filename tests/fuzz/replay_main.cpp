// A plain main for a fuzz target: feeds every file of the given directories (or files) to its
// LLVMFuzzerTestOneInput once, so that the default build replays the corpora without libFuzzer.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv);

namespace {

// Runs one input through the target; a finding aborts (or the sanitizer reports) right here.
void replay(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replay %s (%zu bytes)\n", file.c_str(), bytes.size());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
}

// The files of dir in name order (a stable order for the log); dir itself when it is a file.
std::vector<std::filesystem::path> inputs(const std::filesystem::path &dir)
{
    if (!std::filesystem::is_directory(dir))
        return {dir};
    std::vector<std::filesystem::path> files;
    for (const auto &e : std::filesystem::directory_iterator(dir))
        if (e.is_regular_file())
            files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

// Usage: NAME_replay DIR-OR-FILE...; a DIR that does not exist is skipped (no regressions yet).
int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    unsigned n = 0;
    for (int i = 1; i < argc; ++i) {
        if (!std::filesystem::exists(argv[i]))
            continue;
        for (const auto &f : inputs(argv[i])) {
            replay(f);
            ++n;
        }
    }
    std::printf("%u inputs replayed without a finding\n", n);
    return n ? 0 : 1;  // an empty corpus checks nothing
}
