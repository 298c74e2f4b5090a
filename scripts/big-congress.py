#!/usr/bin/env python3
"""Writes a congress with N guests, made from examples/data/bach-mai-2020.json by repeating its
guests under varied given names (as ordinary guests: the repeats do not direct the congress):
the record behind the memory and speed figures of the README.

    scripts/big-congress.py 10000 > /tmp/big.json
"""
import json
import sys
from pathlib import Path

n = int(sys.argv[1])
root = Path(__file__).resolve().parent.parent
congress = json.loads((root / "examples/data/bach-mai-2020.json").read_text(encoding="utf-8"))
given = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hoa", "Khánh", "Lan",
         "Linh", "Minh", "Nam", "Ngọc", "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Vinh"]
base = congress["guests"]
guests = []
for i in range(n):
    g = json.loads(json.dumps(base[i % len(base)]))
    if i >= len(base):  # the sample's own guests stay as they are
        g["name"]["ten"] = given[(i // len(base)) % len(given)]
        # Only the sample's two district leaders direct the congress: thousands of directing
        # guests would be one paragraph of thousands of names in the report to the superior.
        g.pop("directs", None)
    guests.append(g)
congress["guests"] = guests
json.dump(congress, sys.stdout, ensure_ascii=False, indent=1)
sys.stdout.write("\n")
