#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the VCMBENCH lines of a make bench log into a table and JSON.

usage: bench_report.py LOG JSON    table on stdout, results to JSON
       bench_report.py --md JSON    the README's table, from JSON

Exits 1 if the log holds no result or a workload lacks its VCM time.
"""
import json
import os
import platform
import re
import sys
import time

PATHS = ('vcm', 'per_page', 'io_pgtable', 'writer', 'memory', 'tables',
         'tables_alloc')
BASELINES = PATHS[1:]
# A 1 GiB bind split into the engine's steps (vcm_bench_bind.c).
PHASES = ('vcm_prepare', 'vcm_write', 'vcm_flush')
LINE = re.compile(r'VCMBENCH (\S+) (\S+) (\S+) ops=(\d+) median=(\d+) '
                  r'min=(\d+) max=(\d+)')
META = re.compile(r'VCMBENCH-META (\S+) (\S+) (.*)$')


def cpu_model():
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    return line.split(':', 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or 'unknown'


def parse(path):
    rows, order = {}, []
    with open(path, errors='replace') as f:
        for line in f:
            m = LINE.search(line)
            if m:
                wl, fmt, p = m.group(1), m.group(2), m.group(3)
                ops, med, lo, hi = (int(x) for x in m.group(4, 5, 6, 7))
                key = (wl, fmt)
                if key not in rows:
                    rows[key] = {'paths': {}, 'meta': {}}
                    order.append(key)
                rows[key]['paths'][p] = {
                    'ops_per_sample': ops,
                    'median_ns': med / ops,
                    'min_ns': lo / ops,
                    'max_ns': hi / ops,
                    'spread_pct': 100.0 * (hi - lo) / med if med else 0.0,
                }
                continue
            m = META.search(line)
            if m:
                key = (m.group(1), m.group(2))
                if key not in rows:
                    rows[key] = {'paths': {}, 'meta': {}}
                    order.append(key)
                for kv in m.group(3).split():
                    k, _, v = kv.partition('=')
                    rows[key]['meta'][k] = int(v)
    return rows, order


def result(wl, fmt, row):
    paths, meta = row['paths'], row['meta']
    r = {'workload': wl, 'format': fmt}
    for p in PATHS:
        r[p] = paths.get(p)
    vcm = paths['vcm']['median_ns']
    for p in BASELINES:
        r['vs_' + p] = (round(vcm / paths[p]['median_ns'], 3)
                        if p in paths and paths[p]['median_ns'] else None)
    if all(p in paths for p in PHASES):
        r['phases'] = {p[4:]: paths[p] for p in PHASES}
    r['entries'] = meta.get('entries')
    r['entries_min'] = meta.get('entries_min')
    r['entries_ratio'] = (round(meta['entries'] / meta['entries_min'], 3)
                          if meta.get('entries_min') else None)
    r['flushes_per_op'] = (round(meta['flushes'] / meta['ops'], 3)
                           if meta.get('ops') else None)
    mapped = meta.get('mapped')
    r['table_bytes_per_gib'] = (round(meta['table_bytes'] * 2**30 / mapped)
                                if mapped and 'table_bytes' in meta else None)
    r['table_min_bytes_per_gib'] = (round(meta['table_min'] * 2**30 / mapped)
                                    if mapped and meta.get('table_min')
                                    else None)
    r['table_overhead_pct'] = (
        round(100.0 * (meta['table_bytes'] / meta['table_min'] - 1), 2)
        if meta.get('table_min') else None)
    r['io_pgtable_table_bytes_per_gib'] = (
        round(meta['iopt_table_bytes'] * 2**30 / mapped)
        if mapped and 'iopt_table_bytes' in meta else None)
    for k in ('bindings', 'iopt_pgsize'):
        if k in meta:
            r[k] = meta[k]
    if 'table_bytes' in meta and not mapped:
        r['table_bytes'] = meta['table_bytes']
    return r


def us(ns):
    if ns is None:
        return '-'
    v = ns / 1000.0
    return '%.3g' % v if v < 1000 else '%.0f' % v


def ratio(v):
    if v is None:
        return '-'
    return '%.0f' % v if v >= 100 else '%.1f' % v if v >= 10 else \
        '%.2f' % v if v >= 0.1 else '%.3f' % v


def table(results):
    head = ('workload', 'format', 'vcm us', 'spread', 'per-page',
            'io-pgtable', 'writer', 'memory', 'vs_pp', 'vs_iopt',
            'vs_writer', 'vs_mem', 'ent/min', 'flush/op', 'tbl KiB/GiB')
    lines = [head]
    for r in results:
        v = r['vcm']
        tb = r['table_bytes_per_gib']
        if tb is not None and r['table_overhead_pct'] is not None:
            tb = '%d (+%.2f%%)' % (tb // 1024, r['table_overhead_pct'])
        elif tb is not None:
            tb = '%d' % (tb // 1024)
        lines.append((
            r['workload'], r['format'], us(v['median_ns']),
            '%.0f%%' % v['spread_pct'],
            us(r['per_page'] and r['per_page']['median_ns']),
            us(r['io_pgtable'] and r['io_pgtable']['median_ns']),
            us(r['writer'] and r['writer']['median_ns']),
            us(r['memory'] and r['memory']['median_ns']),
            ratio(r['vs_per_page']), ratio(r['vs_io_pgtable']),
            ratio(r['vs_writer']), ratio(r['vs_memory']),
            ratio(r['entries_ratio']),
            ratio(r['flushes_per_op']), tb or '-'))
    w = [max(len(str(l[i])) for l in lines) for i in range(len(head))]
    out = []
    for n, l in enumerate(lines):
        out.append('  '.join(str(c).ljust(w[i]) if i < 2 else
                             str(c).rjust(w[i]) for i, c in enumerate(l)))
        if n == 0:
            out.append('  '.join('-' * x for x in w))
    return '\n'.join(out)


def find(results, wl, fmt=None):
    for r in results:
        if r['workload'] == wl and (fmt is None or r['format'] == fmt):
            return r
    return None


def phases(results):
    """The 1 GiB binds split into prepare, write, flush and the rest."""
    out = ['Where a 1 GiB bind goes (median us; core = drm_vcm_bind() minus '
           'the engine steps, each timed on its own; writer: the format\'s '
           'writer over one flat array, tables: over one table per leaf '
           'table, alloc: the same with the tables allocated):',
           '  %-30s %-10s %9s %9s %9s %9s %9s %9s %9s %9s' % (
               'workload', 'format', 'bind', 'prepare', 'write', 'flush',
               'core', 'writer', 'tables', 'alloc')]
    for r in results:
        ph = r.get('phases')
        if not ph:
            continue
        tot = r['vcm']['median_ns']
        parts = [ph[k]['median_ns'] for k in ('prepare', 'write', 'flush')]
        out.append('  %-30s %-10s %9s %9s %9s %9s %9s %9s %9s %9s' % (
            r['workload'], r['format'], us(tot), *(us(x) for x in parts),
            us(max(0.0, tot - sum(parts))),
            *(us(r[p] and r[p]['median_ns'])
              for p in ('writer', 'tables', 'tables_alloc'))))
    return out


# generic_pt's published figure: AMDv1 maps 256 x 4 KiB in 386 ns.
GENERIC_PT_256 = 386.0 / 256


def small(results):
    out = ['Small binds, ns per 4 KiB page (generic_pt publishes 1.5 ns per '
           'page for 256 x 4 KiB on AMDv1, on a desktop CPU):',
           '  %-12s %-10s %10s %12s' % ('workload', 'format', 'vcm',
                                         'io-pgtable')]
    for wl, pages in (('bind-4k', 1), ('bind-1m', 256)):
        for r in results:
            if r['workload'] != wl:
                continue
            io = r['io_pgtable']
            out.append('  %-12s %-10s %10.1f %12s' % (
                wl, r['format'], r['vcm']['median_ns'] / pages,
                '%.1f' % (io['median_ns'] / pages) if io else '-'))
    return out


def check(name, pairs, limit, floors=None,
          floor_name='floor, the writer alone',
          above='the format cannot meet it'):
    """pairs: (format, value) with None for not measured. floors: the
    same ratio for the format's own writer alone over the fewest entries
    (format, value): the least any code writing the format can reach; or
    another reference, named by floor_name."""
    got = [(f, v) for f, v in pairs if v is not None]
    if not got:
        return None
    missed = [(f, v) for f, v in got if v > limit]
    vals = ', '.join('%s %s' % (f, ratio(v)) for f, v in got)
    t = {'target': name, 'met': not missed,
         'text': 'met (%s)' % vals if not missed else
                 'missed on %s (%s)' % (', '.join(f for f, _ in missed),
                                        vals)}
    floors = [(f, v) for f, v in floors or [] if v is not None]
    if floors:
        t['floors'] = dict(floors)
        t['text'] += '; %s: %s' % (floor_name, ', '.join(
            '%s %s%s' % (f, ratio(v), ' (above the target: %s)' % above
                         if v > limit and floor_name.startswith('floor')
                         else '')
            for f, v in floors))
    return t


def floor(r, base, path='writer'):
    """@path's median over @base's: the ratio the floor @path (the
    format's writer, by default) reaches against that baseline."""
    w, b = r.get(path), r.get(base)
    if not w or not b or not b['median_ns']:
        return None
    return round(w['median_ns'] / b['median_ns'], 3)


def targets(results):
    """The targets of issues 17 and 19, each met or missed."""
    def per_fmt(wl, key):
        return [(r['format'], r[key]) for r in results
                if r['workload'] == wl]
    t = [
        check('bind-1g-dense vs_io_pgtable <= 0.7',
              per_fmt('bind-1g-dense', 'vs_io_pgtable'), 0.7,
              [(r['format'], floor(r, 'io_pgtable')) for r in results
               if r['workload'] == 'bind-1g-dense'],
              'floor, the writer alone over the same backing',
              'no bind through this writer meets it'),
        check('bind-1g-dense vs_writer <= 1.2',
              per_fmt('bind-1g-dense', 'vs_writer'), 1.2,
              [(r['format'], floor(r, 'writer', 'tables_alloc'))
               for r in results if r['workload'] == 'bind-1g-dense'],
              'floor, the writer over its leaf tables, allocated',
              'no bind that allocates its leaf tables meets it'),
        check('bind-1g-dense vs_per_page <= 0.25',
              per_fmt('bind-1g-dense', 'vs_per_page'), 0.25),
        check('unbind-1g-* vs_io_pgtable <= 0.5',
              [('%s %s' % (r['workload'][10:] or 'dense', r['format']),
                r['vs_io_pgtable']) for r in results
               if r['workload'].startswith('unbind-1g')], 0.5),
        check('bind-1g-contig vs_io_pgtable <= 1.0 (nv50, gp100)',
              [(f, v) for f, v in per_fmt('bind-1g-contig',
                                          'vs_io_pgtable')
               if f in ('nv50', 'gp100')], 1.0,
              [(r['format'], floor(r, 'io_pgtable')) for r in results
               if r['workload'] == 'bind-1g-contig' and
               r['format'] in ('nv50', 'gp100')]),
        check('contiguous binds write the fewest entries (entries/min = 1)',
              [('%s %s' % (r['workload'], r['format']),
                r['entries_ratio']) for r in results
               if 'contig' in r['workload'] and
               r['workload'].startswith('bind')], 1.0),
    ]
    one, many = find(results, 'translate-1m'), find(results,
                                                   'translate-1m-100k')
    if one and many:
        iopt = (one.get('io_pgtable') and many.get('io_pgtable') and
                [('gp100', many['io_pgtable']['median_ns'] /
                  one['io_pgtable']['median_ns'])])
        t.append(check('translate among 100k bindings <= 2x one binding',
                       [('gp100', many['vcm']['median_ns'] /
                         one['vcm']['median_ns'])], 2.0, iopt,
                       "io-pgtable's own growth"))
    return [x for x in t if x]


# The README shows the 1 GiB binds and unbinds, the small binds and the
# other workloads.
MD_ROWS = re.compile(r'(un)?bind-1g|bind-(4k|1m)$|(unbind-)?scatter|'
                     r'translate|spaces')


def markdown(path):
    with open(path) as f:
        results = json.load(f)['results']
    print('| workload | format | VCM | vs_per_page | vs_io_pgtable '
          '| vs_writer | vs_memory | entries/min | table KiB/GiB |')
    print('|---|---|---:|---:|---:|---:|---:|---:|---:|')
    for r in results:
        if not MD_ROWS.match(r['workload']):
            continue
        tb = r['table_bytes_per_gib']
        v = r['vcm']
        print('| %s | %s | %s us (%s-%s) | %s | %s | %s | %s | %s | %s |' % (
            r['workload'], r['format'], us(v['median_ns']),
            us(v['min_ns']), us(v['max_ns']),
            ratio(r['vs_per_page']), ratio(r['vs_io_pgtable']),
            ratio(r['vs_writer']), ratio(r['vs_memory']),
            ratio(r['entries_ratio']),
            '-' if tb is None else tb // 1024))
    print()
    for t in targets(results):
        print('- %s: %s' % (t['target'], t['text']))
    return 0


def main():
    if sys.argv[1] == '--md':
        return markdown(sys.argv[2])
    rows, order = parse(sys.argv[1])
    results, bad = [], []
    for key in order:
        if 'vcm' not in rows[key]['paths']:
            bad.append('%s/%s' % key)
            continue
        results.append(result(key[0], key[1], rows[key]))
    if not results or bad:
        print('bench: no results' if not results else
              'bench: no VCM time for ' + ', '.join(bad), file=sys.stderr)
        return 1
    doc = {
        'date': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()),
        'machine': {'cpu': cpu_model(), 'cpus': os.cpu_count(),
                    'kernel': 'UML, linux-source-6.12'},
        'units': 'ns per operation; ratios are VCM median / other median',
        'results': results,
        'targets': targets(results),
    }
    with open(sys.argv[2], 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    print(table(results))
    print()
    print('\n'.join(phases(results)))
    print()
    print('\n'.join(small(results)))
    print()
    print('Targets:')
    for t in doc['targets']:
        print('  %-62s %s' % (t['target'], t['text']))
    return 0


if __name__ == '__main__':
    sys.exit(main())
