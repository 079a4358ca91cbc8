// Test helpers that search a kernel log (see log_match.hpp).
#include "support/log_match.hpp"

#include "kshim/testing.hpp"
#include "support/subprocess.hpp"

namespace kshim_test {

std::vector<std::string> texts_of(const std::string &out)
{
    std::vector<std::string> v;
    for (const std::string &l : lines_of(out))
        v.push_back(strip_timestamp(l));
    return v;
}

size_t count_lines(const kshim::testing::TestKernel &k, const std::string &needle)
{
    size_t n = 0;
    for (const std::string &t : k.log_texts())
        if (t.find(needle) != std::string::npos)
            ++n;
    return n;
}

size_t index_of(const std::vector<std::string> &lines, const std::string &prefix, size_t from)
{
    for (size_t i = from; i < lines.size(); ++i)
        if (lines[i].rfind(prefix, 0) == 0)
            return i;
    return lines.size();
}

long find_line(const std::vector<std::string> &lines, const std::string &text)
{
    for (size_t i = 0; i < lines.size(); ++i)
        if (lines[i] == text)
            return (long)i;
    return -1;
}

}  // namespace kshim_test
