#!/usr/bin/env python3
"""Runs Linux 6.1's own KUnit test files (not ours, never committed) through kshim.

    tests/corpus/run_kunit_corpus.py TREE [--build BUILD] [--only FILE,...]

TREE is a Linux 6.1 source tree (Debian's linux-source-6.1 unpacks to
/usr/src/linux-source-6.1). BUILD is a built kshim tree (default: build): each file is built
unmodified and run with BUILD/bin/kshim-run --time virtual --raw FILE.c (kshim-cc, cached).
On Linux 6.1 every case of these files passes (tools/testing/kunit's own runs), so a case that
fails here is a kshim defect; a case that needs what kshim lacks must be skipped with a reason.
Prints a markdown table for docs/compatibility.md (file, suites, pass, fail, skip, note) and
the reason of each skip; exits 1 if a file did not build or a case failed.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

FILES = [
    'lib/list-test.c', 'lib/kunit/kunit-example-test.c', 'lib/test_bits.c', 'lib/bitfield_kunit.c',
    'lib/overflow_kunit.c', 'lib/is_signed_type_kunit.c', 'lib/test_sort.c', 'lib/test_list_sort.c',
    'lib/memcpy_kunit.c', 'lib/cmdline_kunit.c', 'lib/kunit/kunit-test.c',
    'lib/kunit/string-stream-test.c',
]

CASE = re.compile(r'^ {4}(ok|not ok) \d+ (\S+)(?: # SKIP ?(.*))?$')
SUITE = re.compile(r'^(ok|not ok) \d+ (\S+)')


def run(kshim_run, path):
    """Counts one file's case results from its KTAP; a parameterised case counts once."""
    p = subprocess.run([kshim_run, '--time', 'virtual', '--raw', path], capture_output=True, text=True,
                       timeout=600)
    res = {'suites': [], 'pass': 0, 'fail': 0, 'skip': 0, 'skips': [], 'rc': p.returncode,
           'err': p.stderr.strip(), 'failed': []}
    for line in p.stdout.splitlines():
        m = CASE.match(line)
        if m and m.group(3) is not None:
            res['skip'] += 1
            res['skips'].append(f'{m.group(2)}: {m.group(3)}')
        elif m and m.group(1) == 'ok':
            res['pass'] += 1
        elif m:
            res['fail'] += 1
            res['failed'].append(m.group(2))
        elif SUITE.match(line):
            res['suites'].append(SUITE.match(line).group(2))
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('tree')
    ap.add_argument('--build', default=os.path.join(ROOT, 'build'))
    ap.add_argument('--only', default='')
    a = ap.parse_args()
    kshim_run = os.path.join(os.path.abspath(a.build), 'bin', 'kshim-run')
    files = a.only.split(',') if a.only else FILES
    bad = False
    print('| file | suites | pass | fail | skip | note |')
    print('|---|---|---|---|---|---|')
    notes = []
    for f in files:
        r = run(kshim_run, os.path.join(a.tree, f))
        built = bool(r['suites'])
        note = '' if built else 'does not build: ' + (r['err'].splitlines() or ['no output'])[-1][:120]
        if r['failed']:
            note = 'failed: ' + ', '.join(r['failed'])
        bad |= not built or r['fail'] > 0 or r['rc'] not in (0, 1) or (r['rc'] == 1 and not r['fail'])
        print(f"| {f} | {', '.join(r['suites'])} | {r['pass']} | {r['fail']} | {r['skip']} | {note} |")
        notes += [f'{f}: skipped {s}' for s in r['skips']]
    for n in notes:
        print(f'\n- {n}', end='')
    print()
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
