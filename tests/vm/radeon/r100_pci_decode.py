#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Decode radeon's r100-pci GART entries, independently of VCM's decoder.

usage: r100_pci_decode.py LOG PREFIX CONVERTED

LOG is the serial log of the VM tier's built radeon boot: the guest
(tests/vm/radeon/guest/10-load.sh) printed, while the harness held radeon
at its first VCM teardown call, VCM's debugfs files of radeon's space
("VCMRADEON ptes| ", "reservations| ") and, for each entry, the first
32 words of RAM at the address it holds ("VCMRADEON peek| ").

The r100 PCI GART (r100, r200, r300 on PCI) is one flat table of
little-endian 32-bit entries, one per 4 KiB GPU page, indexed from the
start of the GTT aperture; an entry is the page's bus address and has no
flag bits. So entry i maps GTT address gtt_start + i * 4096 to the bus
address the entry holds, which must be 4 KiB aligned and below 4 GiB.

TAP lines PREFIX/...: the entries cover exactly the bindings VCM lists and
decode, here, to the VA and DMA address VCM's own decoder printed; the
writeback page and the ring hold distinct DMA addresses; and the RAM at
the ring's first DMA address holds, among its first 32 words, the ring
test's packet (a type-0 write of 0xDEADBEEF to the scratch register
radeon names when the test fails),
which proves the entry points at the page radeon wrote through its GTT
mapping. With CONVERTED 0 (stock radeon.ko) all are SKIPs.
"""
import re
import sys

PAGE = 4096
NAMES = ["covers-bindings", "decode", "distinct-pages", "ring-content"]


def tap(prefix, name, ok, why=""):
    if why:
        print(f"# {prefix}/{name}: {why}")
    print(("ok " if ok else "not ok ") + f"{prefix}/{name}")


def section(log, name):
    tag = f"VCMRADEON {name}| "
    out = []
    for line in log:
        i = line.find(tag)
        if i >= 0 and not line[i + len(tag):].startswith("#"):
            out.append(line[i + len(tag):].split())
    return out


def decode(raw):
    """(bus address, error) of one r100-pci entry."""
    if raw & (PAGE - 1):
        return None, f"entry 0x{raw:08x} has bits below 4 KiB set"
    return raw & 0xFFFFFFFF, None


def main():
    path, prefix, converted = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    if not converted:
        for n in NAMES:
            print(f"ok {prefix}/{n} # SKIP radeon.ko is not converted to VCM")
        return
    with open(path, errors="replace") as f:
        log = [l.rstrip("\r\n") for l in f]
    ptes = section(log, "ptes")
    binds = [r for r in section(log, "reservations") if r[0] == "bind"]
    dmesg = "\n".join(l for l in log if "VCMRADEON dmesg| " in l)
    if not ptes or not binds:
        for n in NAMES:
            tap(prefix, n, False, "no ptes or bindings saved while the space lived")
        return
    # mmu format level index va pa loc pgsize flags raw
    rows = [dict(fmt=r[1], index=int(r[3]), va=int(r[4], 16), pa=int(r[5], 16),
                 pgsize=int(r[7]), raw=int(r[9], 16)) for r in ptes]
    starts = {r["va"] - r["index"] * PAGE for r in rows}
    gtt = min(starts)

    # Every page of every binding has exactly one entry, and nothing else.
    want = set()
    for b in binds:
        start, end = int(b[1], 16), int(b[2], 16)
        want.update(range(start, end, PAGE))
    have = [gtt + r["index"] * PAGE for r in rows]
    ok = sorted(have) == sorted(want) and len(set(have)) == len(have)
    tap(prefix, "covers-bindings", ok,
        f"{len(rows)} entries for {len(want)} bound pages in {len(binds)} bindings" +
        ("" if ok else f"; entries at {sorted(set(have) ^ want)[:4]} do not match"))

    errs = []
    if len(starts) != 1:
        errs.append("entries disagree on the aperture start")
    for r in rows:
        addr, err = decode(r["raw"])
        va = gtt + r["index"] * PAGE
        if err:
            errs.append(err)
        elif r["fmt"] != "r100-pci" or r["pgsize"] != PAGE:
            errs.append(f"entry {r['index']}: format {r['fmt']}, page {r['pgsize']}")
        elif va != r["va"] or addr != r["pa"]:
            errs.append(f"entry {r['index']}: decodes to VA 0x{va:x} -> 0x{addr:x}, "
                        f"VCM says 0x{r['va']:x} -> 0x{r['pa']:x}")
    tap(prefix, "decode", not errs,
        errs[0] if errs else f"{len(rows)} entries, aperture at 0x{gtt:x}")

    fence = re.search(r"fence driver on ring 0 use gpu addr (0x[0-9a-fA-F]+)", dmesg)
    ring = re.search(r"radeon: ring at (0x[0-9a-fA-F]+)", dmesg)
    byva = {gtt + r["index"] * PAGE: decode(r["raw"])[0] for r in rows}
    fpage = int(fence.group(1), 16) & ~(PAGE - 1) if fence else None
    rpage = int(ring.group(1), 16) if ring else None
    addrs = list(byva.values())
    ok = (fpage in byva and rpage in byva and byva[fpage] != byva[rpage]
          and len(set(addrs)) == len(addrs))
    tap(prefix, "distinct-pages", ok,
        f"fence page {fence and fence.group(1)} -> {byva.get(fpage) and hex(byva[fpage])}, "
        f"ring {ring and ring.group(1)} -> {byva.get(rpage) and hex(byva[rpage])}, "
        f"{len(set(addrs))} distinct DMA addresses for {len(addrs)} entries")

    scratch = re.search(r"ring test failed \(scratch\((0x[0-9A-Fa-f]+)\)", dmesg)
    peek = {int(p[0], 16): p[2:] for p in section(log, "peek")}
    words = peek.get(rpage) if rpage is not None else None
    if not scratch or not words or len(words) < 2 or words[0] == "not-ram":
        tap(prefix, "ring-content", False,
            f"no RAM read at the ring's DMA address (peek: {words})")
        return
    packet0 = (int(scratch.group(1), 16) >> 2) & 0x7FFF
    got = [int(w, 16) for w in words]
    at = [i for i in range(len(got) - 1) if got[i:i + 2] == [packet0, 0xDEADBEEF]]
    tap(prefix, "ring-content", bool(at),
        f"ring page at 0x{byva[rpage]:x}: the ring test's 0x{packet0:08x} 0xdeadbeef " +
        (f"at word {at[0]}" if at else "not in its first words: " +
         " ".join(f"0x{w:08x}" for w in got[:20])))


main()
