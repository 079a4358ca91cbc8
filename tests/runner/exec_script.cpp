// Tests of the --exec parser: entries, quoting, '&', redirections, each command's operands, and the usage errors.
#include <catch2/catch.hpp>

#include "runner/exec_script.hpp"

using namespace kshim;

namespace {

ExecScript ok(const std::string &text)
{
    ExecParse p = parse_exec_script(text);
    INFO(text << " -> " << p.error);
    REQUIRE(p.error.empty());
    return p.script;
}

ExecCommand one(const std::string &text)
{
    ExecScript s = ok(text);
    REQUIRE(s.lines.size() == 1);
    REQUIRE(s.lines[0].commands.size() == 1);
    return s.lines[0].commands[0];
}

std::string error_of(const std::string &text)
{
    ExecParse p = parse_exec_script(text);
    CHECK(p.script.lines.empty());
    return p.error;
}

}  // namespace

TEST_CASE("the script is split at every ';' and newline, leading blanks dropped, empty entries skipped", "[runner]")
{
    ExecScript s = ok("cat /proc/a;  echo hi > /dev/x ;;\n ls /sys/kernel;   ");
    REQUIRE(s.lines.size() == 3);
    CHECK(s.lines[0].text == "cat /proc/a");
    CHECK(s.lines[1].text == "echo hi > /dev/x ");   // kept as the oracle echoes it
    CHECK(s.lines[2].text == "ls /sys/kernel");
    CHECK(s.lines[1].commands[0].op == ExecOp::Echo);
    CHECK(s.lines[1].commands[0].redirect == "/dev/x");
}

TEST_CASE("words follow sh's quoting: single quotes, double quotes and backslashes", "[runner]")
{
    ExecCommand c = one(R"(echo 'a  b' "c \"d\"" e\ f '')");
    CHECK(c.args == std::vector<std::string>{"a  b", "c \"d\"", "e f", ""});
    CHECK(one(R"(printf '%s\n' x)").args == std::vector<std::string>{"%s\\n", "x"});
}

TEST_CASE("'&' runs the command before it in the background and separates it from the next", "[runner]")
{
    ExecScript s = ok("cat /dev/x & sleep 1; cat /dev/y &");
    const auto &a = s.lines[0].commands;
    REQUIRE(a.size() == 2);
    CHECK(a[0].op == ExecOp::Cat);
    CHECK(a[0].background);
    CHECK_FALSE(a[0].err_to_out);   // the oracle's 2>&1 is on the line's last command only
    CHECK(a[1].op == ExecOp::Sleep);
    CHECK_FALSE(a[1].background);
    CHECK(a[1].err_to_out);
    REQUIRE(s.lines[1].commands.size() == 1);
    CHECK(s.lines[1].commands[0].background);
    CHECK(one("sleep 1&").background);
}

TEST_CASE("'>' truncates and '>>' appends, the file attached or apart; 2>&1 changes nothing", "[runner]")
{
    ExecCommand c = one("echo -n x >/dev/a");
    CHECK(c.redirect == "/dev/a");
    CHECK_FALSE(c.append);
    c = one("echo x >> /dev/b 2>&1");
    CHECK(c.redirect == "/dev/b");
    CHECK(c.append);
    CHECK(c.args == std::vector<std::string>{"x"});
    CHECK(one("cat /proc/a > /dev/c").redirect == "/dev/c");
}

TEST_CASE("each command's operands are decoded", "[runner]")
{
    ExecCommand h = one("head -c 7 /proc/x");
    CHECK(h.head_bytes);
    CHECK(h.count == 7);
    CHECK(h.args == std::vector<std::string>{"/proc/x"});
    h = one("head -n3 /proc/x");
    CHECK_FALSE(h.head_bytes);
    CHECK(h.count == 3);
    CHECK(one("head /proc/x").count == 10);

    ExecCommand e = one("echo -n -e a\\\\tb");
    CHECK(e.no_newline);
    CHECK(e.escapes);
    CHECK(e.args == std::vector<std::string>{"a\\tb"});
    CHECK(one("echo -x").args == std::vector<std::string>{"-x"});   // not an option: a word

    ExecCommand m = one("mknod /dev/n c 240 3");
    CHECK(m.args == std::vector<std::string>{"/dev/n"});
    CHECK(m.major == 240);
    CHECK(m.minor == 3);

    CHECK(one("sleep 0.25").sleep_ns == 250000000ull);
    CHECK(one("sleep 2m").sleep_ns == 120000000000ull);

    ExecCommand d = one("dd if=/proc/a of=/dev/b bs=2k count=3 skip=1");
    CHECK(d.dd_if == "/proc/a");
    CHECK(d.dd_of == "/dev/b");
    CHECK(d.bs == 2048);
    REQUIRE(d.dd_count);
    CHECK(*d.dd_count == 3);
    CHECK(d.skip == 1);
    d = one("dd if=/proc/a");
    CHECK(d.bs == 512);
    CHECK_FALSE(d.dd_count);
    CHECK(d.dd_of.empty());

    ExecCommand i = one("ioctl /dev/x 0x80047001 x:0a0B");
    CHECK(i.nr == 0x80047001ul);
    REQUIRE(i.buf);
    CHECK(*i.buf == std::string("\x0a\x0b", 2));
    i = one("ioctl /dev/x 7 42");
    CHECK(i.value == 42);
    CHECK_FALSE(i.buf);
}

TEST_CASE("bad syntax is an error naming the entry, and no script is returned", "[runner]")
{
    CHECK(error_of("cat /a; grep x /proc/devices").find("'grep x /proc/devices': unknown command 'grep'") != std::string::npos);
    CHECK(error_of("cat /a | head -c 1 /b").find("unsupported shell syntax '|'") != std::string::npos);
    CHECK(error_of("echo $HOME").find("unsupported") != std::string::npos);
    CHECK(error_of("echo 'open").find("unterminated quote") != std::string::npos);
    CHECK(error_of("cat /a && cat /b").find("'&&'") != std::string::npos);
    CHECK(error_of("& cat /a").find("'&' without a command") != std::string::npos);
    CHECK(error_of("echo hi >").find("needs a FILE") != std::string::npos);
    CHECK(error_of("echo a > /x > /y").find("one redirection") != std::string::npos);
    CHECK(error_of("> /x").find("without a command") != std::string::npos);
    CHECK(error_of("cat").find("cat needs a FILE") != std::string::npos);
    CHECK(error_of("head -c x /a").find("invalid number 'x'") != std::string::npos);
    CHECK(error_of("head -q /a").find("-c N or -n N") != std::string::npos);
    CHECK(error_of("head /a /b").find("one FILE") != std::string::npos);
    CHECK(error_of("printf").find("FORMAT") != std::string::npos);
    CHECK(error_of("ls").find("one DIR") != std::string::npos);
    CHECK(error_of("ls -l /dev").find("one DIR") != std::string::npos);
    CHECK(error_of("mknod /dev/x b 8 0").find("character devices only") != std::string::npos);
    CHECK(error_of("mknod /dev/x c 4096 0").find("MAJOR or MINOR") != std::string::npos);
    CHECK(error_of("sleep soon").find("SECONDS") != std::string::npos);
    CHECK(error_of("sleep -1").find("SECONDS") != std::string::npos);
    CHECK(error_of("dd of=/dev/x").find("if=") != std::string::npos);
    CHECK(error_of("dd if=/a bs=0").find("bs must be") != std::string::npos);
    CHECK(error_of("dd if=/a conv=notrunc").find("invalid operand") != std::string::npos);
    CHECK(error_of("dd /a").find("KEY=VALUE") != std::string::npos);
    CHECK(error_of("ioctl /dev/x").find("FILE NR") != std::string::npos);
    CHECK(error_of("ioctl /dev/x 1 x:abc").find("even number") != std::string::npos);
    CHECK(error_of("ioctl /dev/x 1 y").find("number or x:HEX") != std::string::npos);
    CHECK(error_of(" ; ;").find("no command") != std::string::npos);
    CHECK(error_of("cat /a # note").find("comments") != std::string::npos);
}

TEST_CASE("any text parses to a valid script or an error, never a crash or an empty command", "[runner]")
{
    const std::string alphabet = "catheadlsmknodsleepddioctlechoprintf  -cn0123456789x:/;&>'\"\\|$*\n\tif=of=bs=";
    uint32_t seed = 12345;
    auto next = [&seed] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
    std::vector<std::string> starts = {"cat /a", "echo x > /b", "dd if=/c bs=1", "sleep 1 &", "ioctl /d 1 x:00"};
    unsigned valid = 0;
    for (int n = 0; n < 20000; ++n) {
        std::string text = starts[next() % starts.size()];
        for (unsigned len = next() % 24; len; --len)
            text += alphabet[next() % alphabet.size()];
        ExecParse p = parse_exec_script(text);
        INFO(text);
        CHECK(p.error.empty() != p.script.lines.empty());
        for (const ExecLine &l : p.script.lines) {
            CHECK_FALSE(l.text.empty());
            REQUIRE_FALSE(l.commands.empty());
            CHECK(l.commands.back().err_to_out);
        }
        valid += p.error.empty();
    }
    CHECK(valid > 1000);   // the generator reaches valid scripts too
}

TEST_CASE("a line of only 2>&1 is a usage error, not a line without commands (found by kshim_fuzz_exec_script)", "[runner]")
{
    CHECK(error_of("2>&1").find("a redirection without a command") != std::string::npos);
    CHECK(error_of("cat /a; 2>&1").find("a redirection without a command") != std::string::npos);
}

TEST_CASE("a --user program's name is a command with its words as arguments, before the built-in of that name", "[runner]")
{
    ExecParse p = parse_exec_script("cat_nonblock /proc/sleep > /dev/x & cat /proc/a", {"cat_nonblock", "cat"});
    REQUIRE(p.error.empty());
    REQUIRE(p.script.lines[0].commands.size() == 2);
    const ExecCommand &c = p.script.lines[0].commands[0];
    CHECK(c.op == ExecOp::User);
    CHECK(c.args == std::vector<std::string>{"cat_nonblock", "/proc/sleep"});
    CHECK(c.redirect == "/dev/x");
    CHECK(c.background);
    CHECK(p.script.lines[0].commands[1].op == ExecOp::User);   // --user cat shadows busybox's cat
    CHECK(error_of("cat_nonblock /proc/sleep").find("unknown command 'cat_nonblock'") != std::string::npos);
}
