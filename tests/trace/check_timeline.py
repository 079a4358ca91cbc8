#!/usr/bin/env python3
# Renders --timeline's page (shim/src/trace/timeline.cpp) in headless Chromium: self-contained, drawn, names present.
"""Usage: check_timeline.py [--save-png PATH] RUNNER...

Runs each module runner for 10 virtual seconds with --timeline, checks that the page loads
nothing from outside (no src=, no link, no url()), renders it in headless Chromium
(Debian's chromium), then checks the DOM after the script ran (--dump-dom: a row label per CPU
and per task, the module's task names, bars drawn) and the screenshot (--screenshot: not blank,
several colours). Exits 77 (CTest's skip) when chromium is not installed. --save-png keeps the
first runner's screenshot (docs/images/).
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

EXPECTED = {
    "custom_workqueue": ["CPU 0", "CPU 1", "insmod-100", "mythread-101", "kworker/0:0-102", "rmmod-103"],
    "trace_contexts": ["CPU 0", "holder-101", "waiter-102", "ksoftirqd/0-104"],
}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def browse(browser, profile, args, timeout=120):
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
           "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--virtual-time-budget=3000"] + args
    env = dict(os.environ, HOME=profile)
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, env=env)


def png_pixels(path):
    """Decodes an 8-bit RGB or RGBA PNG into (width, height, bytes per pixel, rows)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s is no PNG" % path)
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                fail("unexpected PNG format: depth %d, colour type %d" % (depth, ctype))
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, rows, prev = zlib.decompress(idat), [], bytearray(w * bpp)
    stride = w * bpp
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def check_png(path):
    w, h, bpp, rows = png_pixels(path)
    colours, inked = set(), 0
    for row in rows[::2]:
        for x in range(0, w * bpp, bpp * 2):
            px = row[x:x + 3]
            colours.add(px)
            inked += px != b"\xff\xff\xff"
    sampled = (h // 2) * (w // 2)
    if len(colours) < 6 or inked < sampled // 50:
        fail("%s looks blank: %d colours, %d of %d sampled pixels inked" % (path, len(colours), inked, sampled))
    return len(colours), inked * 100 // max(1, sampled)


def check_static(module, page):
    for bad in (r"<script[^>]*\bsrc=", r"<link\b", r"<img\b", r"url\(", r"@import", r"https?://(?!www\.w3\.org/2000/svg)"):
        if re.search(bad, page):
            fail("%s: the page refers outside itself (%s)" % (module, bad))


def check_dom(module, dom):
    if "data-drawn=" not in dom:
        fail("%s: the script did not run (no data-drawn on body)" % module)
    labels = re.findall(r'<text[^>]*class="row-label"[^>]*>([^<]*)</text>', dom)
    for want in EXPECTED.get(module, ["CPU 0"]):
        if want not in labels:
            fail("%s: no row %r in the drawn page (rows: %r)" % (module, want, labels[:12]))
    if len(re.findall(r'class="bar ', dom)) < 3:
        fail("%s: fewer than 3 bars drawn" % module)


def main(argv):
    save = None
    if argv[:1] == ["--save-png"]:
        save, argv = argv[1], argv[2:]
    browser = chromium()
    if not browser:
        print("SKIP: chromium is not installed (Debian: apt-get install chromium; cmake/deps.sh lists it)")
        sys.exit(77)
    for runner in argv:
        module = os.path.basename(runner)
        with tempfile.TemporaryDirectory() as d:
            page_path, shot = os.path.join(d, "timeline.html"), os.path.join(d, "shot.png")
            args = [runner, "--time", "virtual", "--run-for", "10s", "--timeline", page_path]
            if module == "trace_contexts":
                args += ["--irq", "5@100msx3"]
            subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
            if not os.path.exists(page_path):
                fail("%s wrote no timeline" % module)
            check_static(module, open(page_path).read())
            url = "file://" + page_path
            dom = browse(browser, os.path.join(d, "profile"), ["--dump-dom", url])
            check_dom(module, dom.stdout.decode(errors="replace"))
            browse(browser, os.path.join(d, "profile"), ["--screenshot=" + shot, "--window-size=1200,250", url])
            if not os.path.exists(shot):
                fail("%s: chromium made no screenshot" % module)
            colours, pct = check_png(shot)
            if save:
                shutil.copy(shot, save)
                save = None
        print("ok: %s: drawn, %d colours, %d%% inked" % (module, colours, pct))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1:])
