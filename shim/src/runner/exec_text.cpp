// busybox's printf, echo -e escapes and ls columns, as the --exec transcript must show them.
#include "runner/exec_text.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace kshim {

namespace {

// One octal (up to 3 digits) or \xHH escape at s[i] (just past the backslash and its letter).
char numeric_escape(std::string_view s, size_t &i, int base, size_t max_digits)
{
    unsigned v = 0;
    for (size_t n = 0; n < max_digits && i < s.size(); ++n, ++i) {
        const char c = s[i];
        int d = -1;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (std::isxdigit((unsigned char)c))
            d = std::tolower((unsigned char)c) - 'a' + 10;
        if (d < 0 || d >= base)
            break;
        v = v * base + d;
    }
    return (char)v;
}

// A number argument as printf's %d takes it: decimal, 0x, 0 octal, or 'c (a character's code).
long long number_arg(const std::string &a, bool is_unsigned, std::vector<std::string> *errors)
{
    if (a.empty())
        return 0;   // a missing argument
    if (a[0] == '\'' || a[0] == '"')
        return a.size() > 1 ? (unsigned char)a[1] : 0;
    char *end = nullptr;
    errno = 0;
    long long v = is_unsigned && a.find('-') == std::string::npos ? (long long)std::strtoull(a.c_str(), &end, 0)
                                                                  : std::strtoll(a.c_str(), &end, 0);
    if (*end || errno) {
        if (errors)
            errors->push_back("invalid number '" + a + "'");
        return end == a.c_str() ? 0 : v;
    }
    return v;
}

// One conversion %[flags][width][.prec]C at fmt[i] ('%' already consumed): its text, taking
// arguments from args[ai] on. i is left past the conversion letter.
std::string convert(const std::string &fmt, size_t &i, const std::vector<std::string> &args, size_t &ai,
                    std::vector<std::string> *errors)
{
    auto next = [&]() -> std::string { return ai < args.size() ? args[ai++] : std::string(); };
    std::string spec = "%";
    while (i < fmt.size() && std::strchr("-+ #0", fmt[i]))
        spec += fmt[i++];
    for (int part = 0; part < 2; ++part) {   // width, then .precision
        if (part == 1 && (i >= fmt.size() || fmt[i] != '.'))
            break;
        if (part == 1)
            spec += fmt[i++];
        if (i < fmt.size() && fmt[i] == '*') {
            spec += std::to_string((int)number_arg(next(), false, errors));
            ++i;
        }
        while (i < fmt.size() && std::isdigit((unsigned char)fmt[i]))
            spec += fmt[i++];
    }
    if (i >= fmt.size())
        return spec;   // busybox prints an incomplete conversion as it is
    const char conv = fmt[i++];
    char out[4096];
    if (conv == 's' || conv == 'b') {
        std::string a = next();
        if (conv == 'b')
            a = expand_escapes(a);
        std::snprintf(out, sizeof out, (spec + "s").c_str(), a.c_str());
    } else if (conv == 'c') {
        std::string a = next();
        std::snprintf(out, sizeof out, (spec + "c").c_str(), a.empty() ? '\0' : a[0]);
    } else if (std::strchr("di", conv)) {
        std::snprintf(out, sizeof out, (spec + "lld").c_str(), number_arg(next(), false, errors));
    } else if (std::strchr("ouxX", conv)) {
        std::snprintf(out, sizeof out, (spec + "ll" + conv).c_str(), (unsigned long long)number_arg(next(), true, errors));
    } else if (std::strchr("eEfgG", conv)) {
        std::string a = next();
        std::snprintf(out, sizeof out, (spec + conv).c_str(), a.empty() ? 0.0 : std::strtod(a.c_str(), nullptr));
    } else {
        return spec + conv;
    }
    return out;
}

// One pass over the format; returns its text, *stop set by \c.
std::string one_pass(const std::string &fmt, const std::vector<std::string> &args, size_t &ai,
                     std::vector<std::string> *errors, bool *stop)
{
    std::string out;
    for (size_t i = 0; i < fmt.size() && !*stop;) {
        if (fmt[i] == '%' && i + 1 < fmt.size() && fmt[i + 1] == '%') {
            out += '%';
            i += 2;
        } else if (fmt[i] == '%') {
            ++i;
            out += convert(fmt, i, args, ai, errors);
        } else if (fmt[i] == '\\') {
            size_t j = i + 1;
            while (j < fmt.size() && fmt[j] != '\\' && fmt[j] != '%')
                ++j;
            out += expand_escapes(std::string_view(fmt).substr(i, j - i), stop);
            i = j;
        } else {
            out += fmt[i++];
        }
    }
    return out;
}

}  // namespace

std::string expand_escapes(std::string_view s, bool *stop)
{
    static const char from[] = "abfnrtv\\", to[] = "\a\b\f\n\r\t\v\\";
    std::string out;
    for (size_t i = 0; i < s.size();) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out += s[i++];
            continue;
        }
        const char c = s[i + 1];
        i += 2;
        if (const char *p = std::strchr(from, c); p && c) {
            out += to[p - from];
        } else if (c == 'c') {
            if (stop)
                *stop = true;
            return out;
        } else if (c == '0' || (c >= '1' && c <= '7')) {
            if (c != '0')
                --i;   // \NNN: the first digit is part of the number
            out += numeric_escape(s, i, 8, 3);
        } else if (c == 'x') {
            out += numeric_escape(s, i, 16, 2);
        } else {
            out += '\\';
            out += c;
        }
    }
    return out;
}

std::string busybox_printf(const std::string &format, const std::vector<std::string> &args,
                           std::vector<std::string> *errors)
{
    std::string out;
    size_t ai = 0;
    bool stop = false;
    do {
        const size_t before = ai;
        out += one_pass(format, args, ai, errors, &stop);
        if (ai == before)
            break;   // a format that takes no argument is printed once
    } while (ai < args.size() && !stop);
    return out;
}

std::string ls_columns(std::vector<std::string> names, unsigned width)
{
    std::sort(names.begin(), names.end());
    if (names.empty())
        return {};
    size_t colw = 0;
    for (const std::string &n : names)
        colw = std::max(colw, n.size());
    colw += 2;
    size_t ncols = std::max<size_t>(1, width / colw);
    const size_t nrows = (names.size() + ncols - 1) / ncols;
    std::string out;
    for (size_t row = 0; row < nrows; ++row) {
        size_t column = 0;
        for (size_t col = 0; col < ncols; ++col) {
            const size_t i = col * nrows + row;
            if (i >= names.size())
                continue;
            if (col)
                out.append(col * colw - column, ' ');
            column = col * colw;
            out += names[i];
            column += names[i].size();
        }
        out += '\n';
    }
    return out;
}

}  // namespace kshim
