#!/usr/bin/env python3
"""Generates the benchmark tree once: DIR/dNN/sNN/fNNNN.{txt,md}, 10 × 10 × 1000 = 100 000 small text files
(110 directories), deterministic (seeded), ~20 MB. Every 97th file has a line with the word `needle`, every 53rd a
code like `ERR-404c`; every 10th file is .md, the others .txt. A stamp file next to DIR (DIR.done) records the
layout, so a second run does nothing.

    python3 gen_tree.py [DIR]     (default /tmp/fsbench-tree100k)
"""
import json
import os
import random
import shutil
import sys
import time

VERSION = 1
TOP, MID, FILES = 10, 10, 1000
WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec "
         "romeo sierra tango uniform victor whiskey xray yankee zulu lorem ipsum dolor sit amet consectetur "
         "adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua").split()


def layout():
    return {"version": VERSION, "top": TOP, "mid": MID, "files": FILES, "needle_every": 97, "err_every": 53}


def generate(root):
    stamp = root.rstrip("/") + ".done"
    if os.path.exists(stamp) and os.path.isdir(root):
        with open(stamp) as f:
            if json.load(f) == layout():
                return False
    if os.path.exists(root):
        shutil.rmtree(root)
    rnd = random.Random(42)
    n = 0
    t = time.time()
    for a in range(TOP):
        for b in range(MID):
            d = os.path.join(root, "d%02d" % a, "s%02d" % b)
            os.makedirs(d)
            for i in range(FILES):
                lines = [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 9))) for _ in range(rnd.randint(3, 7))]
                if n % 97 == 0:
                    lines[rnd.randrange(len(lines))] += " needle"
                if n % 53 == 0:
                    lines.insert(rnd.randrange(len(lines) + 1), "status ERR-%03d%s seen" % (rnd.randint(100, 599),
                                                                                          rnd.choice("abcdef")))
                name = "f%04d.%s" % (i, "md" if i % 10 == 0 else "txt")
                with open(os.path.join(d, name), "w") as f:
                    f.write("\n".join(lines) + "\n")
                n += 1
    with open(stamp, "w") as f:
        json.dump(layout(), f)
    print("gen_tree: %d files in %.1f s under %s" % (n, time.time() - t, root), file=sys.stderr)
    return True


if __name__ == "__main__":
    generate(sys.argv[1] if len(sys.argv) > 1 else "/tmp/fsbench-tree100k")
