// Deterministic heap implementation: fixed-address reservation, SLUB-like slabs and page runs.
#include "arena.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>

#if defined(__SANITIZE_ADDRESS__) || defined(KSHIM_SANITIZE_ADDRESS)
#include <sanitizer/asan_interface.h>
#else
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#endif

namespace kshim {

namespace {

enum PageKind : std::uint8_t {
    kUntouched = 0,  // never handed out since the reservation was made
    kFreeHead,       // first page of a free run, aux = pages in the run
    kFreeTail,       // last page of a free run (runs > 1 page), aux = first page
    kFreeInner,      // any other page that is free
    kSlabHead,       // first page of a slab, carries the slab state
    kSlabTail,       // other slab pages, aux = first page
    kLargeHead,      // first page of a page run, aux = pages in the run
    kLargeTail,      // other pages of a page run, aux = first page
};

enum SlabFlags : std::uint8_t {
    kActive = 1,     // the cache allocates from this slab
    kOnPartial = 2,  // linked on the cache's partial list
};

constexpr std::size_t kClassSize[Arena::kNumClasses] = {
    8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};

// Class for sizes 1..192, indexed by (size - 1) / 8, like Linux's size_index.
constexpr std::uint8_t kSmallIndex[24] = {0, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
                                          5, 5, 5, 5, 6, 6, 6, 6, 6, 6, 6, 6};

constexpr std::size_t kMinAlign = 8;                 // ARCH_KMALLOC_MINALIGN on x86_64
constexpr std::size_t kSlabTargetBytes = 32768;      // order-3 slabs at most for small objects
constexpr std::size_t kHeapAlign = std::size_t{1} << 30;  // runs are aligned relative to the base
constexpr std::uint64_t kPoisonWord = 0x6b6b6b6b6b6b6b6bull;

std::size_t round_up(std::size_t v, std::size_t a) { return (v + a - 1) & ~(a - 1); }

bool is_pow2(std::size_t v) { return v != 0 && (v & (v - 1)) == 0; }

// Natural alignment of a slot of this stride inside a page-aligned slab.
std::size_t stride_align(std::size_t stride) { return stride & (~stride + 1); }

// mmap wrapper: nullptr instead of MAP_FAILED.
void *map_anon(void *hint, std::size_t len, int extra_flags) {
    void *p = mmap(hint, len, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | extra_flags, -1, 0);
    return p == MAP_FAILED ? nullptr : p;
}

}  // namespace

// Per-page metadata, one per heap page, like struct page. Only the head page
// of a slab or run carries state; the others point back to it via aux.
struct Arena::PageDesc {
    std::uint8_t kind = kUntouched;
    std::uint8_t flags = 0;         // SlabFlags (slab heads)
    std::uint16_t inuse = 0;        // slab heads: live objects
    std::uint16_t fresh = 0;        // slab heads: objects from here on were never handed out
    std::uint32_t aux = 0;          // run length (heads) or head page (tails)
    std::uint32_t prev = kNil;      // partial-list links (slab heads)
    std::uint32_t next = kNil;
    Cache *cache = nullptr;         // slab heads: owning cache
    void *freelist = nullptr;       // slab heads: most recently freed object
};

// ---- construction -------------------------------------------------------

// Not thread-safe; called once per arena at runtime start (or in tests).
Arena::Arena(std::uintptr_t base, std::size_t heap_size) {
    heap_pages_ = heap_size / kPageSize;
    if (heap_pages_ == 0 || heap_pages_ >= kNil || base % kHeapAlign != 0)
        throw std::invalid_argument("kshim::Arena: bad base or size");
    std::size_t desc_bytes = round_up(heap_pages_ * sizeof(PageDesc), kPageSize);
    std::size_t bitmap_bytes = round_up(heap_pages_ * (kPageSize / 64), kPageSize);
    std::size_t heap_bytes = heap_pages_ * kPageSize;
    mapping_size_ = heap_bytes + desc_bytes + bitmap_bytes;

    void *want = reinterpret_cast<void *>(base);
    void *got = map_anon(want, mapping_size_, MAP_FIXED_NOREPLACE);
    if (got != nullptr && got != want) {  // pre-4.17 kernels treat the flag as a hint
        munmap(got, mapping_size_);
        got = nullptr;
    }
    fixed_ = got != nullptr;
    if (!fixed_) {
        // Over-reserve so the heap can start on a kHeapAlign boundary, then trim.
        std::size_t len = mapping_size_ + kHeapAlign;
        char *raw = static_cast<char *>(map_anon(nullptr, len, 0));
        if (raw == nullptr)
            throw std::system_error(errno, std::generic_category(), "kshim::Arena: mmap");
        auto start = round_up(reinterpret_cast<std::uintptr_t>(raw), kHeapAlign);
        char *aligned = reinterpret_cast<char *>(start);
        std::size_t lead = static_cast<std::size_t>(aligned - raw);
        if (lead != 0) munmap(raw, lead);
        std::size_t trail = len - lead - mapping_size_;
        if (trail != 0) munmap(aligned + mapping_size_, trail);
        got = aligned;
    }
    mapping_ = got;
    heap_ = static_cast<char *>(got);
    descs_ = reinterpret_cast<PageDesc *>(heap_ + heap_bytes);
    live_bits_ = reinterpret_cast<std::uint64_t *>(heap_ + heap_bytes + desc_bytes);
    // Descriptors and bitmap start as zero pages: kUntouched, nothing live.
    for (std::size_t i = 0; i < kNumClasses; ++i) init_class(i, kClassSize[i]);
}

// Not thread-safe; every pointer into the arena dies with it.
Arena::~Arena() {
    caches_.clear();
    // ASan build: SLUB debug's poison of the pages used would outlive the mapping in ASan's
    // shadow, and the next arena at the same fixed base (a test's next kernel) would inherit it.
    ASAN_UNPOISON_MEMORY_REGION(heap_, std::size_t{high_} * kPageSize);
    munmap(mapping_, mapping_size_);
}

void Arena::init_class(std::size_t i, std::size_t size) {
    setup_cache(classes_[i], size, kMinAlign, false);
    classes_[i].builtin_ = true;
}

// Computes the slot geometry, mirroring SLUB's calculate_sizes(): size
// rounded to the word and to align; the free-list link sits mid-object
// unless the contents must survive a free (then it goes after the object).
void Arena::setup_cache(Cache &c, std::size_t size, std::size_t align, bool keep_contents) {
    align = std::max(align, kMinAlign);
    c.align_ = align;
    c.usable_ = round_up(std::max(size, kMinAlign), align);
    c.poison_ = !keep_contents;
    if (keep_contents) {
        c.freeptr_ = c.usable_;
        c.stride_ = round_up(c.usable_ + sizeof(void *), align);
    } else {
        c.freeptr_ = (c.usable_ / 2) & ~(sizeof(void *) - 1);
        c.stride_ = c.usable_;
    }
    std::size_t want = std::max(std::min(8 * c.stride_, kSlabTargetBytes), c.stride_);
    c.slab_pages_ = static_cast<std::uint32_t>(std::bit_ceil(round_up(want, kPageSize) / kPageSize));
    std::size_t objects = c.slab_pages_ * kPageSize / c.stride_;
    c.objects_ = static_cast<std::uint32_t>(std::min<std::size_t>(objects, 0xffff));
    unsigned half_log = static_cast<unsigned>(std::bit_width(c.stride_) - 1) / 2;
    c.min_partial_ = std::clamp(half_log, 5u, 10u);
    c.partial_ = kNil;
}

// ---- small helpers (all atomic-safe) ------------------------------------

std::uint32_t Arena::page_of(const void *p) const {
    return static_cast<std::uint32_t>((static_cast<const char *>(p) - heap_) / kPageSize);
}

std::uint32_t Arena::index_of(const PageDesc *d) const {
    return static_cast<std::uint32_t>(d - descs_);
}

char *Arena::page_addr(std::uint32_t page) const { return heap_ + std::size_t{page} * kPageSize; }

// Head descriptor of the slab or run covering page, nullptr if page is free.
const Arena::PageDesc *Arena::head_of(std::uint32_t page) const {
    const PageDesc *d = &descs_[page];
    switch (d->kind) {
    case kSlabHead:
    case kLargeHead:
        return d;
    case kSlabTail:
    case kLargeTail:
        return &descs_[d->aux];
    default:
        return nullptr;
    }
}

bool Arena::owns(const void *p) const {
    auto a = reinterpret_cast<std::uintptr_t>(p);
    auto b = reinterpret_cast<std::uintptr_t>(heap_);
    return a >= b && a - b < heap_pages_ * kPageSize;
}

// p must be owned. Bits are set only at the first byte of live allocations.
bool Arena::is_live(const void *p) const {
    std::size_t off = static_cast<std::size_t>(static_cast<const char *>(p) - heap_);
    if (off & 7) return false;
    std::size_t bit = off >> 3;
    return (live_bits_[bit >> 6] >> (bit & 63)) & 1;
}

void Arena::set_live(const void *p) {
    std::size_t bit = static_cast<std::size_t>(static_cast<const char *>(p) - heap_) >> 3;
    live_bits_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
}

void Arena::clear_live(const void *p) {
    std::size_t bit = static_cast<std::size_t>(static_cast<const char *>(p) - heap_) >> 3;
    live_bits_[bit >> 6] &= ~(std::uint64_t{1} << (bit & 63));
}

// ---- size classes -------------------------------------------------------

// Smallest class that holds size and whose natural alignment meets align.
// size is 1..kMaxSlabSize, align a power of two <= kPageSize or 0.
int Arena::class_index(std::size_t size, std::size_t align) const {
    int i = size <= 192 ? kSmallIndex[(size - 1) / 8] : static_cast<int>(std::bit_width(size - 1)) - 1;
    while (align > kMinAlign && stride_align(kClassSize[i]) < align) ++i;
    return i;
}

const Arena::Cache *Arena::size_class(std::size_t size) const {
    if (size == 0 || size > kMaxSlabSize) return nullptr;
    return &classes_[class_index(size, 0)];
}

std::size_t Arena::rounded_size(std::size_t size) const {
    if (size == 0) return 0;
    if (const Cache *c = size_class(size)) return c->object_size();
    return large_pages(size) * kPageSize;
}

// Pages of the naturally aligned run that holds size bytes (PAGE_SIZE << get_order(size)).
std::size_t Arena::large_pages(std::size_t size) {
    return std::bit_ceil(round_up(size, kPageSize) / kPageSize);
}

// ---- public allocation entry points (atomic-safe) -----------------------

void *Arena::allocate(std::size_t size, std::size_t align) {
    if (size == 0 || (align != 0 && (!is_pow2(align) || align > kPageSize))) return nullptr;
    if (size <= kMaxSlabSize) return slab_alloc(classes_[class_index(size, align)]);
    if (size > heap_size()) return nullptr;
    std::size_t pages = large_pages(size);
    if (pages > heap_pages_) return nullptr;
    auto n = static_cast<std::uint32_t>(pages);
    return large_alloc(n, n);  // buddy-like: naturally aligned to its size
}

void *Arena::allocate_pages(std::size_t size) {
    if (size == 0 || size > heap_size()) return nullptr;
    return large_alloc(static_cast<std::uint32_t>(round_up(size, kPageSize) / kPageSize), 1);
}

Arena::FreeResult Arena::free(void *p) {
    if (p == nullptr || !owns(p)) return FreeResult::NotOwned;
    if (!is_live(p)) return classify_bad_free(p);
    std::uint32_t page = page_of(p);
    PageDesc *d = &descs_[page];
    if (d->kind == kLargeHead) return large_free(page);
    if (d->kind == kSlabTail) d = &descs_[d->aux];
    return slab_free(*d->cache, d, p);
}

std::size_t Arena::usable_size(const void *p) const {
    if (p == nullptr || !owns(p) || !is_live(p)) return 0;
    const PageDesc *d = head_of(page_of(p));
    if (d->kind == kLargeHead) return std::size_t{d->aux} * kPageSize;
    return d->cache->usable_;
}

void *Arena::object_start(const void *p) const {
    if (p == nullptr || !owns(p)) return nullptr;
    std::uint32_t page = page_of(p);
    if (page >= top_) return nullptr;
    const PageDesc *h = head_of(page);
    if (h == nullptr) return nullptr;
    char *start = page_addr(index_of(h));
    if (h->kind == kLargeHead) return is_live(start) ? start : nullptr;
    const Cache &c = *h->cache;
    std::size_t off = static_cast<std::size_t>(static_cast<const char *>(p) - start);
    std::size_t idx = off / c.stride_;
    if (idx >= c.objects_ || off - idx * c.stride_ >= c.usable_) return nullptr;
    char *obj = start + idx * c.stride_;
    return is_live(obj) ? obj : nullptr;
}

Arena::SlabInfo Arena::slab_info(const void *p) const {
    SlabInfo info;
    if (p == nullptr || !owns(p) || page_of(p) >= top_) return info;
    const PageDesc *h = head_of(page_of(p));
    if (h == nullptr || h->kind == kLargeHead) return info;
    const char *start = page_addr(index_of(h));
    info.slab = start;
    info.objects = h->cache->objects_;
    info.inuse = h->inuse;
    info.offset = static_cast<std::size_t>(static_cast<const char *>(p) - start);
    info.freelist = h->freelist;
    return info;
}

// p is owned but not live: tell a stale start address from garbage.
Arena::FreeResult Arena::classify_bad_free(const void *p) const {
    std::uint32_t page = page_of(p);
    if (page >= high_) return FreeResult::Invalid;
    const PageDesc *h = page < top_ ? head_of(page) : nullptr;
    if (h == nullptr)  // a freed page run, or a slab already given back
        return static_cast<const char *>(p) == page_addr(page) ? FreeResult::DoubleFree
                                                               : FreeResult::Invalid;
    if (h->kind == kLargeHead) return FreeResult::Invalid;
    const Cache &c = *h->cache;
    std::size_t off = static_cast<std::size_t>(static_cast<const char *>(p) - page_addr(index_of(h)));
    bool slot = off % c.stride_ == 0 && off / c.stride_ < h->fresh;
    return slot ? FreeResult::DoubleFree : FreeResult::Invalid;
}

// ---- kmem_cache ---------------------------------------------------------

Arena::Cache *Arena::create_cache(std::size_t object_size, std::size_t align,
                                  void (*ctor)(void *), bool keep_contents) {
    if (align != 0 && (!is_pow2(align) || align > kPageSize)) return nullptr;
    if (object_size == 0 || object_size > heap_size() / 2) return nullptr;
    auto c = std::make_unique<Cache>();
    setup_cache(*c, object_size, align, keep_contents || ctor != nullptr);
    c->ctor_ = ctor;
    caches_.push_back(std::move(c));
    return caches_.back().get();
}

void *Arena::cache_alloc(Cache *c) { return slab_alloc(*c); }

Arena::FreeResult Arena::cache_free(Cache *c, void *p) {
    if (p == nullptr || !owns(p)) return FreeResult::NotOwned;
    if (!is_live(p)) return classify_bad_free(p);
    const PageDesc *h = head_of(page_of(p));
    if (h->kind != kSlabHead || h->cache != c) return FreeResult::WrongCache;
    return slab_free(*c, const_cast<PageDesc *>(h), p);
}

bool Arena::destroy_cache(Cache *c) {
    if (c == nullptr || c->builtin_) return false;
    retire_active(*c);
    for (std::uint32_t i = c->partial_; i != kNil;) {
        PageDesc *s = &descs_[i];
        i = s->next;
        if (s->inuse == 0) discard_slab(*c, s);
    }
    if (c->live_ != 0) return false;
    auto it = std::find_if(caches_.begin(), caches_.end(), [c](auto &u) { return u.get() == c; });
    if (it != caches_.end()) caches_.erase(it);
    return true;
}

// ---- slabs --------------------------------------------------------------

// Fast path: pop the active slab's free list, else hand out a fresh slot.
void *Arena::slab_alloc(Cache &c) {
    PageDesc *s = c.active_;
    if (s == nullptr || (s->freelist == nullptr && s->fresh == c.objects_)) {
        s = refill(c);
        if (s == nullptr) return nullptr;
    }
    char *obj;
    if (s->freelist != nullptr) {
        obj = static_cast<char *>(s->freelist);
        std::memcpy(&s->freelist, obj + c.freeptr_, sizeof(void *));
        if (c.poison_) std::memcpy(obj + c.freeptr_, &kPoisonWord, sizeof(void *));
    } else {
        obj = page_addr(index_of(s)) + std::size_t{s->fresh} * c.stride_;
        ++s->fresh;
    }
    ++s->inuse;
    ++c.live_;
    set_live(obj);
    return obj;
}

// Fast path: poison, push on the slab's free list, and make that slab the
// active one so the object just freed is the next one handed out (LIFO).
Arena::FreeResult Arena::slab_free(Cache &c, PageDesc *slab, void *p) {
    clear_live(p);
    --slab->inuse;
    --c.live_;
    char *obj = static_cast<char *>(p);
    if (c.poison_) std::memset(obj, kPoisonFree, c.usable_);
    std::memcpy(obj + c.freeptr_, &slab->freelist, sizeof(void *));
    slab->freelist = obj;
    if (!(slab->flags & kActive)) make_active(c, slab);
    return FreeResult::Freed;
}

// The active slab is exhausted: continue with the newest partial slab or a new one.
Arena::PageDesc *Arena::refill(Cache &c) {
    retire_active(c);
    PageDesc *s;
    if (c.partial_ != kNil) {
        s = &descs_[c.partial_];
        partial_remove(c, s);
    } else {
        s = new_slab(c);
        if (s == nullptr) return nullptr;
        retire_active(c);  // a ctor may have allocated from this cache meanwhile
    }
    s->flags |= kActive;
    c.active_ = s;
    return s;
}

void Arena::make_active(Cache &c, PageDesc *slab) {
    if (slab->flags & kOnPartial) partial_remove(c, slab);
    retire_active(c);
    slab->flags |= kActive;
    c.active_ = slab;
}

// Moves the active slab aside: to the partial list if it has room, back to
// the page allocator if it is empty and enough partial slabs are cached.
void Arena::retire_active(Cache &c) {
    PageDesc *a = c.active_;
    if (a == nullptr) return;
    a->flags &= static_cast<std::uint8_t>(~kActive);
    c.active_ = nullptr;
    if (a->inuse == 0 && c.nr_partial_ >= c.min_partial_)
        discard_slab(c, a);
    else if (a->inuse < c.objects_)
        partial_push(c, a);
}

Arena::PageDesc *Arena::new_slab(Cache &c) {
    std::uint32_t first = alloc_run(c.slab_pages_, c.slab_pages_);
    if (first == kNil) return nullptr;
    PageDesc *h = &descs_[first];
    *h = PageDesc{};
    h->kind = kSlabHead;
    h->aux = c.slab_pages_;
    h->cache = &c;
    for (std::uint32_t i = 1; i < c.slab_pages_; ++i) {
        descs_[first + i].kind = kSlabTail;
        descs_[first + i].aux = first;
    }
    if (c.ctor_ != nullptr)
        for (std::uint32_t i = 0; i < c.objects_; ++i) c.ctor_(page_addr(first) + i * c.stride_);
    return h;
}

void Arena::discard_slab(Cache &c, PageDesc *slab) {
    if (slab->flags & kOnPartial) partial_remove(c, slab);
    free_run(index_of(slab), c.slab_pages_);
}

void Arena::partial_push(Cache &c, PageDesc *slab) {
    std::uint32_t idx = index_of(slab);
    slab->prev = kNil;
    slab->next = c.partial_;
    if (c.partial_ != kNil) descs_[c.partial_].prev = idx;
    c.partial_ = idx;
    slab->flags |= kOnPartial;
    ++c.nr_partial_;
}

void Arena::partial_remove(Cache &c, PageDesc *slab) {
    if (slab->prev != kNil)
        descs_[slab->prev].next = slab->next;
    else
        c.partial_ = slab->next;
    if (slab->next != kNil) descs_[slab->next].prev = slab->prev;
    slab->prev = slab->next = kNil;
    slab->flags &= static_cast<std::uint8_t>(~kOnPartial);
    --c.nr_partial_;
}

// ---- page runs ----------------------------------------------------------

void *Arena::large_alloc(std::uint32_t npages, std::uint32_t align_pages) {
    std::uint32_t first = alloc_run(npages, align_pages);
    if (first == kNil) return nullptr;
    descs_[first] = PageDesc{};
    descs_[first].kind = kLargeHead;
    descs_[first].aux = npages;
    for (std::uint32_t i = 1; i < npages; ++i) {
        descs_[first + i].kind = kLargeTail;
        descs_[first + i].aux = first;
    }
    set_live(page_addr(first));
    return page_addr(first);
}

Arena::FreeResult Arena::large_free(std::uint32_t page) {
    clear_live(page_addr(page));
    free_run(page, descs_[page].aux);
    return FreeResult::Freed;
}

// Page allocator: best fit among free runs (smallest, then lowest address),
// else bump the top. Deterministic: depends only on the call sequence.
std::uint32_t Arena::alloc_run(std::uint32_t npages, std::uint32_t align_pages) {
    std::uint32_t first = take_free_run(npages, align_pages);
    if (first == kNil) {
        std::size_t start = round_up(top_, align_pages);
        if (start + npages > heap_pages_) return kNil;
        first = static_cast<std::uint32_t>(start);
        if (first > top_) put_free_run(top_, first - top_);
        top_ = first + npages;
        high_ = std::max(high_, top_);
    }
    used_pages_ += npages;
    return first;
}

std::uint32_t Arena::take_free_run(std::uint32_t npages, std::uint32_t align_pages) {
    for (auto it = free_runs_.lower_bound({npages, 0}); it != free_runs_.end(); ++it) {
        auto [len, run] = *it;
        std::size_t first = round_up(run, align_pages);
        if (first + npages > std::size_t{run} + len) continue;
        free_runs_.erase(it);
        carve_run(run, len, static_cast<std::uint32_t>(first), npages);
        return static_cast<std::uint32_t>(first);
    }
    return kNil;
}

// Gives back the parts of free run [run, run+run_pages) around the piece taken.
void Arena::carve_run(std::uint32_t run, std::uint32_t run_pages, std::uint32_t first,
                      std::uint32_t npages) {
    if (first > run) put_free_run(run, first - run);
    std::uint32_t end = first + npages;
    if (run + run_pages > end) put_free_run(end, run + run_pages - end);
}

// Returns pages to the host, marks them free and merges with free neighbours.
void Arena::free_run(std::uint32_t first, std::uint32_t npages) {
    used_pages_ -= npages;
    madvise(page_addr(first), std::size_t{npages} * kPageSize, MADV_DONTNEED);
    for (std::uint32_t i = 0; i < npages; ++i) descs_[first + i] = PageDesc{kFreeInner};
    if (first > 0) {
        const PageDesc &left = descs_[first - 1];
        if (left.kind == kFreeHead || left.kind == kFreeTail) {
            std::uint32_t lfirst = left.kind == kFreeTail ? left.aux : first - 1;
            std::uint32_t lpages = descs_[lfirst].aux;
            free_runs_.erase({lpages, lfirst});
            descs_[lfirst].kind = kFreeInner;
            first = lfirst;
            npages += lpages;
        }
    }
    std::uint32_t end = first + npages;
    if (end == top_) {
        descs_[first].kind = kFreeInner;
        top_ = first;
        return;
    }
    if (descs_[end].kind == kFreeHead) {
        std::uint32_t rpages = descs_[end].aux;
        free_runs_.erase({rpages, end});
        descs_[end].kind = kFreeInner;
        npages += rpages;
    }
    put_free_run(first, npages);
}

// Records a free run (its pages already read as zero). No merging here.
void Arena::put_free_run(std::uint32_t first, std::uint32_t npages) {
    descs_[first].kind = kFreeHead;
    descs_[first].aux = npages;
    if (npages > 1) {
        descs_[first + npages - 1].kind = kFreeTail;
        descs_[first + npages - 1].aux = first;
    }
    free_runs_.insert({npages, first});
}

}  // namespace kshim
