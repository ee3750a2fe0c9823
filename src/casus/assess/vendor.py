"""Copy the slices of the shared IR datasets that the assessment model needs into the package.

A maintainer tool, run once when the upstream data change:
`python -m casus.assess.vendor /path/to/shared/data/ir`. It keeps only the
needed columns, writes gzip CSVs under `data/datasets/` and never changes a
value, so the package is self-contained (CI and tests never read the shared
folder). The ATOP dyad-year table is the one exception in form, not content:
runs of consecutive years with identical flags are stored as one spell row
(expand `start..end` to get the original rows back; each undirected pair once).
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

OUT = Path(__file__).parent / "data" / "datasets"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _num(v: str) -> str:
    """'2.0' → '2' so that integer codes read back as integers; other values unchanged."""
    if v in ("", "NA", "nan"):
        return ""
    try:
        f = float(v)
    except ValueError:
        return v
    return str(int(f)) if f.is_integer() else v


def _write(name: str, header: list[str], rows: Iterable[list[str]]) -> int:
    """Write a gzip CSV with a fixed mtime, so the same input gives byte-identical files."""
    OUT.mkdir(parents=True, exist_ok=True)
    n = 0
    with gzip.GzipFile(OUT / name, "wb", mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)
            n += 1
    return n


def _select(path: Path, cols: list[str], keep=lambda r: True) -> Iterator[list[str]]:
    for r in _rows(path):
        if keep(r):
            yield [_num(r[c]) for c in cols]


def atop_spells(src: Path) -> Iterator[list[str]]:
    """ATOP v5.1 directed dyad-years → undirected spells of identical obligations."""
    flags = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]
    years: dict[tuple[int, int, tuple[str, ...]], list[int]] = {}
    for r in _rows(src / "peacesciencer" / "atop_alliance.csv"):
        a, b = int(float(r["ccode1"])), int(float(r["ccode2"]))
        if a > b:
            continue
        key = (a, b, tuple(_num(r[f]) for f in flags))
        years.setdefault(key, []).append(int(float(r["year"])))
    out = []
    for (a, b, fl), ys in years.items():
        ys.sort()
        start = prev = ys[0]
        for y in ys[1:] + [None]:
            if y is not None and y == prev + 1:
                prev = y
                continue
            out.append([str(a), str(b), str(start), str(prev), *fl])
            if y is not None:
                start = prev = y
    out.sort(key=lambda r: (int(r[0]), int(r[1]), int(r[2])))
    return iter(out)


def main(src: Path) -> None:
    ps = src / "peacesciencer"
    wdc = src / "wars_disputes_capabilities"
    jobs = [
        ("atop_spells.csv.gz", ["ccode1", "ccode2", "start", "end", "defense", "offense", "neutral", "nonagg",
                                "consul"], lambda: atop_spells(src)),
        ("atop4_members.csv.gz", None, None),
        ("gml_part.csv.gz", ["dispnum", "ccode", "styear", "stmon", "stday", "endyear", "endmon", "endday",
                             "sidea", "hiact", "orig"], None),
        ("nmc_cinc.csv.gz", ["ccode", "year", "cinc"], None),
        ("polity2.csv.gz", ["ccode", "year", "polity2"], None),
        ("contiguity.csv.gz", ["ccode1", "ccode2", "conttype", "stdate", "enddate"], None),
        ("majors.csv.gz", ["ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"], None),
        ("capitals.csv.gz", ["ccode", "capital", "stdate", "enddate", "lat", "lng"], None),
        ("states.csv.gz", ["stateabb", "ccode", "statenme", "styear", "endyear"], None),
        ("rivalries.csv.gz", ["rivalryno", "rivalryname", "ccode1", "ccode2", "styear", "endyear"], None),
        ("bf2018.csv.gz", ["sample", "warid", "atopid", "warname", "multilateral", "defense", "offense", "neutral",
                           "nonagg", "consul", "dnaLLM", "honorLLM", "violateLLM"], None),
    ]
    sources = {
        "gml_part.csv.gz": ps / "gml_part.csv",
        "nmc_cinc.csv.gz": ps / "cow_nmc.csv",
        "polity2.csv.gz": wdc / "cinc-polity.csv",
        "contiguity.csv.gz": ps / "cow_contdir.csv",
        "majors.csv.gz": ps / "cow_majors.csv",
        "capitals.csv.gz": ps / "cow_capitals.csv",
        "states.csv.gz": ps / "cow_states.csv",
        "rivalries.csv.gz": ps / "td_rivalries.csv",
        "bf2018.csv.gz": src / "alliance_reliability" / "BerkemeierFuhrmannRAP2018_0303.csv",
    }
    member_cols = ["atopid", "member", "yrent", "yrexit", "defense", "offense", "neutral", "nonagg", "consul",
                   "defcon", "milcon", "intcom", "base", "milaid", "specthrt"]
    for name, cols, make in jobs:
        if name == "atop4_members.csv.gz":
            rows = _select(src / "atop_v4" / "atop-member-level.csv", member_cols)
            cols = member_cols
        elif make is not None:
            rows = make()
        else:
            keep = (lambda r: r.get("polity2", "") not in ("", "NA")) if name == "polity2.csv.gz" else (lambda r: True)
            rows = _select(sources[name], cols, keep)
        n = _write(name, cols, rows)
        print(f"{name}: {n} rows")


if __name__ == "__main__":  # pragma: no cover
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/ir"))
