// Test helpers that search a kernel log: count matching lines, find a line by prefix or by its whole text.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kshim::testing {
class TestKernel;
}

namespace kshim_test {

// All of these run on the test's side (the host thread, outside any kernel task) and only read.

// The lines of a run's console output, each without its "[    1.234567] " timestamp.
std::vector<std::string> texts_of(const std::string &out);
// How many finalized log texts of k contain `needle`.
size_t count_lines(const kshim::testing::TestKernel &k, const std::string &needle);
// The index of the first line at or after `from` that starts with `prefix`; lines.size() if none.
size_t index_of(const std::vector<std::string> &lines, const std::string &prefix, size_t from = 0);
// The index of the first line equal to `text`, or -1 if there is none.
long find_line(const std::vector<std::string> &lines, const std::string &text);

}  // namespace kshim_test
