// Tests that cannot run in a sanitizer build (KSHIM_SANITIZE) say so and why, then pass as skipped.
#pragma once

#include <catch2/catch.hpp>

namespace kshim::testing {

#if defined(__SANITIZE_ADDRESS__) || defined(KSHIM_SANITIZE_ADDRESS)
inline constexpr bool kAsan = true;
#else
inline constexpr bool kAsan = false;
#endif
#if defined(KSHIM_SANITIZE_UNDEFINED)
inline constexpr bool kUbsan = true;
#else
inline constexpr bool kUbsan = false;
#endif

}  // namespace kshim::testing

// At the top of a TEST_CASE: in an ASan build, report the reason and end the case.
#define KSHIM_SKIP_UNDER_ASAN(reason)                            \
    do {                                                         \
        if (kshim::testing::kAsan) {                             \
            INTERNAL_CATCH_MSG("WARN", Catch::ResultWas::Warning, Catch::ResultDisposition::ContinueOnFailure, "skipped in the ASan build: " reason); \
            return;                                              \
        }                                                        \
    } while (0)
// The same for any sanitizer build (ASan or UBSan).
#define KSHIM_SKIP_UNDER_SANITIZERS(reason)                      \
    do {                                                         \
        if (kshim::testing::kAsan || kshim::testing::kUbsan) {   \
            INTERNAL_CATCH_MSG("WARN", Catch::ResultWas::Warning, Catch::ResultDisposition::ContinueOnFailure, "skipped in a sanitizer build: " reason); \
            return;                                              \
        }                                                        \
    } while (0)
// At the top of a TEST_CASE that checks the ASan build itself: in other builds, say so and end.
#define KSHIM_ONLY_UNDER_ASAN()                                  \
    do {                                                         \
        if (!kshim::testing::kAsan) {                            \
            INTERNAL_CATCH_MSG("WARN", Catch::ResultWas::Warning, Catch::ResultDisposition::ContinueOnFailure, "runs only in the ASan build (KSHIM_SANITIZE=address)"); \
            return;                                              \
        }                                                        \
    } while (0)
// The same for a case that checks the UBSan build itself.
#define KSHIM_ONLY_UNDER_UBSAN()                                 \
    do {                                                         \
        if (!kshim::testing::kUbsan) {                           \
            INTERNAL_CATCH_MSG("WARN", Catch::ResultWas::Warning, Catch::ResultDisposition::ContinueOnFailure, "runs only in the UBSan build (KSHIM_SANITIZE=undefined)"); \
            return;                                              \
        }                                                        \
    } while (0)
