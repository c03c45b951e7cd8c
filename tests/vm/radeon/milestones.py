#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare radeon's log of its first load in two boots of the VM tier.

usage: milestones.py STOCK_LOG BUILT_LOG PREFIX

Each log holds the guest's "VCMRADEON dmesg| " lines (tests/vm/radeon/
guest/10-load.sh). Timestamps are removed; the address of the GART table
(a DMA allocation) may differ between the boots and is masked. One TAP
line PREFIX/<milestone> per milestone: present once in the reference boot
with Debian's stock radeon.ko, and the same line in the boot with the
built one, in the same order. Then PREFIX/sequence: every radeon and [drm]
line the same, line by line (VCM's own lines left out). Last,
PREFIX/reload-memory: over the two reloads of 30-reload.sh the built
radeon.ko lost no more than 512 KiB of free memory beyond what the stock
one lost (which varies by some 200 KiB from boot to boot): a GART table
kept per load would be 1 MiB.
"""
import re
import sys

MILESTONES = [
    ("gart-size", r"\[drm\] GART: num cpu pages \d+, num gpu pages \d+$"),
    ("pci-gart", r"\[drm\] PCI GART of \d+M enabled \(table at <dma>\)\.?$"),
    ("fence-gtt", r"fence driver on ring 0 use gpu addr 0x[0-9a-fA-F]+$"),
    ("ring-gtt", r"\[drm\] radeon: ring at 0x[0-9A-Fa-f]+$"),
    ("cp-failure", r"ring test failed \(scratch\(0x[0-9A-Fa-f]+\)=0x[0-9A-Fa-f]+\)$"),
    ("accel-off", r"Disabling GPU acceleration$"),
]
TIMESTAMP = re.compile(r"^\[ *\d+\.\d+\] ")
TABLE = re.compile(r"\(table at 0x[0-9A-Fa-f]+\)")


def lines(path):
    out = []
    with open(path, errors="replace") as f:
        for raw in f:
            raw = raw.rstrip("\r\n")
            i = raw.find("VCMRADEON dmesg| ")
            if i < 0:
                continue
            line = TIMESTAMP.sub("", raw[i + len("VCMRADEON dmesg| "):])
            out.append(TABLE.sub("(table at <dma>)", line))
    return out


def main():
    stock, built, prefix = lines(sys.argv[1]), lines(sys.argv[2]), sys.argv[3]
    if not stock:
        print(f"# {prefix}: no radeon log in the reference boot ({sys.argv[1]})")
    pos_s = pos_b = -1
    for name, pat in MILESTONES:
        rx = re.compile(pat)
        hs = [i for i, l in enumerate(stock) if rx.search(l)]
        hb = [i for i, l in enumerate(built) if rx.search(l)]
        why = None
        if len(hs) != 1:
            why = f"{len(hs)} such lines in the reference boot, not 1"
        elif len(hb) != 1:
            why = f"{len(hb)} such lines in the built boot, not 1"
        elif stock[hs[0]] != built[hb[0]]:
            why = f"stock '{stock[hs[0]]}', built '{built[hb[0]]}'"
        elif hs[0] < pos_s or hb[0] < pos_b:
            why = "out of order"
        if why:
            print(f"# {prefix}/{name}: {why}")
            print(f"not ok {prefix}/{name}")
        else:
            pos_s, pos_b = hs[0], hb[0]
            print(f"# {prefix}/{name}: {built[hb[0]]}")
            print(f"ok {prefix}/{name}")

    def drm(ls):
        return [l for l in ls if ("radeon" in l or "[drm" in l) and "vcm" not in l]
    s, b = drm(stock), drm(built)
    bad = [(i, x, y) for i, (x, y) in enumerate(zip(s, b)) if x != y]
    if len(s) != len(b) or bad or not s:
        print(f"# {prefix}/sequence: {len(s)} lines stock, {len(b)} built")
        for i, x, y in bad[:5]:
            print(f"# {prefix}/sequence: line {i + 1}: stock '{x}', built '{y}'")
        print(f"not ok {prefix}/sequence")
    else:
        print(f"ok {prefix}/sequence")

    def lost(path):
        rx = re.compile(r"free memory after the first rmmod (\d+) KiB, after the last (\d+) KiB")
        with open(path, errors="replace") as f:
            for line in f:
                m = rx.search(line)
                if m:
                    return int(m.group(1)) - int(m.group(2))
        return None
    ls, lb = lost(sys.argv[1]), lost(sys.argv[2])
    if ls is None or lb is None:
        print(f"# {prefix}/reload-memory: no figures (stock {ls}, built {lb})")
        print(f"not ok {prefix}/reload-memory")
    else:
        print(f"# {prefix}/reload-memory: two reloads lost {ls} KiB stock, {lb} KiB built")
        print(("ok" if lb <= ls + 512 else "not ok") + f" {prefix}/reload-memory")


main()
