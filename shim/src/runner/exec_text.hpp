// Text the --exec commands print as busybox does: printf's formatting, echo -e's escapes, ls's columns.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kshim {

// busybox printf FORMAT ARGS: the format is reused while arguments remain. Messages for bad
// numbers ("invalid number 'x'") go to *errors, one per line, without the "sh: " prefix.
// Pure: any context.
std::string busybox_printf(const std::string &format, const std::vector<std::string> &args,
                           std::vector<std::string> *errors);

// echo -e's and printf's backslash escapes in s; *stop set where \c ends the output. Pure.
std::string expand_escapes(std::string_view s, bool *stop = nullptr);

// busybox ls's listing of names on a terminal `width` columns wide: sorted, column by column,
// each column as wide as the longest name plus two. Pure.
std::string ls_columns(std::vector<std::string> names, unsigned width = 80);

}  // namespace kshim
