// Symbolizer implementation: a libdwfl session over all loaded objects plus a sorted per-object symbol index.
#include "symbolizer.hpp"

#include "debug/loaded_objects.hpp"

#include <elfutils/libdwfl.h>
#include <gelf.h>
#include <link.h>
#include <cxxabi.h>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include <dlfcn.h>

namespace {

// elfutils' libdw, loaded on the first symbol lookup rather than at start-up: with its own
// dependencies (libelf, libz, liblzma, libbz2) it is five of the runtime's twelve libraries,
// and most runs never name a symbol. Without it, addresses print raw.
struct Libdw {
    bool ok = false;
    decltype(&::dwfl_begin) begin = nullptr;
    decltype(&::dwfl_end) end = nullptr;
    decltype(&::dwfl_report_begin) report_begin = nullptr;
    decltype(&::dwfl_report_end) report_end = nullptr;
    decltype(&::dwfl_report_elf) report_elf = nullptr;
    decltype(&::dwfl_addrmodule) addrmodule = nullptr;
    decltype(&::dwfl_module_info) module_info = nullptr;
    decltype(&::dwfl_module_build_id) module_build_id = nullptr;
    decltype(&::dwfl_module_getsymtab) module_getsymtab = nullptr;
    decltype(&::dwfl_module_getsym_info) module_getsym_info = nullptr;
    decltype(&::dwfl_build_id_find_elf) build_id_find_elf = nullptr;
    decltype(&::dwfl_build_id_find_debuginfo) build_id_find_debuginfo = nullptr;
    decltype(&::dwfl_offline_section_address) offline_section_address = nullptr;
};

template <class F> void bind(void *h, F &f, const char *name, bool &ok)
{
    f = reinterpret_cast<F>(dlsym(h, name));
    ok = ok && f;
}

const Libdw &dw()
{
    static const Libdw lib = [] {
        Libdw l;
        void *h = dlopen("libdw.so.1", RTLD_NOW | RTLD_LOCAL);
        if (!h)
            return l;
        l.ok = true;
        bind(h, l.begin, "dwfl_begin", l.ok);
        bind(h, l.end, "dwfl_end", l.ok);
        bind(h, l.report_begin, "dwfl_report_begin", l.ok);
        bind(h, l.report_end, "dwfl_report_end", l.ok);
        bind(h, l.report_elf, "dwfl_report_elf", l.ok);
        bind(h, l.addrmodule, "dwfl_addrmodule", l.ok);
        bind(h, l.module_info, "dwfl_module_info", l.ok);
        bind(h, l.module_build_id, "dwfl_module_build_id", l.ok);
        bind(h, l.module_getsymtab, "dwfl_module_getsymtab", l.ok);
        bind(h, l.module_getsym_info, "dwfl_module_getsym_info", l.ok);
        bind(h, l.build_id_find_elf, "dwfl_build_id_find_elf", l.ok);
        bind(h, l.build_id_find_debuginfo, "dwfl_build_id_find_debuginfo", l.ok);
        bind(h, l.offline_section_address, "dwfl_offline_section_address", l.ok);
        return l;
    }();
    return lib;
}

}  // namespace

namespace kshim {
namespace {

// One usable symbol: absolute start address, size (0 if unknown), name
// pointing into libelf-owned string data (valid while the Dwfl lives).
struct Sym {
    uintptr_t addr;
    uintptr_t size;
    const char *name;
    int rank;  // higher wins among aliases at one address
};

// Symbol index of one Dwfl_Module, attached through its userdata slot.
struct ModIndex {
    std::string kmod;      // kernel module name, empty if not a kshim module
    Dwfl_Module *mod = nullptr;
    bool stale = false;    // file on disk is not what is mapped: never name
    bool loaded = false;   // syms filled in
    std::vector<Sym> syms; // sorted by addr, one entry per address
    std::unordered_map<const char *, std::string> demangled;
};

// A loaded object as seen by dl_iterate_phdr.
struct Object {
    std::string path;
    uintptr_t bias = 0;
    uintptr_t start = UINTPTR_MAX;
    uintptr_t end = 0;
    std::vector<unsigned char> build_id;  // from the mapped PT_NOTE, may be empty
};

struct Registered {
    std::string name;
    std::string path;
    uintptr_t end;
};

bool overlaps(uintptr_t a0, uintptr_t a1, uintptr_t b0, uintptr_t b1) {
    return a0 < b1 && b0 < a1;
}

// Reads the GNU build-id note from a mapped PT_NOTE segment. Pure memory reads.
void read_build_id(const unsigned char *p, size_t len, size_t align, std::vector<unsigned char> &out) {
    auto up = [align](size_t n) { return (n + align - 1) & ~(align - 1); };
    size_t pos = 0;
    while (pos + sizeof(ElfW(Nhdr)) <= len) {
        ElfW(Nhdr) nh;
        std::memcpy(&nh, p + pos, sizeof nh);
        size_t name_at = pos + sizeof nh;
        size_t desc_at = name_at + up(nh.n_namesz);
        if (desc_at + nh.n_descsz > len)
            return;
        if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 && std::memcmp(p + name_at, "GNU", 4) == 0) {
            out.assign(p + desc_at, p + desc_at + nh.n_descsz);
            return;
        }
        pos = desc_at + up(nh.n_descsz);
    }
}

// dl_iterate_phdr callback collecting every loaded object. Runs under the
// loader lock; allocates.
int collect_object(dl_phdr_info *info, size_t, void *data) {
    auto &objs = *static_cast<std::vector<Object> *>(data);
    Object o;
    o.path = (info->dlpi_name && info->dlpi_name[0]) ? info->dlpi_name : (objs.empty() ? "/proc/self/exe" : "");
    o.bias = info->dlpi_addr;
    AddressRange span = load_span(*info);
    if (span.hi) {
        o.start = span.lo;
        o.end = span.hi;
    }
    for (int i = 0; i < info->dlpi_phnum && o.build_id.empty(); ++i) {
        const ElfW(Phdr) &ph = info->dlpi_phdr[i];
        uintptr_t at = info->dlpi_addr + ph.p_vaddr;
        if (ph.p_type == PT_NOTE)
            read_build_id(reinterpret_cast<const unsigned char *>(at), ph.p_memsz, ph.p_align == 8 ? 8 : 4, o.build_id);
    }
    if (!o.path.empty() && o.start < o.end)
        objs.push_back(std::move(o));
    return 0;
}

// Reads the loader's load/unload counters (first callback only). Cheap.
int read_generation(dl_phdr_info *info, size_t size, void *data) {
    auto *gen = static_cast<std::pair<unsigned long long, unsigned long long> *>(data);
    if (size >= offsetof(dl_phdr_info, dlpi_subs) + sizeof info->dlpi_subs)
        *gen = {info->dlpi_adds, info->dlpi_subs};
    return 1;
}

// Rank among aliases: sized beats sizeless, GLOBAL > WEAK > LOCAL, FUNC first.
int symbol_rank(const GElf_Sym &s, const char *name) {
    // module_init/module_exit make init_module/cleanup_module aliases of the real functions;
    // name the function as the kernel's kallsyms does, not the alias.
    if (!std::strcmp(name, "init_module") || !std::strcmp(name, "cleanup_module"))
        return -1;
    int bind = GELF_ST_BIND(s.st_info);
    int r = s.st_size ? 8 : 0;
    r += bind == STB_GLOBAL ? 4 : bind == STB_WEAK ? 2 : 0;
    int type = GELF_ST_TYPE(s.st_info);
    r += (type == STT_FUNC || type == STT_GNU_IFUNC) ? 1 : 0;
    return r;
}

bool usable_symbol(const GElf_Sym &s, GElf_Word shndx, const char *name) {
    int type = GELF_ST_TYPE(s.st_info);
    if (!name || !name[0] || type == STT_SECTION || type == STT_FILE || type == STT_TLS)
        return false;
    return shndx != SHN_UNDEF && shndx != SHN_ABS && shndx != GElf_Word(-1);
}

// Fills idx.syms from the module's symbol table (.symtab when present,
// else .dynsym or separate debuginfo). May allocate and open files.
void load_symbols(Dwfl_Module *mod, ModIndex &idx) {
    idx.loaded = true;
    int n = dw().module_getsymtab(mod);
    for (int i = 1; i < n; ++i) {
        GElf_Sym s;
        GElf_Addr addr;
        GElf_Word shndx;
        const char *name = dw().module_getsym_info(mod, i, &s, &addr, &shndx, nullptr, nullptr);
        if (usable_symbol(s, shndx, name))
            idx.syms.push_back({uintptr_t(addr), uintptr_t(s.st_size), name, symbol_rank(s, name)});
    }
    std::sort(idx.syms.begin(), idx.syms.end(), [](const Sym &a, const Sym &b) {
        return a.addr != b.addr ? a.addr < b.addr : a.rank > b.rank;
    });
    auto dup = [](const Sym &a, const Sym &b) { return a.addr == b.addr; };
    idx.syms.erase(std::unique(idx.syms.begin(), idx.syms.end(), dup), idx.syms.end());
}

// Finds the symbol covering addr in a sorted index. No allocation.
const Sym *find_symbol(const std::vector<Sym> &syms, uintptr_t addr, uintptr_t &size) {
    auto it = std::upper_bound(syms.begin(), syms.end(), addr, [](uintptr_t a, const Sym &s) { return a < s.addr; });
    if (it == syms.begin())
        return nullptr;
    auto nearest = it - 1;
    for (auto c = nearest, stop = nearest - std::min<ptrdiff_t>(nearest - syms.begin(), 7);; --c) {
        if (c->size && addr - c->addr < c->size) {
            size = c->size;
            return &*c;
        }
        if (c == stop)
            break;
    }
    if (nearest->size)
        return nullptr;  // in a gap after a sized symbol: do not guess
    size = it != syms.end() ? it->addr - nearest->addr : 0;
    return &*nearest;
}

void append_hex(std::string &out, uintptr_t v) {
    char buf[2 + 2 * sizeof v];
    buf[0] = '0';
    buf[1] = 'x';
    auto r = std::to_chars(buf + 2, buf + sizeof buf, v, 16);
    out.append(buf, r.ptr);
}

}  // namespace

struct Symbolizer::State {
    std::mutex mu;
    std::map<uintptr_t, Registered> modules;                  // by start
    std::vector<std::pair<uintptr_t, uintptr_t>> retired;     // unloaded, maybe still mapped
    Dwfl *dwfl = nullptr;
    std::vector<std::unique_ptr<ModIndex>> indices;
    bool dirty = true;
    std::pair<unsigned long long, unsigned long long> generation{~0ull, ~0ull};
    char *debuginfo_path = nullptr;
    Dwfl_Callbacks callbacks{};

    State() { callbacks.debuginfo_path = &debuginfo_path; }
    ~State() { drop(); }

    // Frees the Dwfl session and every index pointing into it.
    void drop() {
        indices.clear();
        if (dwfl)
            dw().end(dwfl);
        dwfl = nullptr;
    }

    bool is_retired(const Object &o) const {
        for (auto &r : retired)
            if (overlaps(o.start, o.end, r.first, r.second))
                return true;
        return false;
    }

    std::string kmod_for(const Object &o) const {
        for (auto &[start, m] : modules)
            if (overlaps(o.start, o.end, start, m.end))
                return m.name;
        return {};
    }

    // Forgets retired ranges that are no longer mapped (dlclose happened).
    void prune_retired(const std::vector<Object> &objs) {
        std::erase_if(retired, [&](const std::pair<uintptr_t, uintptr_t> &r) {
            return std::none_of(objs.begin(), objs.end(), [&](const Object &o) {
                return overlaps(o.start, o.end, r.first, r.second);
            });
        });
    }

    void report(const Object &o) {
        std::string kmod = kmod_for(o);
        const std::string &label = kmod.empty() ? o.path : kmod;
        Dwfl_Module *mod = dw().report_elf(dwfl, label.c_str(), o.path.c_str(), -1, o.bias, true);
        if (!mod)
            return;
        auto idx = std::make_unique<ModIndex>();
        idx->kmod = std::move(kmod);
        idx->mod = mod;
        const unsigned char *bits = nullptr;
        GElf_Addr vaddr;
        int n = dw().module_build_id(mod, &bits, &vaddr);
        if (n > 0 && !o.build_id.empty())
            idx->stale = !std::equal(bits, bits + n, o.build_id.begin(), o.build_id.end());
        void **slot = nullptr;
        dw().module_info(mod, &slot, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr);
        *slot = idx.get();
        indices.push_back(std::move(idx));
    }

    // Throws away the old session and reports every mapped object afresh.
    // Opens files; may allocate. Rare (after load/unload only).
    void rebuild() {
        drop();
        std::vector<Object> objs;
        dl_iterate_phdr(collect_object, &objs);
        prune_retired(objs);
        if (!dw().ok)
            return;
        callbacks.find_elf = dw().build_id_find_elf;
        // Local build-id lookup only: no debuginfod network access from an oops.
        callbacks.find_debuginfo = dw().build_id_find_debuginfo;
        callbacks.section_address = dw().offline_section_address;
        dwfl = dw().begin(&callbacks);
        if (!dwfl)
            return;
        dw().report_begin(dwfl);
        for (const Object &o : objs)
            if (!is_retired(o))
                report(o);
        dw().report_end(dwfl, nullptr, nullptr);
    }

    // Rebuilds when a module changed or the loader's counters moved.
    void refresh() {
        std::pair<unsigned long long, unsigned long long> gen{0, 0};
        dl_iterate_phdr(read_generation, &gen);
        if (gen != generation)
            dirty = true;
        if (!dirty)
            return;
        generation = gen;
        dirty = false;
        rebuild();
    }

    const char *display_name(ModIndex &idx, const char *raw) {
        if (raw[0] != '_' || raw[1] != 'Z')
            return raw;
        auto [it, fresh] = idx.demangled.try_emplace(raw);
        if (fresh) {
            int status = 0;
            char *d = abi::__cxa_demangle(raw, nullptr, nullptr, &status);
            it->second = (status == 0 && d) ? d : raw;
            std::free(d);
        }
        return it->second.c_str();
    }

    uintptr_t address_of(std::string_view kmod, std::string_view name) {
        refresh();
        for (auto &idx : indices) {
            if (idx->kmod != kmod || idx->stale)
                continue;
            if (!idx->loaded)
                load_symbols(idx->mod, *idx);
            for (const Sym &s : idx->syms)
                if (name == s.name)
                    return s.addr;
        }
        return 0;
    }

    SymbolInfo lookup(uintptr_t addr) {
        SymbolInfo info;
        refresh();
        Dwfl_Module *mod = dwfl ? dw().addrmodule(dwfl, addr) : nullptr;
        void **slot = nullptr;
        if (!mod || !dw().module_info(mod, &slot, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr) || !*slot)
            return info;
        ModIndex &idx = *static_cast<ModIndex *>(*slot);
        if (idx.stale)
            return info;
        if (!idx.loaded)
            load_symbols(mod, idx);
        uintptr_t size = 0;
        const Sym *s = find_symbol(idx.syms, addr, size);
        if (!s)
            return info;
        info.name = display_name(idx, s->name);
        info.offset = addr - s->addr;
        info.size = size;
        info.module = idx.kmod;
        info.found = true;
        return info;
    }
};

Symbolizer::Symbolizer() : st_(std::make_unique<State>()) {}
Symbolizer::~Symbolizer() = default;

void Symbolizer::module_loaded(std::string name, std::string path, uintptr_t start, uintptr_t end) {
    std::lock_guard lock(st_->mu);
    std::erase_if(st_->retired, [&](const std::pair<uintptr_t, uintptr_t> &r) {
        return overlaps(start, end, r.first, r.second);
    });
    st_->modules[start] = Registered{std::move(name), std::move(path), end};
    st_->dirty = true;
}

void Symbolizer::module_unloaded(uintptr_t start) {
    std::lock_guard lock(st_->mu);
    auto it = st_->modules.find(start);
    if (it != st_->modules.end()) {
        st_->retired.emplace_back(start, it->second.end);
        st_->modules.erase(it);
    }
    st_->dirty = true;
}

uintptr_t Symbolizer::address_of(std::string_view kmod, std::string_view name) {
    std::lock_guard lock(st_->mu);
    return st_->address_of(kmod, name);
}

SymbolInfo Symbolizer::lookup(uintptr_t addr) {
    std::lock_guard lock(st_->mu);
    return st_->lookup(addr);
}

void Symbolizer::format(std::string &out, uintptr_t addr, char kind) {
    bool ret_addr = kind == 'B' && addr != 0;
    SymbolInfo info = lookup(ret_addr ? addr - 1 : addr);
    if (!info.found) {
        append_hex(out, addr);
        return;
    }
    out += info.name;
    // %ps drops the offset but, like the kernel's, keeps the module: "p_init [timing_probe]".
    if (kind != 's') {
        out += '+';
        append_hex(out, info.offset + (ret_addr ? 1 : 0));
        out += '/';
        append_hex(out, info.size);
    }
    if (!info.module.empty()) {
        out += " [";
        out += info.module;
        out += ']';
    }
}

}  // namespace kshim
