// The Catch2 main() that kshim::testing brings to a test executable (one with its own main does not pull it in).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

// explore()'s Catch2 listener lives in the glue: this reference keeps it in a static link.
namespace kshim::testing {
bool explore_probe_linked();
}
static const bool kshim_explore_probe = kshim::testing::explore_probe_linked();
