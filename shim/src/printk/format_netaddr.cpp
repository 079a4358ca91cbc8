// The kernel printf engine's network addresses: %pM/%pm MAC, %pI/%pi IPv4, IPv6 and sockaddr.
#include <fmt/format.h>

#include <cstdint>
#include <cstring>

#include "printk/format_impl.hpp"

namespace kshim::format_detail {

// ---- %pM %pm ----------------------------------------------------------------------------------

void mac_address_string(Sink &out, const unsigned char *addr, const Spec &spec, const char *fmt)
{
    if (!check_pointer(out, addr, spec))
        return;
    const bool reversed = fmt[1] == 'R';
    const char sep = fmt[1] == 'F' ? '-' : ':';
    Scratch s;
    for (int i = 0; i < 6; ++i) {
        s.hex_byte(addr[reversed ? 5 - i : i]);
        if (fmt[0] == 'M' && i != 5)
            s.put(sep);
    }
    string_nocheck(out, s.c_str(), spec);
}

// ---- %pI %pi ----------------------------------------------------------------------------------

namespace {

// Dotted quad; 'i' pads each part to 3 digits; order 'h'/'l' reverses the bytes (x86 host order).
void ip4_text(Scratch &s, const unsigned char *addr, char kind, char order)
{
    const bool reversed = order == 'h' || order == 'l';
    for (int i = 0; i < 4; ++i) {
        char text[4];
        const auto r = kind == 'i' ? fmt::format_to_n(text, 3, "{:03}", addr[reversed ? 3 - i : i])
                       : fmt::format_to_n(text, 3, "{}", addr[reversed ? 3 - i : i]);
        text[r.size] = '\0';
        s.puts(text);
        if (i < 3)
            s.put('.');
    }
}

// Big-endian 16-bit word i of an IPv6 address.
unsigned ip6_word(const unsigned char *addr, int i)
{
    return (static_cast<unsigned>(addr[2 * i]) << 8) | addr[2 * i + 1];
}

// Full form: eight 4-digit groups, colon separated for 'I', contiguous for 'i'.
void ip6_full_text(Scratch &s, const unsigned char *addr, char kind)
{
    for (int i = 0; i < 8; ++i) {
        s.hex_byte(addr[2 * i]);
        s.hex_byte(addr[2 * i + 1]);
        if (kind == 'I' && i != 7)
            s.put(':');
    }
}

// Whether the address should end in dotted IPv4 (v4-mapped or ISATAP).
bool ip6_has_ipv4_tail(const unsigned char *addr)
{
    bool mapped = true;
    for (int i = 0; i < 10; ++i)
        mapped = mapped && addr[i] == 0;
    mapped = mapped && addr[10] == 0xff && addr[11] == 0xff;
    const bool isatap = (addr[8] | 0x02) == 0x02 && addr[9] == 0 && addr[10] == 0x5e && addr[11] == 0xfe;
    return mapped || isatap;
}

// The longest run (of more than one) of zero words among the first `range`: its start, or -1.
int ip6_zero_run(const unsigned char *addr, int range, int &best_len)
{
    int best_pos = -1;
    best_len = 1;
    for (int i = 0; i < range; ++i) {
        int run = 0;
        while (i + run < range && ip6_word(addr, i + run) == 0)
            ++run;
        if (run > best_len) {
            best_len = run;
            best_pos = i;
        }
    }
    return best_pos;
}

// Appends word i in hex without leading zeros.
void ip6_word_text(Scratch &s, const unsigned char *addr, int i)
{
    char text[8];
    const auto r = fmt::format_to_n(text, 4, "{:x}", ip6_word(addr, i));
    text[r.size] = '\0';
    s.puts(text);
}

// RFC 5952 style: longest run (>1) of zero words becomes "::", no leading zeros.
void ip6_compressed_text(Scratch &s, const unsigned char *addr)
{
    const bool v4 = ip6_has_ipv4_tail(addr);
    const int range = v4 ? 6 : 8;
    int best_len;
    const int best_pos = ip6_zero_run(addr, range, best_len);
    bool need_colon = false;
    for (int i = 0; i < range; ++i) {
        if (i == best_pos) {
            if (need_colon || i == 0)
                s.put(':');
            s.put(':');
            need_colon = false;
            i += best_len - 1;
            continue;
        }
        if (need_colon)
            s.put(':');
        ip6_word_text(s, addr, i);
        need_colon = true;
    }
    if (v4) {
        if (need_colon)
            s.put(':');
        ip4_text(s, addr + 12, 'I', 0);
    }
}

// Appends a number formatted with the caller's spec (the kernel does so for ports etc.).
void append_number(Scratch &s, unsigned long long v, const Spec &spec)
{
    char text[64];
    Sink sink(text, sizeof(text));
    number(sink, v, spec);
    sink.terminate();
    s.puts(text);
}

std::uint16_t load_be16(const unsigned char *p)
{
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}

std::uint32_t load_u32(const unsigned char *p)
{
    std::uint32_t v;
    std::memcpy(&v, p, sizeof(v));
    return v;
}

// Letters after "IS"/"iS" (p, f, s, c, or a byte order), up to the first non-letter.
struct SockaddrOpts {
    bool port = false, flow = false, scope = false, compress = false;
    char order = 0;
};

SockaddrOpts sockaddr_opts(const char *fmt)
{
    SockaddrOpts o;
    for (const char *f = fmt + 2; (*f | 0x20) >= 'a' && (*f | 0x20) <= 'z'; ++f) {
        switch (*f) {
        case 'p': o.port = true; break;
        case 'f': o.flow = true; break;
        case 's': o.scope = true; break;
        case 'c': o.compress = true; break;
        case 'h': case 'l': case 'n': case 'b': o.order = *f; break;
        default: break;
        }
    }
    return o;
}

// struct sockaddr_in: family(2) port(2, big endian) addr(4).
void ip4_sockaddr(Sink &out, const unsigned char *sa, const Spec &spec, const char *fmt)
{
    const SockaddrOpts o = sockaddr_opts(fmt);
    Scratch s;
    ip4_text(s, sa + 4, fmt[0], o.order);
    if (o.port) {
        s.put(':');
        append_number(s, load_be16(sa + 2), spec);
    }
    string_nocheck(out, s.c_str(), spec);
}

// The ":port", "/flowinfo" and "%scope" that follow a sockaddr_in6's address, as selected.
void ip6_sockaddr_suffix(Scratch &s, const unsigned char *sa, const Spec &spec, const SockaddrOpts &o)
{
    if (o.port) {
        s.put(':');
        append_number(s, load_be16(sa + 2), spec);
    }
    if (o.flow) {
        s.put('/');
        const unsigned char *f = sa + 4;
        const std::uint32_t flow = (static_cast<std::uint32_t>(f[0] & 0x0f) << 24) | (f[1] << 16) | (f[2] << 8) | f[3];
        append_number(s, flow, spec);
    }
    if (o.scope) {
        s.put('%');
        append_number(s, load_u32(sa + 24), spec);
    }
}

// struct sockaddr_in6: family(2) port(2) flowinfo(4) addr(16) scope_id(4).
void ip6_sockaddr(Sink &out, const unsigned char *sa, const Spec &spec, const char *fmt)
{
    const SockaddrOpts o = sockaddr_opts(fmt);
    const bool bracket = o.port || o.flow || o.scope;
    Scratch s;
    if (bracket)
        s.put('[');
    if (fmt[0] == 'I' && o.compress)
        ip6_compressed_text(s, sa + 8);
    else
        ip6_full_text(s, sa + 8, fmt[0]);
    if (bracket)
        s.put(']');
    ip6_sockaddr_suffix(s, sa, spec, o);
    string_nocheck(out, s.c_str(), spec);
}

}  // namespace

void ip_addr_string(Sink &out, const unsigned char *addr, const Spec &spec, const char *fmt)
{
    if (!check_pointer(out, addr, spec))
        return;
    Scratch s;
    switch (fmt[1]) {
    case '4':
        ip4_text(s, addr, fmt[0], fmt[2]);
        return string_nocheck(out, s.c_str(), spec);
    case '6':
        if (fmt[0] == 'I' && fmt[2] == 'c')
            ip6_compressed_text(s, addr);
        else
            ip6_full_text(s, addr, fmt[0]);
        return string_nocheck(out, s.c_str(), spec);
    case 'S': {
        const unsigned family = addr[0] | (addr[1] << 8);
        if (family == 2)
            return ip4_sockaddr(out, addr, spec, fmt);
        if (family == 10)
            return ip6_sockaddr(out, addr, spec, fmt);
        return error_string(out, "(einval)", spec);
    }
    default:
        return error_string(out, fmt[0] == 'i' ? "(%pi?)" : "(%pI?)", spec);
    }
}

}  // namespace kshim::format_detail
