#!/usr/bin/env python3
"""Runs a public corpus of kernel modules (code that is not ours, never committed) through kshim.

    tests/corpus/run_corpus.py LIST CHECKOUT [--build BUILD] [--work DIR] [--oracle] [--only NAME,...]

LIST is a committed table (tests/corpus/lkmpg.txt, tests/corpus/linux-samples.txt): one entry a
line, fields separated by " | ":
    name | sources (comma-separated, relative to CHECKOUT) | kshim runner args | oracle args [| exec]
A "-" in the oracle column means the real kernel is not asked (e.g. the guest has no GPIO chip).
The optional fifth field is an --exec script given to both the runner and kernel-oracle; its
transcript is compared too (compare-kernel-log --commands). In it, {major} stands for the first
dynamic major number: 246 on the guest (its own drivers hold 254..247), 254 under kshim; for such
entries the oracle's log is compared with its 246 read as 254.
CHECKOUT is a path to the corpus (e.g. a clone of sysprog21/lkmpg). BUILD is a configured and
built kshim tree (default: build); the script installs it into a scratch prefix and builds each
entry against it with find_package(kshim) and kshim_add_module, as any outside project would.
With --oracle, each entry with oracle args is loaded into the real Linux 6.1 kernel by
../shared/tools/kernel-oracle (cached in WORK/oracle/NAME.txt) and compared with
../shared/tools/compare-kernel-log. Prints a markdown table for docs/compatibility.md:
name, compiles, runs, matches the kernel, and the first reason where not.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TOOLS = os.path.join(os.path.dirname(ROOT), 'shared', 'tools')


def parse_list(path):
    entries = []
    for line in open(path):
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        f = [x.strip() for x in line.split(' | ')]
        if len(f) not in (4, 5):
            sys.exit(f'{path}: bad line (want 4 or 5 fields): {line}')
        entries.append({'name': f[0], 'sources': f[1].split(','), 'args': f[2].split(),
                        'oracle': None if f[3] == '-' else f[3].split(),
                        'exec': f[4] if len(f) == 5 else None})
    return entries


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def install(build, prefix):
    r = run(['cmake', '--install', build, '--prefix', prefix])
    if r.returncode:
        sys.exit('install of ' + build + ' failed:\n' + r.stdout)


def project(entries, checkout, proj):
    """One outside CMake project with one module per entry (sources copied, unmodified)."""
    os.makedirs(proj, exist_ok=True)
    lines = ['cmake_minimum_required(VERSION 3.25)', 'project(kshim_corpus C CXX)',
             'find_package(kshim REQUIRED)']
    for e in entries:
        d = os.path.join(proj, e['name'])
        os.makedirs(d, exist_ok=True)
        srcs = []
        for s in e['sources']:
            shutil.copy(os.path.join(checkout, s), d)
            srcs.append(os.path.join(e['name'], os.path.basename(s)))
        # Headers beside the sources (e.g. chardev.h) come along too.
        src_dir = os.path.dirname(os.path.join(checkout, e['sources'][0]))
        for h in os.listdir(src_dir):
            if h.endswith('.h'):
                shutil.copy(os.path.join(src_dir, h), d)
        lines.append(f'kshim_add_module({mod_name(e)} SOURCES {" ".join(srcs)})')
        lines.append(f'target_include_directories({mod_name(e)}_ko PRIVATE {e["name"]})')
    open(os.path.join(proj, 'CMakeLists.txt'), 'w').write('\n'.join(lines) + '\n')


def mod_name(e):
    return re.sub(r'[^A-Za-z0-9_]', '_', e['name'])


def first_error(text):
    for line in text.splitlines():
        if re.search(r'error:|undefined reference|Error ', line):
            return re.sub(r'^.*?/([^/]+:\d+:\d+: )', r'\1', line).strip()[:140]
    return text.strip().splitlines()[-1][:140] if text.strip() else 'failed'


def build(e, bdir):
    r = run(['cmake', '--build', bdir, '--target', mod_name(e)])
    return (r.returncode == 0, '' if r.returncode == 0 else first_error(r.stdout))


GUEST_MAJOR, KSHIM_MAJOR = '246', '254'   # the first dynamic major on each side


def exec_args(e, major):
    return ['--exec', e['exec'].replace('{major}', major)] if e['exec'] else []


def run_kshim(e, bdir, work):
    exe = os.path.join(bdir, mod_name(e))
    try:
        r = run([exe, '--time', 'virtual'] + e['args'] + exec_args(e, KSHIM_MAJOR), timeout=120)
    except subprocess.TimeoutExpired:
        return False, 'timed out after 120 s of wall time', ''
    log = os.path.join(work, 'kshim', e['name'] + '.txt')
    open(log, 'w').write(r.stdout)
    bad = re.search(r'^(?:\[[ \d.]+\] )?(kshim: \S+ is not implemented|BUG: [^\n]*|Oops[^\n]*|WARNING: [^\n]*)',
                    r.stdout + r.stderr if r.stderr else r.stdout, re.M)
    if r.returncode != 0 or bad:
        why = bad.group(1)[:100] if bad else f'exit status {r.returncode}'
        return False, why, log
    return True, '', log


def oracle(e, checkout, work):
    out = os.path.join(work, 'oracle', e['name'] + '.txt')
    if os.path.exists(out):
        return out
    srcs = [os.path.join(checkout, s) for s in e['sources']]
    cmd = [os.path.join(TOOLS, 'kernel-oracle')] + list(e['oracle'])
    if len(srcs) > 1:
        cmd += ['--name', mod_name(e)]
        for s in srcs[1:]:
            cmd += ['--also', s]
    r = run(cmd + exec_args(e, GUEST_MAJOR) + [srcs[0]])
    open(out, 'w').write(r.stdout)
    return out


def compare(klog, slog, e):
    opts = []
    if e['exec']:
        opts = ['--commands']
        masked = klog + '.major'
        text = open(klog, errors='replace').read()
        open(masked, 'w').write(re.sub(r'\b' + GUEST_MAJOR + r'\b', KSHIM_MAJOR, text))
        klog = masked
    r = run([os.path.join(TOOLS, 'compare-kernel-log'), klog, slog] + opts)
    return r.returncode == 0, r.stdout.strip().splitlines()[-1][:140] if r.stdout.strip() else ''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('list')
    ap.add_argument('checkout')
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--work', default='/tmp/kshim-corpus')
    ap.add_argument('--oracle', action='store_true')
    ap.add_argument('--only', default='')
    a = ap.parse_args()
    entries = parse_list(a.list)
    if a.only:
        keep = set(a.only.split(','))
        entries = [e for e in entries if e['name'] in keep]
    for d in ('kshim', 'oracle'):
        os.makedirs(os.path.join(a.work, d), exist_ok=True)
    prefix, proj, bdir = (os.path.join(a.work, x) for x in ('prefix', 'proj', 'proj-build'))
    install(os.path.abspath(a.build), prefix)
    shutil.rmtree(proj, ignore_errors=True)
    project(entries, os.path.abspath(a.checkout), proj)
    r = run(['cmake', '-S', proj, '-B', bdir, '-DCMAKE_PREFIX_PATH=' + prefix])
    if r.returncode:
        sys.exit('configure failed:\n' + r.stdout)
    print('| module | compiles | runs | matches the kernel | why not |')
    print('| --- | --- | --- | --- | --- |')
    for e in entries:
        ok, why = build(e, bdir)
        ran, match = ('no', '-') if not ok else ('-', '-')
        if ok:
            good, why, log = run_kshim(e, bdir, a.work)
            ran = 'yes' if good else 'no'
            if e['oracle'] is None:
                match = 'not checked'
            elif a.oracle and log:
                same, diff = compare(oracle(e, a.checkout, a.work), log, e)
                match = 'yes' if same else 'no'
                why = why or ('' if same else diff)
        print(f'| {e["name"]} | {"yes" if ok else "no"} | {ran} | {match} | {why.replace("|", "/")} |',
              flush=True)


if __name__ == '__main__':
    main()
