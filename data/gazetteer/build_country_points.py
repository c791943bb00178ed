#!/usr/bin/env python3
"""Rebuild data/gazetteer/country_points.tsv: GeoNames' own point for each country.

    python3 data/gazetteer/build_country_points.py [--out-dir data/gazetteer] [--crate FILE]

Why: gazetteer.tsv takes country points from countryinfo (`latlng`), which differ from the
points of the GeoNames country features its `geonames_id`s name (Japan 36,138 against
GeoNames 35.685,139.753; India 20,77 against 22,79). News geoparsing data are annotated
with GeoNames points, and a country is one mention in ten, so whosaid uses GeoNames' own.

Source: the crate rgeo 0.3.0 (crates.io, MIT OR Apache-2.0), whose `src/data/output.bin`
holds the GeoNames allCountries features of population ≥ 100 (name, unit vector, country)
as a bincode k-d tree. Its data is GeoNames, CC BY 4.0. The crate is fetched from
crates.io unless --crate gives the `.crate` file. The tree is not deserialised: records
are found by their layout (u64 length + UTF-8 name, three f32, u64 length + country).

rgeo keeps no feature code, so the country feature is picked by name among the country's
records: an official long form ("Republic of India", "Kingdom of Morocco", "Russian
Federation") first, else the gazetteer's name or an alias, and among several the roundest
point (GeoNames country points are round numbers). Countries with no such record keep
their gazetteer point. Output: cc, lat, lon, the GeoNames name picked; sorted by cc.
"""
import argparse
import csv
import io
import math
import os
import re
import struct
import sys
import tarfile
import unicodedata
import urllib.request
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
CRATE_URL = "https://static.crates.io/crates/rgeo/rgeo-0.3.0.crate"

# Heads of official long forms: "<head> of [the] <name>".
HEAD = (r"(united kingdom|federative republic|republic|kingdom|state|federation|commonwealth|"
        r"principality|sultanate|emirate|confederation|grand duchy|union|realm|country|bailiwick|"
        r"territory|special administrative region|independent state|federal republic|"
        r"democratic republic|people's republic|islamic republic|socialist republic|"
        r"hashemite kingdom|plurinational state|bolivarian republic|oriental republic|"
        r"co-operative republic|united republic|federated states|federal democratic republic|"
        r"democratic socialist republic|people's democratic republic|arab republic|"
        r"kingdom of the|republic of the union)")
# Tails of adjectival long forms: "<adjective> Republic", "Russian Federation".
TAIL = r"(republic|federation|confederation|kingdom|darussalam|states|emirates|jamahiriya|republic of [a-z ]+)$"
NOT_COUNTRY = r"\b(region|province|oblast|krai|district|parish|university)\b"
# A first-level region whose name reads like a country's official form.
BLOCK = {("BA", "Federation of Bosnia and Herzegovina")}
# Official names the rules cannot derive from the English short name.
EXTRA = {"GR": "hellenic republic", "LA": "lao people's democratic republic"}


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("\u2019", "'").strip()


def decimals(x):
    s = repr(x).rstrip("0").rstrip(".")
    return len(s.split(".")[1]) if "." in s else 0


def crate_files(path):
    if path:
        data = open(path, "rb").read()
    else:
        data = urllib.request.urlopen(CRATE_URL, timeout=120).read()
    tar = tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")
    get = lambda name: tar.extractfile(f"rgeo-0.3.0/src/data/{name}").read()
    return get("output.bin"), get("countries_iso.csv").decode("utf-8")


def records(blob, iso_csv):
    """(name, cc, lat, lon) of every record whose country field is a known name or code."""
    cc_of = {r["name"]: r["alpha-2"] for r in csv.DictReader(io.StringIO(iso_csv))}
    codes = {m.group(1).decode() for m in re.finditer(rb"\x02\x00{7}([A-Z]{2})", blob)}
    out = []
    for country in sorted(set(cc_of) | set(cc_of.values()) | codes, key=len, reverse=True):
        b = country.encode()
        needle = struct.pack("<Q", len(b)) + b
        j = blob.find(needle)
        while j >= 0:
            x, y, z = struct.unpack("<fff", blob[j - 12:j])
            if abs(x * x + y * y + z * z - 1) <= 1e-3:
                for n in range(1, 201):
                    k = j - 12 - n - 8
                    if k < 0:
                        break
                    if blob[k:k + 8] == struct.pack("<Q", n):
                        try:
                            name = blob[k + 8:k + 8 + n].decode("utf-8")
                        except UnicodeDecodeError:
                            continue
                        lat = math.degrees(math.asin(max(-1.0, min(1.0, z))))
                        lon = math.degrees(math.atan2(y, x))
                        out.append((name, cc_of.get(country, country), round(lat, 5), round(lon, 5)))
                        break
            j = blob.find(needle, j + 1)
    return out


def pick(cc, names, stems, recs):
    official, exact = [], []
    for name, lat, lon in recs:
        f = fold(name)
        if (cc, name) in BLOCK:
            continue
        m = re.match(r"^(?:the )?" + HEAD + r"(?: [a-z'-]+)*? of (?:the )?(.+)$", f)
        adjectival = (re.search(TAIL, f) and f.split()[0][:5] in stems
                      and not re.search(NOT_COUNTRY, f))
        if (m and m.group(2) in names) or adjectival:
            official.append((name, lat, lon))
        elif f in names or f == EXTRA.get(cc):
            exact.append((name, lat, lon))
    roundness = lambda r: decimals(r[1]) + decimals(r[2])
    if official:
        return min(official, key=roundness)
    if exact:
        return min(exact, key=lambda r: (" of " not in r[0], roundness(r)))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out-dir", default=HERE)
    ap.add_argument("--crate", help="rgeo-0.3.0.crate, instead of fetching it")
    a = ap.parse_args()
    blob, iso_csv = crate_files(a.crate)
    by_cc = defaultdict(list)
    for name, cc, lat, lon in records(blob, iso_csv):
        by_cc[cc].append((name, lat, lon))
    rows = []
    with open(os.path.join(HERE, "gazetteer.tsv"), newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if r["kind"] != "country":
                continue
            cc = r["country_code"]
            names = {fold(r["name"])} | {fold(x) for x in r["aliases"].split("|") if x}
            stems = {fold(d)[:5] for d in r["demonyms"].split("|") if len(d) >= 4}
            stems |= {n[:5] for n in names if len(n) >= 5}
            p = pick(cc, names, stems, by_cc.get(cc, []))
            if p:
                rows.append((cc, p[1], p[2], p[0]))
    rows.sort()
    with open(os.path.join(a.out_dir, "country_points.tsv"), "w", encoding="utf-8") as f:
        for cc, lat, lon, name in rows:
            f.write(f"{cc}\t{lat}\t{lon}\t{name}\n")
    print(f"{len(rows)} country points", file=sys.stderr)


if __name__ == "__main__":
    main()
