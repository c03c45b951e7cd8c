#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Draw the ratios of a make bench results/bench.json as an SVG chart.

usage: bench_plot.py JSON SVG

One row per workload and format, one bar per ratio (VCM's median time over
the other path's, lower is better) on a logarithmic axis from 0.01 to 1000;
ratios outside it are drawn to its ends.
"""
import json
import math
import sys
from xml.sax.saxutils import escape

RATIOS = (('vs_per_page', 'vs per-page path', '#4878d0'),
          ('vs_io_pgtable', 'vs io-pgtable LPAE', '#ee854a'),
          ('vs_writer', 'vs format writer', '#6acc64'),
          ('vs_memory', 'vs memset64', '#999999'))
LO, HI = -2, 3          # axis from 10^LO to 10^HI
LABEL_W, PLOT_W, ROW_H, BAR_H, TOP = 270, 560, 18, 4, 56


def x_of(v):
    v = min(max(v, 10.0 ** LO), 10.0 ** HI)
    return LABEL_W + (math.log10(v) - LO) / (HI - LO) * PLOT_W


def main():
    with open(sys.argv[1]) as f:
        doc = json.load(f)
    rows = [r for r in doc['results']
            if any(r.get(k) is not None for k, _, _ in RATIOS)]
    height = TOP + ROW_H * len(rows) + 40
    width = LABEL_W + PLOT_W + 30
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="sans-serif" font-size="10">' % (width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="10" y="16" font-size="13">VCM time / baseline time '
           '(median; lower is better; log scale) - %s, %s</text>'
           % (escape(doc['date'][:10]), escape(doc['machine']['cpu']))]
    for i, (_, name, color) in enumerate(RATIOS):
        x = LABEL_W + i * 140
        out.append('<rect x="%d" y="26" width="10" height="10" fill="%s"/>'
                   '<text x="%d" y="35">%s</text>' % (x, color, x + 14, name))
    bottom = TOP + ROW_H * len(rows)
    for n in range(1, len(rows), 2):
        out.append('<rect x="0" y="%d" width="%d" height="%d" fill="#f6f6f6"/>'
                   % (TOP + n * ROW_H, width, ROW_H))
    for e in range(LO, HI + 1):
        x = x_of(10.0 ** e)
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"/>'
                   % (x, TOP - 4, x, bottom, '#000' if e == 0 else '#ddd'))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%g</text>'
                   % (x, bottom + 14, 10.0 ** e))
    for n, r in enumerate(rows):
        y = TOP + n * ROW_H
        out.append('<text x="%d" y="%d" text-anchor="end">%s %s</text>'
                   % (LABEL_W - 6, y + 11, escape(r['workload']),
                      escape(r['format'])))
        for i, (k, _, color) in enumerate(RATIOS):
            v = r.get(k)
            if v is None:
                continue
            x0, x1 = x_of(1.0), x_of(v)
            out.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" '
                       'fill="%s"><title>%s %s %s %.3f</title></rect>'
                       % (min(x0, x1), y + 2 + i * BAR_H,
                          max(abs(x1 - x0), 1), BAR_H, color,
                          escape(r['workload']), escape(r['format']), k, v))
    out.append('<text x="%d" y="%d">ratio (1 = same time as the baseline)'
               '</text>' % (LABEL_W, bottom + 30))
    out.append('</svg>')
    with open(sys.argv[2], 'w') as f:
        f.write('\n'.join(out) + '\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
