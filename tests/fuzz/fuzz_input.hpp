// The fuzz targets' view of their input: bytes, integers and strings taken from the front in turn.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace kshim_fuzz {

// Reads a fuzz input from the front; past its end every read gives zeros (or empty strings),
// so a target never needs to check what is left.
class Input {
public:
    Input(const std::uint8_t *data, std::size_t size) : p_(data), end_(data + size) {}

    bool empty() const { return p_ == end_; }
    std::size_t left() const { return static_cast<std::size_t>(end_ - p_); }

    std::uint8_t byte() { return p_ < end_ ? *p_++ : 0; }
    // n bytes as a little-endian integer (n <= 8).
    std::uint64_t bits(unsigned n)
    {
        std::uint64_t v = 0;
        for (unsigned i = 0; i < n; ++i)
            v |= std::uint64_t{byte()} << (8 * i);
        return v;
    }
    std::uint64_t u64() { return bits(8); }
    std::int32_t i32() { return static_cast<std::int32_t>(bits(4)); }
    // Copies the next n bytes into dst, zeros once the input is used up.
    void fill(unsigned char *dst, std::size_t n)
    {
        const std::size_t k = n < left() ? n : left();
        if (k)
            std::memcpy(dst, p_, k);
        std::memset(dst + k, 0, n - k);
        p_ += k;
    }
    // The text up to the next `stop` byte (consumed, not returned) or the end.
    std::string until(char stop)
    {
        const void *hit = std::memchr(p_, stop, left());
        const auto *e = hit ? static_cast<const std::uint8_t *>(hit) : end_;
        std::string s(reinterpret_cast<const char *>(p_), static_cast<std::size_t>(e - p_));
        p_ = hit ? e + 1 : end_;
        return s;
    }
    // Every `stop`-separated piece of the rest (an empty input gives no piece).
    std::vector<std::string> split(char stop)
    {
        std::vector<std::string> out;
        while (!empty())
            out.push_back(until(stop));
        return out;
    }

private:
    const std::uint8_t *p_;
    const std::uint8_t *end_;
};

}  // namespace kshim_fuzz
