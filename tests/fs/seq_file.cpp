// Tests for seq_file (shim/src/fs/seq_file.cpp): reads through kvec iterators in every size, buffer growth, restarts, seeks, the output helpers and iterators.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "kshim/testing.hpp"
#include "support/oracle.hpp"
#include "support/user_files.hpp"

#undef WARN  // Catch2's; linux/bug.h defines the kernel's
#include "linux/fs.h"
#include "linux/list.h"
#include "linux/printk.h"
#include "linux/seq_file.h"
#include "linux/slab.h"
#include "linux/uio.h"

using kshim::testing::SysResult;
using kshim::testing::TestKernel;

namespace {

// An open seq_file as a VFS would hold it: a struct file and its position, read with kvecs.
struct SeqFile {
    struct inode inode {};
    struct file file {};

    // One read of up to n bytes at the file's position (as read(2) does); appends to out.
    ssize_t read(std::string &out, size_t n)
    {
        std::vector<char> buf(n ? n : 1);
        struct kvec v = {buf.data(), n};
        struct iov_iter it;
        iov_iter_kvec(&it, ITER_DEST, &v, 1, n);
        struct kiocb kio {};
        kio.ki_filp = &file;
        kio.ki_pos = file.f_pos;
        ssize_t r = seq_read_iter(&kio, &it);
        if (r > 0) {
            out.append(buf.data(), r);
            CHECK(kio.ki_pos == file.f_pos + r);
        }
        file.f_pos = kio.ki_pos;
        return r;
    }

    // Reads in chunks of n bytes to the end (a read that returns 0); the reads' count in *reads.
    std::string read_all(size_t n, int *reads = nullptr)
    {
        std::string out;
        int count = 0;
        ssize_t r;
        while ((r = read(out, n)) > 0)
            count++;
        CHECK(r == 0);
        if (reads)
            *reads = count;
        return out;
    }

    seq_file *seq() { return static_cast<seq_file *>(file.private_data); }
};

int show_calls;

int show_hello(struct seq_file *m, void *)
{
    show_calls++;
    seq_printf(m, "hello %s\n", static_cast<const char *>(m->private_));
    return 0;
}

// Five records "rec N\n", N = 0..4; show counts its calls.
struct Records {
    static constexpr long n = 5;
    static void *start(struct seq_file *, loff_t *pos) { return *pos < n ? (void *)(*pos + 1) : nullptr; }
    static void *next(struct seq_file *, void *, loff_t *pos)
    {
        ++*pos;
        return *pos < n ? (void *)(*pos + 1) : nullptr;
    }
    static void stop(struct seq_file *, void *) {}
    static int show(struct seq_file *m, void *v)
    {
        show_calls++;
        seq_printf(m, "rec %ld\n", (long)v - 1);
        return 0;
    }
};
const struct seq_operations records_ops = {Records::start, Records::stop, Records::next, Records::show};

const std::string all_records = "rec 0\nrec 1\nrec 2\nrec 3\nrec 4\n";

}  // namespace

TEST_CASE("single_open's show() gives the whole file to one big read and to byte-by-byte reads", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        for (size_t chunk : {size_t(1), size_t(3), size_t(4096)}) {
            SeqFile f;
            char who[] = "world";
            REQUIRE(single_open(&f.file, show_hello, who) == 0);
            CHECK(f.seq()->private_ == who);
            CHECK(f.seq()->file == &f.file);
            show_calls = 0;
            int reads = 0;
            CHECK(f.read_all(chunk, &reads) == "hello world\n");
            CHECK(reads == (int)((12 + chunk - 1) / chunk));
            CHECK(show_calls == 1);  // the rest of a record is served from the buffer
            CHECK(f.seq()->size == PAGE_SIZE);
            CHECK(single_release(&f.inode, &f.file) == 0);
        }
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
}

TEST_CASE("An iterator's records are each shown once, whatever the read size", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        for (size_t chunk : {size_t(1), size_t(6), size_t(7), size_t(100)}) {
            SeqFile f;
            REQUIRE(seq_open(&f.file, &records_ops) == 0);
            show_calls = 0;
            CHECK(f.read_all(chunk) == all_records);
            CHECK(show_calls == 5);
            seq_release(&f.inode, &f.file);
        }
        return 0L;
    });
}

TEST_CASE("A read fills with records while it wants more bytes; the rest waits in the buffer", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        SeqFile f;
        REQUIRE(seq_open(&f.file, &records_ops) == 0);
        show_calls = 0;
        std::string out;
        CHECK(f.read(out, 7) == 7);      // "rec 0\n", then "rec 1\n" is shown for the last byte
        CHECK(out == "rec 0\nr");
        CHECK(show_calls == 2);
        CHECK(f.seq()->index == 2);
        CHECK(f.seq()->count == 5);
        CHECK(f.read(out, 7) == 7);      // the buffered rest, then "rec 2\n" for the last 2 bytes
        CHECK(out == all_records.substr(0, 14));
        CHECK(show_calls == 3);
        seq_release(&f.inode, &f.file);
        return 0L;
    });
}

namespace {
// Four records of 1500 bytes: the third no longer fits in a page after the first two.
int wide_show(struct seq_file *m, void *v)
{
    show_calls++;
    std::string line(1499, (char)('a' + (long)v - 1));
    seq_write(m, line.data(), line.size());
    seq_putc(m, '\n');
    return 0;
}
void *four_start(struct seq_file *, loff_t *pos) { return *pos < 4 ? (void *)(*pos + 1) : nullptr; }
void *four_next(struct seq_file *, void *, loff_t *pos)
{
    ++*pos;
    return *pos < 4 ? (void *)(*pos + 1) : nullptr;
}
void four_stop(struct seq_file *, void *) {}
const struct seq_operations wide_ops = {four_start, four_stop, four_next, wide_show};
}  // namespace

TEST_CASE("A record that does not fit after others is dropped from this read and shown again in the next", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        SeqFile f;
        REQUIRE(seq_open(&f.file, &wide_ops) == 0);
        show_calls = 0;
        std::string out;
        CHECK(f.read(out, 8192) == 3000);
        CHECK(show_calls == 3);
        CHECK(f.seq()->size == PAGE_SIZE);  // not grown: the first record fitted
        CHECK(f.read(out, 8192) == 3000);
        CHECK(show_calls == 5);
        CHECK(out.substr(2999, 2) == "\nc");
        CHECK(f.read(out, 8192) == 0);
        seq_release(&f.inode, &f.file);
        return 0L;
    });
}

TEST_CASE("seq_lseek back to 0 restarts the records; a seek into a record replays up to it", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        SeqFile f;
        REQUIRE(seq_open(&f.file, &records_ops) == 0);
        CHECK(f.read_all(4) == all_records);
        CHECK(seq_lseek(&f.file, 0, SEEK_SET) == 0);
        CHECK(f.file.f_pos == 0);
        CHECK(f.read_all(100) == all_records);
        CHECK(seq_lseek(&f.file, 8, SEEK_SET) == 8);
        CHECK(f.read_all(100) == all_records.substr(8));
        CHECK(seq_lseek(&f.file, -20, SEEK_CUR) == 10);
        CHECK(f.read_all(5) == all_records.substr(10));
        CHECK(seq_lseek(&f.file, 0, SEEK_END) == -EINVAL);
        CHECK(seq_lseek(&f.file, -1, SEEK_SET) == -EINVAL);
        CHECK(seq_lseek(&f.file, 1000, SEEK_SET) == 1000);  // past the end: reads give 0
        std::string out;
        CHECK(f.read(out, 10) == 0);
        seq_release(&f.inode, &f.file);
        return 0L;
    });
}

TEST_CASE("A read at an offset other than where the last one ended (pread) replays the records to it", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        SeqFile f;
        REQUIRE(seq_open(&f.file, &records_ops) == 0);
        std::string out;
        f.file.f_pos = 13;
        CHECK(f.read(out, 4) == 4);
        CHECK(out == all_records.substr(13, 4));
        f.file.f_pos = 0;  // back to 0 without a seek: starts over
        out.clear();
        CHECK(f.read(out, 100) == 30);
        CHECK(out == all_records);
        seq_release(&f.inode, &f.file);
        return 0L;
    });
}

namespace {
int big_show(struct seq_file *m, void *)
{
    show_calls++;
    for (int i = 0; i < 500; i++)
        seq_printf(m, "%09d\n", i);  // 5000 bytes: more than a page
    return 0;
}
}  // namespace

TEST_CASE("A show() that overflows the page doubles the buffer and is run again", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        SeqFile f;
        REQUIRE(single_open(&f.file, big_show, nullptr) == 0);
        show_calls = 0;
        std::string got = f.read_all(1000);
        CHECK(got.size() == 5000);
        CHECK(got.substr(0, 10) == "000000000\n");
        CHECK(got.substr(4990) == "000000499\n");
        CHECK(show_calls == 2);
        CHECK(f.seq()->size == 2 * PAGE_SIZE);
        // a seek replays through the bigger buffer without growing it again
        show_calls = 0;
        CHECK(seq_lseek(&f.file, 4500, SEEK_SET) == 4500);
        CHECK(f.read_all(4096) == got.substr(4500));
        CHECK(show_calls == 1);
        single_release(&f.inode, &f.file);
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
}

TEST_CASE("single_open_size starts with the given buffer size", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        SeqFile f;
        REQUIRE(single_open_size(&f.file, big_show, nullptr, 3 * PAGE_SIZE) == 0);
        CHECK(f.seq()->size == 3 * PAGE_SIZE);
        show_calls = 0;
        CHECK(f.read_all(8192).size() == 5000);
        CHECK(show_calls == 1);
        single_release(&f.inode, &f.file);
        return 0L;
    });
}

namespace {
// Records 0..2; next() returns NULL after the first, or forgets to move *pos (a buggy next).
bool buggy_next;
void *short_start(struct seq_file *, loff_t *pos) { return *pos < 3 ? (void *)(*pos + 1) : nullptr; }
void *null_next(struct seq_file *, void *, loff_t *pos)
{
    if (!buggy_next)
        ++*pos;
    return nullptr;
}
void short_stop(struct seq_file *, void *) {}
int short_show(struct seq_file *m, void *v)
{
    seq_printf(m, "item %ld\n", (long)v - 1);
    return 0;
}
const struct seq_operations short_ops = {short_start, short_stop, null_next, short_show};
}  // namespace

TEST_CASE("When next() returns NULL a read ends there; the next read restarts at the new index", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        buggy_next = false;
        SeqFile f;
        REQUIRE(seq_open(&f.file, &short_ops) == 0);
        std::string out;
        CHECK(f.read(out, 100) == 7);
        CHECK(out == "item 0\n");
        CHECK(f.read(out, 100) == 7);  // start() at index 1 gives the next one
        CHECK(out == "item 0\nitem 1\n");
        seq_release(&f.inode, &f.file);
        return 0L;
    });
}

TEST_CASE("A next() that does not move the position is reported and the index moved for it", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        buggy_next = true;
        SeqFile f;
        REQUIRE(seq_open(&f.file, &short_ops) == 0);
        std::string out;
        CHECK(f.read(out, 100) == 7);
        CHECK(f.seq()->index == 1);
        seq_release(&f.inode, &f.file);
        return 0L;
    });
    CHECK(k.log_contains("buggy .next function "));
    CHECK(k.log_contains("null_next"));  // %ps of a C++ test function: its demangled name
    CHECK(k.log_contains("did not update position index"));
}

namespace {
// Records 0..3: record 1 is skipped, record 2 writes then skips, show fails on 3 when asked to.
bool fail_last;
int skip_show(struct seq_file *m, void *v)
{
    long i = (long)v - 1;
    if (i == 1)
        return SEQ_SKIP;
    if (i == 3 && fail_last)
        return -EIO;
    seq_printf(m, "r%ld\n", i);
    return i == 2 ? SEQ_SKIP : 0;
}
const struct seq_operations skip_ops = {four_start, short_stop, four_next, skip_show};
}  // namespace

TEST_CASE("SEQ_SKIP drops a record's output; a show() error ends the read, and is returned when nothing was read", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        fail_last = false;
        SeqFile f;
        REQUIRE(seq_open(&f.file, &skip_ops) == 0);
        CHECK(f.read_all(100) == "r0\nr3\n");
        seq_release(&f.inode, &f.file);

        fail_last = true;
        SeqFile g;
        REQUIRE(seq_open(&g.file, &skip_ops) == 0);
        std::string out;
        CHECK(g.read(out, 100) == 3);    // r0, then the error stops the fill
        CHECK(g.read(out, 100) == -EIO);  // nothing but the error left
        CHECK(out == "r0\n");
        seq_release(&g.inode, &g.file);
        return 0L;
    });
}

TEST_CASE("A zero-length read returns 0 without calling the iterator", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        SeqFile f;
        REQUIRE(seq_open(&f.file, &records_ops) == 0);
        show_calls = 0;
        std::string out;
        CHECK(f.read(out, 0) == 0);
        CHECK(show_calls == 0);
        CHECK(f.seq()->buf == nullptr);
        seq_release(&f.inode, &f.file);
        return 0L;
    });
}

TEST_CASE("seq_open_private gives zeroed private memory that seq_release_private frees", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        SeqFile f;
        void *p = __seq_open_private(&f.file, &records_ops, 64);
        REQUIRE(p != nullptr);
        CHECK(f.seq()->private_ == p);
        std::vector<char> zero(64, 0);
        CHECK(std::memcmp(p, zero.data(), 64) == 0);
        CHECK(seq_release_private(&f.inode, &f.file) == 0);
        SeqFile g;
        CHECK(seq_open_private(&g.file, &records_ops, 16) == 0);
        seq_release_private(&g.inode, &g.file);
        return 0L;
    });
    CHECK(k.live_allocations() == 0);
}

TEST_CASE("seq_open warns when the file already has private data and clears FMODE_PWRITE", "[fs][seq_file]")
{
    TestKernel k;
    k.run_task([] {
        SeqFile f;
        int dummy;
        f.file.private_data = &dummy;
        f.file.f_mode = FMODE_READ | FMODE_PWRITE | FMODE_PREAD;
        REQUIRE(seq_open(&f.file, &records_ops) == 0);
        CHECK(f.file.f_mode == (FMODE_READ | FMODE_PREAD));
        seq_release(&f.inode, &f.file);
        return 0L;
    });
    CHECK(k.warnings() == 1);
}

namespace {
// A seq_file with a buffer of size bytes, for the output helpers.
struct Buf {
    std::vector<char> mem;
    seq_file m {};
    explicit Buf(size_t size) : mem(size)
    {
        m.buf = mem.data();
        m.size = size;
    }
    std::string text() const { return std::string(m.buf, m.count); }
    bool overflowed() { return seq_has_overflowed(&m); }
};
}  // namespace

TEST_CASE("seq_printf, seq_puts and seq_write need one byte to spare; seq_putc may take the last", "[fs][seq_file]")
{
    TestKernel k;
    Buf b(8);
    seq_printf(&b.m, "%d-%s", 12, "ab");
    CHECK(b.text() == "12-ab");
    seq_puts(&b.m, "cd");
    CHECK(b.text() == "12-abcd");
    seq_putc(&b.m, 'e');  // the last byte
    CHECK(b.text() == "12-abcde");
    CHECK(b.overflowed());

    Buf c(4);
    seq_puts(&c.m, "abcd");  // would fill the buffer: overflow
    CHECK(c.overflowed());
    Buf d(4);
    CHECK(seq_write(&d.m, "abc", 3) == 0);
    CHECK(seq_write(&d.m, "x", 1) == -1);
    CHECK(d.overflowed());
    Buf e(4);
    seq_printf(&e.m, "%s", "abcd");
    CHECK(e.overflowed());
}

TEST_CASE("seq_pad fills with spaces to the width seq_setwidth set, then the character", "[fs][seq_file]")
{
    TestKernel k;
    Buf b(64);
    seq_setwidth(&b.m, 8);
    seq_puts(&b.m, "abc");
    seq_pad(&b.m, '\n');
    CHECK(b.text() == "abc     \n");
    seq_setwidth(&b.m, 2);
    seq_puts(&b.m, "long");
    seq_pad(&b.m, 0);
    CHECK(b.text() == "abc     \nlong");
}

TEST_CASE("seq_put_decimal_* and seq_put_hex_ll print numbers as 6.1 does", "[fs][seq_file]")
{
    TestKernel k;
    Buf b(128);
    seq_put_decimal_ull(&b.m, "", 0);
    seq_put_decimal_ull(&b.m, " ", 18446744073709551615ull);
    seq_put_decimal_ull_width(&b.m, ":", 42, 5);
    seq_put_decimal_ll(&b.m, " ", -7);
    seq_put_decimal_ll(&b.m, ", ", -9223372036854775807ll - 1);
    seq_put_hex_ll(&b.m, " ", 0xbeef, 0);
    seq_put_hex_ll(&b.m, " ", 0x1f, 4);
    seq_put_hex_ll(&b.m, NULL, 0, 0);
    CHECK(b.text() == "0 18446744073709551615:   42 -7, -9223372036854775808 beef 001f0");
}

TEST_CASE("seq_hex_dump writes print_hex_dump's lines", "[fs][seq_file]")
{
    TestKernel k;
    Buf b(512);
    const char data[] = "0123456789abcdefXYZ";
    seq_hex_dump(&b.m, "dump: ", DUMP_PREFIX_OFFSET, 16, 1, data, 19, true);
    CHECK(b.text() ==
          "dump: 00000000: 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  0123456789abcdef\n"
          "dump: 00000010: 58 59 5a                                         XYZ\n");
    Buf c(128);
    seq_hex_dump(&c.m, "", DUMP_PREFIX_NONE, 8, 4, data, 8, false);  // rowsize 8 becomes 16
    CHECK(c.text() == "33323130 37363534\n");
}

TEST_CASE("seq_escape writes the characters of its set as octal escapes", "[fs][seq_file]")
{
    TestKernel k;
    Buf b(64);
    seq_escape(&b.m, "a b\\c\td", " \t\\");
    CHECK(b.text() == "a\\040b\\134c\\011d");
    seq_show_option(&b.m, "opt", "x,y");
    CHECK(b.text() == "a\\040b\\134c\\011d,opt=x\\054y");
    Buf c(4);
    seq_escape(&c.m, " ", " ");  // four bytes in a buffer of four: overflow
    CHECK(c.overflowed());
}

namespace {
struct Item {
    int v;
    struct list_head node;
    struct hlist_node hnode;
};
}  // namespace

TEST_CASE("seq_list_start/next walk a list and seq_list_start_head puts the head first", "[fs][seq_file]")
{
    TestKernel k;
    LIST_HEAD(head);
    Item items[3] = {{10, {}, {}}, {20, {}, {}}, {30, {}, {}}};
    for (auto &it : items)
        list_add_tail(&it.node, &head);
    CHECK(seq_list_start(&head, 0) == &items[0].node);
    CHECK(seq_list_start(&head, 2) == &items[2].node);
    CHECK(seq_list_start(&head, 3) == nullptr);
    CHECK(seq_list_start_head(&head, 0) == &head);
    CHECK(seq_list_start_head(&head, 1) == &items[0].node);
    loff_t pos = 1;
    CHECK(seq_list_next(&items[1].node, &head, &pos) == &items[2].node);
    CHECK(pos == 2);
    CHECK(seq_list_next(&items[2].node, &head, &pos) == nullptr);
    CHECK(pos == 3);
    CHECK(seq_list_next(&head, &head, &pos) == &items[0].node);
    CHECK(seq_list_start_rcu(&head, 1) == &items[1].node);
    CHECK(seq_list_start_head_rcu(&head, 0) == &head);
    CHECK(seq_list_next_rcu(&items[0].node, &head, &pos) == &items[1].node);
}

TEST_CASE("seq_hlist_start/next walk an hlist; seq_hlist_start_head begins with SEQ_START_TOKEN", "[fs][seq_file]")
{
    TestKernel k;
    struct hlist_head head = HLIST_HEAD_INIT;
    Item items[2] = {{1, {}, {}}, {2, {}, {}}};
    hlist_add_head(&items[1].hnode, &head);
    hlist_add_head(&items[0].hnode, &head);
    CHECK(seq_hlist_start(&head, 1) == &items[1].hnode);
    CHECK(seq_hlist_start(&head, 2) == nullptr);
    CHECK(seq_hlist_start_head(&head, 0) == SEQ_START_TOKEN);
    CHECK(seq_hlist_start_head(&head, 2) == &items[1].hnode);
    loff_t pos = 0;
    CHECK(seq_hlist_next(SEQ_START_TOKEN, &head, &pos) == &items[0].hnode);
    CHECK(seq_hlist_next(&items[1].hnode, &head, &pos) == nullptr);
    CHECK(pos == 2);
    CHECK(seq_hlist_start_rcu(&head, 0) == &items[0].hnode);
    CHECK(seq_hlist_start_head_rcu(&head, 0) == SEQ_START_TOKEN);
    CHECK(seq_hlist_next_rcu(&items[0].hnode, &head, &pos) == &items[1].hnode);
}

namespace {
// The iterator a module writes with seq_list_*: a header line, then one line per entry.
LIST_HEAD(module_list);
void *list_start(struct seq_file *, loff_t *pos) { return seq_list_start_head(&module_list, *pos); }
void *list_next(struct seq_file *, void *v, loff_t *pos) { return seq_list_next(v, &module_list, pos); }
int list_show(struct seq_file *m, void *v)
{
    if (v == &module_list)
        seq_puts(m, "value\n");
    else
        seq_printf(m, "%d\n", list_entry(static_cast<struct list_head *>(v), Item, node)->v);
    return 0;
}
const struct seq_operations list_ops = {list_start, short_stop, list_next, list_show};
}  // namespace

TEST_CASE("A seq_list iterator reads as its header and entries, whole or a byte at a time", "[fs][seq_file]")
{
    TestKernel k;
    Item items[3] = {{7, {}, {}}, {8, {}, {}}, {9, {}, {}}};
    for (auto &it : items)
        list_add_tail(&it.node, &module_list);
    k.run_task([] {
        for (size_t chunk : {size_t(1), size_t(4096)}) {
            SeqFile f;
            REQUIRE(seq_open(&f.file, &list_ops) == 0);
            CHECK(f.read_all(chunk) == "value\n7\n8\n9\n");
            seq_release(&f.inode, &f.file);
        }
        return 0L;
    });
    INIT_LIST_HEAD(&module_list);
}

// The seq_proc test module over procfs's proc_create_seq / proc_create_single_data.
namespace {
std::string mod(const char *name) { return std::string(KSHIM_TEST_MODULES) + "/" + name + ".ko"; }

// What the oracle printed after "$ CMD" up to the next "$ " command (or the next log line).
std::string oracle_output(const std::string &cmd)
{
    std::string log = kshim_test::oracle_log("seq_proc"), key = "$ " + cmd + "\n";
    size_t at = log.find(key);
    if (at == std::string::npos)
        return "(not in the oracle log)";
    at += key.size();
    size_t end = log.find("\n$ ", at - 1);
    return log.substr(at, end == std::string::npos ? std::string::npos : end + 1 - at);
}
}  // namespace

TEST_CASE("seq_proc's proc_create_seq and proc_create_single_data files read as on the real kernel", "[fs][seq_file]")
{
    TestKernel k;
    REQUIRE(k.load(mod("seq_proc")) == 0);
    auto &u = k.user("cat");
    CHECK(kshim_test::cat_file(u, "/proc/seq_items") == oracle_output("cat /proc/seq_items"));
    CHECK(kshim_test::cat_file(u, "/proc/seq_items", 1) == oracle_output("cat /proc/seq_items"));
    CHECK(kshim_test::cat_file(u, "/proc/seq_single") == oracle_output("cat /proc/seq_single"));
    CHECK(kshim_test::cat_file(u, "/proc/seq_single", 3) == oracle_output("cat /proc/seq_single"));
    SysResult fd = u.open("/proc/seq_items", O_RDONLY);
    CHECK(u.read(fd.ret, 7).data == "id  squ");   // head -c 7
    CHECK(u.lseek(fd.ret, 14, SEEK_SET).ret == 14);
    CHECK(u.read(fd.ret, 6).data == "  1\n2 ");
    u.close(fd.ret);
    CHECK(k.unload("seq_proc").error == 0);
    CHECK(kshim_test::lines_with_prefix(k.log_texts(), "seq_proc: ") == kshim_test::oracle_module_lines("seq_proc"));
}

TEST_CASE("A seq_file read into a bad user address fails with EFAULT; the next read gives everything", "[fs][seq_file]")
{
    TestKernel k;
    REQUIRE(k.load(mod("seq_proc")) == 0);
    auto &u = k.user("cat");
    SysResult fd = u.open("/proc/seq_items", kshim_test::rd_only);
    REQUIRE(fd.ret >= 0);
    SysResult bad = u.read_at(fd.ret, 0x10, 8);  // not the task's memory
    CHECK(bad.ret == -1);
    CHECK(bad.err == EFAULT);
    CHECK(u.read(fd.ret, 4096).data == oracle_output("cat /proc/seq_items"));
    u.close(fd.ret);
    CHECK(k.unload("seq_proc").error == 0);
}
