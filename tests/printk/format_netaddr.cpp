// Tests of the printf engine's network addresses (shim/src/printk/format_netaddr.cpp): %pM, %pI, %pIS.
#include <catch2/catch.hpp>

#include <string>

#include "kfmt.hpp"

using kshim_test::kfmt;

TEST_CASE("MAC addresses print in all %pM and %pm variants", "[printk]")
{
    const unsigned char mac[6] = {0xde, 0xad, 0xbe, 0xef, 0x01, 0x02};
    CHECK(kfmt("%pM|%pMR|%pm|%pmR|%pMF|%20pM|%-20pm|", mac, mac, mac, mac, mac, mac, mac) ==
          "de:ad:be:ef:01:02|02:01:ef:be:ad:de|deadbeef0102|0201efbeadde|de-ad-be-ef-01-02|   de:ad:be:ef:01:02|"
          "deadbeef0102        |");
    CHECK(kfmt("[%pM]", "\x00\x11\x22\x33\x44\x55") == "[00:11:22:33:44:55]");
}

TEST_CASE("IPv4 and IPv6 addresses print like the kernel", "[printk]")
{
    const unsigned char ip[4] = {10, 0, 1, 200};
    CHECK(kfmt("%pI4|%pi4|%pI4h|%pI4l|%pI4n|%pI4b|%18pI4|", ip, ip, ip, ip, ip, ip, ip) ==
          "10.0.1.200|010.000.001.200|200.1.0.10|200.1.0.10|10.0.1.200|10.0.1.200|        10.0.1.200|");
    CHECK(kfmt("[%pI4]", "\x7f\x00\x00\x01") == "[127.0.0.1]");
    const unsigned char v6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    const unsigned char mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 1, 2};
    CHECK(kfmt("%pI6|%pi6|%pI6c|%pI6c|", v6, v6, v6, mapped) ==
          "2001:0db8:0000:0000:0000:0000:0000:0001|20010db8000000000000000000000001|2001:db8::1|::ffff:192.168.1.2|");
    const unsigned char single_zero[16] = {0, 1, 0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7};
    const unsigned char all_zero[16] = {};
    const unsigned char tail_zero[16] = {0x20, 0x01};
    const unsigned char two_runs[16] = {0, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 3, 0, 0};
    const unsigned char isatap[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0, 0x5e, 0xfe, 10, 1, 2, 3};
    CHECK(kfmt("%pI6c|%pI6c|%pI6c|%pI6c|%pI6c", single_zero, all_zero, tail_zero, two_runs, isatap) ==
          "1:0:2:3:4:5:6:7|::|2001::|1::2:0:0:3:0|fe80::200:5efe:10.1.2.3");
    CHECK(kfmt("%pI6", isatap) == "fe80:0000:0000:0000:0200:5efe:0a01:0203");
}

TEST_CASE("socket addresses print with optional port, flow and scope via %pIS", "[printk]")
{
    const unsigned char sin[16] = {2, 0, 0x1f, 0x90, 192, 168, 0, 1};
    unsigned char sin6[28] = {10, 0, 0x00, 0x50, 0xf1, 0x02, 0, 3};
    sin6[8] = 0xfe;
    sin6[9] = 0x80;
    sin6[23] = 1;
    sin6[24] = 5;
    const unsigned char unix_sa[4] = {1, 0};
    CHECK(kfmt("%pIS|%pISp|%pISc|%pISpc|%pISpfsc|%pIS|%piS|%piSp|%pISpl", sin, sin, sin6, sin6, sin6, unix_sa, sin,
               sin, sin) ==
          "192.168.0.1|192.168.0.1:8080|fe80::1|[fe80::1]:80|[fe80::1]:80/16908291%5|(einval)|192.168.000.001|"
          "192.168.000.001:8080|1.0.168.192:8080");
    CHECK(kfmt("%pIS|%piS|%pISf|%pISs", sin6, sin6, sin6, sin6) ==
          "fe80:0000:0000:0000:0000:0000:0000:0001|fe800000000000000000000000000001|"
          "[fe80:0000:0000:0000:0000:0000:0000:0001]/16908291|[fe80:0000:0000:0000:0000:0000:0000:0001]%5");
}
