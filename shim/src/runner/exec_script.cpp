// The --exec parser: sh's quoting and operators for one line, then each command's operands checked.
#include "runner/exec_script.hpp"

#include <algorithm>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

namespace kshim {

namespace {

// A lexical token of one line: a word (quotes removed) or an operator.
enum class Tok : uint8_t { Word, Amp, Gt, GtGt };

struct Token {
    Tok kind;
    std::string text;
};

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Characters sh gives a meaning kshim does not implement (outside quotes).
bool unsupported(char c) { return std::strchr("|<()`$*?[;{}~", c) != nullptr; }

// Reads a quoted part starting at s[i] (a quote); appends its text. False if unterminated.
bool read_quoted(std::string_view s, size_t &i, std::string &out)
{
    const char q = s[i++];
    while (i < s.size() && s[i] != q) {
        if (q == '"' && s[i] == '\\' && i + 1 < s.size() && std::strchr("\"\\$`", s[i + 1]))
            ++i;   // inside "", a backslash quotes only these
        else if (q == '"' && (s[i] == '$' || s[i] == '`'))
            return false;
        out += s[i++];
    }
    if (i >= s.size())
        return false;
    ++i;
    return true;
}

// Splits one line into tokens; returns an error message or empty.
std::string tokenize(std::string_view s, std::vector<Token> &out)
{
    size_t i = 0;
    while (i < s.size()) {
        if (is_blank(s[i])) {   // between words
            ++i;
            continue;
        }
        if (s.compare(i, 4, "2>&1") == 0 && (i + 4 == s.size() || is_blank(s[i + 4]))) {
            i += 4;   // errors to where output goes: the console already is both
            continue;
        }
        if (s[i] == '&') {   // background operator ('&&' is not ours)
            if (i + 1 < s.size() && s[i + 1] == '&')
                return "'&&' is not supported";
            out.push_back({Tok::Amp, "&"});
            ++i;
            continue;
        }
        if (s[i] == '>') {   // redirection: '>' or '>>'
            bool twice = i + 1 < s.size() && s[i + 1] == '>';
            out.push_back({twice ? Tok::GtGt : Tok::Gt, twice ? ">>" : ">"});
            i += twice ? 2 : 1;
            continue;
        }
        if (s[i] == '#')
            return "comments ('#') are not supported";
        std::string word;   // a word: quoted parts, escaped characters and plain ones, up to a blank or operator
        while (i < s.size() && !is_blank(s[i]) && s[i] != '&' && s[i] != '>') {
            if (s[i] == '\'' || s[i] == '"') {
                if (!read_quoted(s, i, word))
                    return "unterminated quote or unsupported $ or ` inside \"\"";
            } else if (s[i] == '\\') {
                if (++i >= s.size())
                    return "a trailing backslash";
                word += s[i++];
            } else if (unsupported(s[i])) {
                return std::string("unsupported shell syntax '") + s[i] + "'";
            } else {
                word += s[i++];
            }
        }
        out.push_back({Tok::Word, word});
    }
    return {};
}

// A decimal (or, with base 0, C-style) unsigned number filling all of s.
bool to_ulong(const std::string &s, unsigned long &out, int base = 10)
{
    if (s.empty() || s[0] == '-' || s[0] == '+')
        return false;
    char *end = nullptr;
    errno = 0;
    unsigned long long v = std::strtoull(s.c_str(), &end, base);
    if (*end || errno)
        return false;
    out = v;
    return true;
}

// A number with dd's multiplier suffixes (c w b k K M G).
bool to_size(const std::string &s, uint64_t &out)
{
    static const struct { const char *sfx; uint64_t mul; } sfx[] = {
        {"c", 1}, {"w", 2}, {"b", 512}, {"kB", 1000}, {"k", 1024}, {"K", 1024},
        {"MB", 1000000}, {"M", 1048576}, {"GB", 1000000000}, {"G", 1073741824},
    };
    size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9')
        ++digits;
    unsigned long v;
    if (!to_ulong(s.substr(0, digits), v))
        return false;
    uint64_t mul = 1;
    if (digits < s.size()) {
        const std::string rest = s.substr(digits);
        mul = 0;
        for (auto &x : sfx)
            if (rest == x.sfx)
                mul = x.mul;
        if (!mul)
            return false;
    }
    out = v * mul;
    return true;
}

// sleep's SECONDS: a decimal with an optional fraction and an s/m/h/d suffix.
bool to_sleep_ns(const std::string &s, uint64_t &ns)
{
    if (s.empty() || !(std::isdigit((unsigned char)s[0]) || s[0] == '.'))
        return false;
    char *end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    const std::string unit(end);
    double mul = unit.empty() || unit == "s" ? 1 : unit == "m" ? 60 : unit == "h" ? 3600 : unit == "d" ? 86400 : 0;
    if (!mul || !std::isfinite(v) || v * mul > 1e9)
        return false;
    ns = (uint64_t)std::llround(v * mul * 1e9);
    return true;
}

std::string check_cat(ExecCommand &c)
{
    return c.args.empty() ? "cat needs a FILE" : "";
}

// head [-c N | -n N | -cN | -nN] FILE
std::string check_head(ExecCommand &c)
{
    std::vector<std::string> files;
    for (size_t i = 0; i < c.args.size(); ++i) {
        const std::string &a = c.args[i];
        if (a.size() < 2 || a[0] != '-') {
            files.push_back(a);
            continue;
        }
        if (a[1] != 'c' && a[1] != 'n')
            return "head takes -c N or -n N";
        c.head_bytes = a[1] == 'c';
        std::string n = a.size() > 2 ? a.substr(2) : i + 1 < c.args.size() ? c.args[++i] : "";
        unsigned long v;
        if (!to_ulong(n, v))
            return "head: invalid number '" + n + "'";
        c.count = v;
    }
    if (files.size() != 1)
        return "head takes one FILE";
    c.args = files;
    return {};
}

// echo's leading options: words of only n, e and E after a '-' (as busybox's echo).
std::string check_echo(ExecCommand &c)
{
    size_t i = 0;
    for (; i < c.args.size(); ++i) {
        const std::string &a = c.args[i];
        if (a.size() < 2 || a[0] != '-' || a.find_first_not_of("neE", 1) != std::string::npos)
            break;
        for (char f : a.substr(1)) {
            c.no_newline |= f == 'n';
            c.escapes = f == 'e' ? true : f == 'E' ? false : c.escapes;
        }
    }
    c.args.erase(c.args.begin(), c.args.begin() + i);
    return {};
}

std::string check_printf(ExecCommand &c)
{
    return c.args.empty() ? "printf needs a FORMAT" : "";
}

std::string check_ls(ExecCommand &c)
{
    if (c.args.size() != 1 || (c.args[0].size() > 1 && c.args[0][0] == '-'))
        return "ls takes one DIR (no options)";
    return {};
}

// mknod PATH c MAJOR MINOR
std::string check_mknod(ExecCommand &c)
{
    unsigned long ma, mi;
    if (c.args.size() != 4 || c.args[1] != "c")
        return "mknod takes PATH c MAJOR MINOR (character devices only)";
    if (!to_ulong(c.args[2], ma) || !to_ulong(c.args[3], mi) || ma > 4095 || mi > 1048575)
        return "mknod: invalid MAJOR or MINOR";
    c.major = (unsigned)ma;
    c.minor = (unsigned)mi;
    c.args.resize(1);
    return {};
}

std::string check_sleep(ExecCommand &c)
{
    if (c.args.size() != 1 || !to_sleep_ns(c.args[0], c.sleep_ns))
        return "sleep takes one SECONDS (fractions and s/m/h/d allowed)";
    return {};
}

// One dd operand KEY=VALUE; returns an error or empty.
std::string dd_operand(ExecCommand &c, const std::string &a)
{
    const size_t eq = a.find('=');
    const std::string key = a.substr(0, eq), v = eq == std::string::npos ? "" : a.substr(eq + 1);
    uint64_t n = 0;
    if (eq == std::string::npos)
        return "dd takes KEY=VALUE operands, not '" + a + "'";
    if (key == "if" || key == "of") {
        (key == "if" ? c.dd_if : c.dd_of) = v;
        return v.empty() ? "dd: empty " + key + "=" : "";
    }
    if ((key != "bs" && key != "count" && key != "skip") || !to_size(v, n))
        return "dd: invalid operand '" + a + "' (if= of= bs= count= skip=)";
    if (key == "bs" && (n == 0 || n > (64u << 20)))
        return "dd: bs must be from 1 to 64M";
    if (key == "bs")
        c.bs = n;
    else if (key == "count")
        c.dd_count = n;
    else
        c.skip = n;
    return {};
}

std::string check_dd(ExecCommand &c)
{
    for (const std::string &a : c.args)
        if (std::string e = dd_operand(c, a); !e.empty())
            return e;
    return c.dd_if.empty() ? "dd needs if=FILE (there is no standard input)" : "";
}

// ioctl FILE NR [ARG]: ARG a number (by value) or x:HEX (a user buffer holding those bytes).
std::string check_ioctl(ExecCommand &c)
{
    if (c.args.size() < 2 || c.args.size() > 3 || !to_ulong(c.args[1], c.nr, 0) || c.nr > 0xffffffffu)
        return "ioctl takes FILE NR [ARG] (NR a 32-bit number; ARG a number or x:HEX)";
    if (c.args.size() == 3 && c.args[2].rfind("x:", 0) == 0) {
        const std::string hex = c.args[2].substr(2);
        if (hex.empty() || hex.size() % 2 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
            return "ioctl: x:HEX needs an even number of hex digits";
        std::string bytes;
        for (size_t i = 0; i < hex.size(); i += 2)
            bytes += (char)std::strtoul(hex.substr(i, 2).c_str(), nullptr, 16);
        c.buf = bytes;
    } else if (c.args.size() == 3 && !to_ulong(c.args[2], c.value, 0)) {
        return "ioctl: ARG must be a number or x:HEX";
    }
    c.args.resize(1);
    return {};
}

struct CommandInfo {
    const char *name;
    ExecOp op;
    std::string (*check)(ExecCommand &);
};
constexpr CommandInfo kCommands[] = {
    {"cat", ExecOp::Cat, check_cat},       {"head", ExecOp::Head, check_head},
    {"echo", ExecOp::Echo, check_echo},    {"printf", ExecOp::Printf, check_printf},
    {"ls", ExecOp::Ls, check_ls},          {"mknod", ExecOp::Mknod, check_mknod},
    {"sleep", ExecOp::Sleep, check_sleep}, {"dd", ExecOp::Dd, check_dd},
    {"ioctl", ExecOp::Ioctl, check_ioctl},
};

// The words of one command (between '&'s), redirection taken out, checked. Error or empty.
std::string make_command(const std::vector<Token> &toks, const std::vector<std::string> &programs, ExecCommand &c)
{
    std::vector<std::string> words;
    for (size_t i = 0; i < toks.size(); ++i) {
        if (toks[i].kind == Tok::Word) {
            words.push_back(toks[i].text);
            continue;
        }
        if (i + 1 >= toks.size() || toks[i + 1].kind != Tok::Word || toks[i + 1].text.empty())
            return "'" + toks[i].text + "' needs a FILE";
        if (!c.redirect.empty())
            return "one redirection per command";
        c.append = toks[i].kind == Tok::GtGt;
        c.redirect = toks[++i].text;
    }
    if (words.empty())
        return "a redirection without a command";
    if (std::find(programs.begin(), programs.end(), words[0]) != programs.end()) {
        c.op = ExecOp::User;   // a --user program: in the oracle's /bin before busybox's applets
        c.args.assign(words.begin(), words.end());
        return {};
    }
    for (const CommandInfo &ci : kCommands)
        if (words[0] == ci.name) {
            c.op = ci.op;
            c.args.assign(words.begin() + 1, words.end());
            return ci.check(c);
        }
    return "unknown command '" + words[0] + "' (built in: cat head echo printf ls mknod sleep dd ioctl)";
}

// One line: tokens split at '&' into commands. Error or empty.
std::string parse_line(std::string_view text, const std::vector<std::string> &programs, ExecLine &line)
{
    std::vector<Token> toks;
    if (std::string e = tokenize(text, toks); !e.empty())
        return e;
    std::vector<Token> cur;
    for (size_t i = 0; i <= toks.size(); ++i) {
        const bool amp = i < toks.size() && toks[i].kind == Tok::Amp;
        if (i < toks.size() && !amp) {
            cur.push_back(toks[i]);
            continue;
        }
        if (cur.empty() && amp)
            return "'&' without a command before it";
        if (cur.empty())
            break;
        ExecCommand c;
        c.background = amp;
        if (std::string e = make_command(cur, programs, c); !e.empty())
            return e;
        line.commands.push_back(std::move(c));
        cur.clear();
    }
    if (line.commands.empty())   // only "2>&1": a redirection with nothing to run
        return "a redirection without a command";
    line.commands.back().err_to_out = true;
    return {};
}

}  // namespace

ExecParse parse_exec_script(std::string_view text, const std::vector<std::string> &programs)
{
    ExecParse out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t semi = text.find_first_of(";\n", start);   // the oracle's shell reads lines too
        if (semi == std::string_view::npos)
            semi = text.size();
        std::string_view entry = text.substr(start, semi - start);
        start = semi + 1;
        while (!entry.empty() && entry.front() == ' ')
            entry.remove_prefix(1);   // as the oracle's sed 's/^ *//'
        if (entry.find_first_not_of(" \t\r\n") == std::string_view::npos)
            continue;
        ExecLine line;
        line.text = std::string(entry);
        if (std::string e = parse_line(entry, programs, line); !e.empty()) {
            out.error = "--exec: '" + line.text + "': " + e;
            out.script = {};
            return out;
        }
        out.script.lines.push_back(std::move(line));
    }
    if (out.script.lines.empty())
        out.error = "--exec: no command given";
    return out;
}

}  // namespace kshim
