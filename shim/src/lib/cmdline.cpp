// Option parsing of Linux 6.1's lib/cmdline.c for libkshim: get_option, get_options (ranges "a-b").
#include "linux/kernel.h"
#include "linux/kstrtox.h"

namespace {

// After get_option returned 3 at "a-b": *str is at the '-'; fills up to n values a..b-1 from
// *pint on and returns how many the range holds (b - a, which may be < 0).
int take_range(char **str, int *pint, int n)
{
    ++*str;
    int upper = (int)simple_strtol(*str, nullptr, 0);
    int count = upper - *pint;
    for (int x = *pint; n > 0 && x < upper; ++x, --n)
        *pint++ = x;
    return count;
}

}  // namespace

extern "C" {

// 0: no number at *str; 1: a number ends the string; 2: a number and a ',' (skipped); 3: a
// number and a '-' (a range follows). *str moves past what was read.
int get_option(char **str, int *pint)
{
    char *cur = *str;
    if (!cur || !*cur)
        return 0;
    bool negative = *cur == '-';
    if (negative)
        ++cur;
    unsigned long long v = simple_strtoull(cur, str, 0);
    if (pint)
        *pint = negative ? -(int)v : (int)v;
    if (*str == cur)
        return 0;
    if (**str == ',') {
        ++*str;
        return 2;
    }
    return **str == '-' ? 3 : 1;
}

// Stores the numbers and ranges of str at ints[1..nints-1] and their count at ints[0]. With
// nints 0 it only counts them (each value lands in ints[0] until the count does). Returns
// where it stopped.
char *get_options(const char *str, int nints, int *ints)
{
    const bool count_only = nints == 0;
    char *s = const_cast<char *>(str);
    int i = 1;
    while (i < nints || count_only) {
        int *pint = count_only ? ints : ints + i;
        int res = get_option(&s, pint);
        if (res == 0)
            break;
        if (res == 3) {
            int range = take_range(&s, pint, count_only ? 0 : nints - i);
            if (range < 0)
                break;
            i += range - 1;   // the range's upper end is the next round's number
        }
        ++i;
        if (res == 1)
            break;
    }
    ints[0] = i - 1;
    return s;
}

}  // extern "C"
