// Modules kept mapped across kernels: the copy of their writable segments and its restore.
#include "module/module_image.hpp"

#include <dlfcn.h>
#include <link.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <vector>

namespace kshim {

namespace {

// One writable range of a kept module and its bytes as dlopen left them.
struct Segment {
    uintptr_t lo = 0;
    std::vector<unsigned char> bytes;
};

struct Image {
    std::string path;
    void *handle = nullptr;
    unsigned users = 0;          // opens not yet closed: while any, an open restores nothing
    std::vector<Segment> segments;
};

struct Kept {
    unsigned depth = 0;          // nesting of KeepModuleImages scopes
    std::vector<Image> images;
};

Kept &kept()
{
    static Kept k;
    return k;
}

// Copies n bytes between a module's segment and its copy. Uninstrumented and byte by byte
// through volatile pointers (no memcpy call for ASan to intercept): the segment holds the
// sanitizer's poisoned redzones between globals, which the copy must carry over unchecked.
__attribute__((no_sanitize_address)) void raw_copy(void *dst, const void *src, size_t n)
{
    auto *d = static_cast<volatile unsigned char *>(dst);
    auto *s = static_cast<const volatile unsigned char *>(src);
    for (size_t i = 0; i < n; ++i)
        d[i] = s[i];
}

struct Walk {
    uintptr_t bias;
    const char *name;
    std::vector<Segment> *out;
};

// The writable parts of one PT_LOAD segment: [lo, hi) less what PT_GNU_RELRO made read-only
// after relocation (ld.so protects whole pages from the RELRO start to its end rounded down).
void add_writable(uintptr_t lo, uintptr_t hi, uintptr_t relro_lo, uintptr_t relro_hi, std::vector<Segment> &out)
{
    if (relro_hi > lo && relro_lo < hi) {
        if (relro_lo > lo)
            add_writable(lo, relro_lo, 0, 0, out);
        lo = std::max(lo, relro_hi);
    }
    if (lo >= hi)
        return;
    Segment s;
    s.lo = lo;
    s.bytes.resize(hi - lo);
    raw_copy(s.bytes.data(), reinterpret_cast<const void *>(lo), hi - lo);
    out.push_back(std::move(s));
}

// dl_iterate_phdr's callback: copies the writable segments of the object at w->bias.
int copy_segments(dl_phdr_info *info, size_t, void *data)
{
    auto *w = static_cast<Walk *>(data);
    if (info->dlpi_addr != w->bias || !info->dlpi_name || std::strcmp(info->dlpi_name, w->name) != 0)
        return 0;
    const uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t relro_lo = 0, relro_hi = 0;
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr) &p = info->dlpi_phdr[i];
        if (p.p_type == PT_GNU_RELRO) {
            relro_lo = (info->dlpi_addr + p.p_vaddr) & ~(page - 1);
            relro_hi = (info->dlpi_addr + p.p_vaddr + p.p_memsz) & ~(page - 1);
        }
    }
    for (int i = 0; i < info->dlpi_phnum; ++i) {
        const ElfW(Phdr) &p = info->dlpi_phdr[i];
        if (p.p_type == PT_LOAD && (p.p_flags & PF_W))
            add_writable(info->dlpi_addr + p.p_vaddr, info->dlpi_addr + p.p_vaddr + p.p_memsz, relro_lo, relro_hi,
                         *w->out);
    }
    return 1;
}

// The writable segments of a module just dlopened, none of its code run yet.
std::vector<Segment> snapshot(void *handle)
{
    std::vector<Segment> out;
    link_map *lm = nullptr;
    if (dlinfo(handle, RTLD_DI_LINKMAP, &lm) != 0 || !lm)
        return out;
    Walk w{lm->l_addr, lm->l_name, &out};
    dl_iterate_phdr(copy_segments, &w);
    return out;
}

Image *find(const std::string &path)
{
    for (Image &i : kept().images)
        if (i.path == path)
            return &i;
    return nullptr;
}

}  // namespace

bool ModuleImages::keeping() { return kept().depth > 0; }

void *ModuleImages::open(const std::string &path, std::string &err)
{
    if (Image *i = keeping() ? find(path) : nullptr) {
        if (i->users++ == 0)
            for (const Segment &s : i->segments)
                raw_copy(reinterpret_cast<void *>(s.lo), s.bytes.data(), s.bytes.size());
        return i->handle;
    }
    // Mapped already (outside any scope): its data may be dirty, so it is not kept.
    void *already = keeping() ? dlopen(path.c_str(), RTLD_NOW | RTLD_NOLOAD) : nullptr;
    void *h = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (already)
        dlclose(already);
    if (!h) {
        const char *e = dlerror();
        err = e ? e : "dlopen failed";
        return nullptr;
    }
    if (keeping() && !already)
        kept().images.push_back({path, h, 1, snapshot(h)});
    return h;
}

void ModuleImages::close(void *handle)
{
    for (Image &i : kept().images)
        if (i.handle == handle) {
            i.users -= i.users > 0;
            return;
        }
    dlclose(handle);
}

KeepModuleImages::KeepModuleImages() { ++kept().depth; }

KeepModuleImages::~KeepModuleImages()
{
    Kept &k = kept();
    if (--k.depth > 0)
        return;
    // Newest first, as a module may use the symbols of one loaded before it.
    for (auto it = k.images.rbegin(); it != k.images.rend(); ++it)
        dlclose(it->handle);
    k.images.clear();
}

}  // namespace kshim
