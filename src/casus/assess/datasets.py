"""The bundled IR datasets (ATOP, GML MID, COW capabilities, contiguity, majors, capitals, Polity, rivalries).

Read once per process from the gzip CSVs under `data/datasets/` (see the README
there for sources, versions and citations) into small lookup tables keyed by
COW country code. Every lookup returns the value *and* the row it came from,
so each factor of an assessment can cite the dataset and row behind it. Years
after a dataset ends use its last year ("carried forward"), and say so.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

DATA = resources.files("casus.assess") / "data" / "datasets"

# dataset names as cited in evidence (source field) and the README
ATOP = "ATOP v5.1 dyad-year"
ATOP4 = "ATOP v4 member-level"
GML = "GML MID v2.2.1"
NMC = "COW NMC v7.0"
CONTIG = "COW Direct Contiguity v3.2"
MAJORS = "COW State System (major powers, 2016)"
CAPITALS = "COW capitals (peacesciencer)"
POLITY = "Polity IV (via cinc-polity)"
RIVALRY = "Thompson & Dreyer strategic rivalries (2012)"
BF2018 = "Berkemeier & Fuhrmann (2018)"


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of one bundled gzip CSV."""
    raw = (DATA / name).read_bytes()
    with io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _int(v: str, default: int | None = None) -> int | None:
    return int(float(v)) if v not in ("", "NA") else default


def _year(date: str) -> int:
    return int(date[:4])


@dataclass(frozen=True, slots=True)
class Alliance:
    """One ATOP spell for an undirected pair: obligations in force from `start` to `end` (years)."""

    a: int
    b: int
    start: int
    end: int
    defense: bool
    offense: bool
    neutral: bool
    nonagg: bool
    consul: bool

    @property
    def kinds(self) -> list[str]:
        names = ("defense", "offense", "neutral", "nonagg", "consul")
        return [n for n in names if getattr(self, n)]


@dataclass(frozen=True, slots=True)
class Provisions:
    """ATOP v4 provisions of an alliance both states belong to in a year."""

    atopid: int
    defense: bool
    defcon: bool       # defence obligation only under conditions (a named adversary, place, ...)
    milcon: int        # military contact: 0 none … 3 common defence policy
    intcom: bool       # integrated military command
    base: int          # troops / bases on a partner's territory
    milaid: int


@dataclass(frozen=True, slots=True)
class Participant:
    """A state's role in one GML militarised dispute."""

    dispnum: int
    ccode: int
    start: tuple[int, int, int]  # (year, month, day); unknown month/day = 1
    end: tuple[int, int, int]
    side_a: bool
    hiact: int
    orig: bool


@dataclass(slots=True)
class IRData:
    """All bundled datasets as lookups keyed by COW code."""

    states: dict[int, tuple[str, str, int, int]] = field(default_factory=dict)  # abb, name, first, last year
    alliances: dict[tuple[int, int], list[Alliance]] = field(default_factory=dict)
    atop_last: int = 2018
    members: dict[int, list[tuple[int, int, int, dict[str, str]]]] = field(default_factory=dict)  # ccode → rows
    members_last: int = 2016
    cinc: dict[tuple[int, int], float] = field(default_factory=dict)
    cinc_last: int = 2022
    polity: dict[tuple[int, int], int] = field(default_factory=dict)
    polity_last: int = 2012
    contiguity: dict[tuple[int, int], list[tuple[int, int, int]]] = field(default_factory=dict)  # type, from, to
    contig_last: int = 2016
    majors: list[tuple[int, int, int]] = field(default_factory=list)  # ccode, from year, to year
    majors_last: int = 2016
    capitals: dict[int, list[tuple[int, int, float, float, str]]] = field(default_factory=dict)
    rivalries: dict[tuple[int, int], list[tuple[int, int, str]]] = field(default_factory=dict)
    rivalry_last: int = 2010
    participants: list[Participant] = field(default_factory=list)
    by_dispute: dict[int, list[Participant]] = field(default_factory=dict)
    by_state: dict[int, list[Participant]] = field(default_factory=dict)
    mid_last: int = 2010
    bf2018: list[dict[str, str]] = field(default_factory=list)
    ties_index: dict[int, dict[tuple[int, int], list[Alliance]]] = field(default_factory=dict)
    contig_index: dict[int, dict[tuple[int, int], list[tuple[int, int, int]]]] = field(default_factory=dict)

    # ------------------------------------------------------------------ lookups

    def name(self, ccode: int) -> str:
        return self.states.get(ccode, (str(ccode), str(ccode), 0, 0))[1]

    def abb(self, ccode: int) -> str:
        return self.states.get(ccode, (str(ccode), str(ccode), 0, 0))[0]

    def alliance(self, a: int, b: int, year: int) -> Alliance | None:
        """The ATOP obligations between a and b in `year` (last ATOP year if later)."""
        y = min(year, self.atop_last)
        for spell in self.alliances.get((min(a, b), max(a, b)), ()):
            if spell.start <= y <= spell.end:
                return spell
        return None

    def provisions(self, a: int, b: int, year: int) -> list[Provisions]:
        """ATOP v4 alliances both a and b belonged to in `year` (v4 ends earlier than v5.1: last year used after)."""
        year = min(year, self.members_last)
        mine = {atopid: row for atopid, start, end, row in self.members.get(a, ()) if start <= year <= end}
        out = []
        for atopid, start, end, _row in self.members.get(b, ()):
            if atopid in mine and start <= year <= end:
                row = mine[atopid]
                out.append(Provisions(atopid, row["defense"] == "1", row["defcon"] == "1", _int(row["milcon"], 0),
                                      row["intcom"] == "1", _int(row["base"], 0), _int(row["milaid"], 0)))
        return out

    def cinc_of(self, ccode: int, year: int) -> float | None:
        return self.cinc.get((ccode, min(year, self.cinc_last)))

    def polity_of(self, ccode: int, year: int) -> int | None:
        y = min(year, self.polity_last)
        for yy in (y, y - 1, y - 2):  # a state's first or last years are sometimes missing
            if (ccode, yy) in self.polity:
                return self.polity[(ccode, yy)]
        return None

    def contiguous(self, a: int, b: int, year: int) -> int | None:
        """COW contiguity type (1 land … 5 ≤400 miles of water), None when not contiguous."""
        y = min(year, self.contig_last)
        types = [t for t, s, e in self.contiguity.get((min(a, b), max(a, b)), ()) if s <= y <= e and t > 0]
        return min(types) if types else None

    def is_major(self, ccode: int, year: int) -> bool:
        y = min(year, self.majors_last)
        return any(c == ccode and s <= y <= e for c, s, e in self.majors)

    def majors_in(self, year: int) -> list[int]:
        y = min(year, self.majors_last)
        return sorted({c for c, s, e in self.majors if s <= y <= e})

    def capital(self, ccode: int, year: int) -> tuple[float, float, str] | None:
        rows = self.capitals.get(ccode, ())
        for s, e, lat, lng, name in rows:
            if s <= year <= e:
                return lat, lng, name
        return (rows[-1][2], rows[-1][3], rows[-1][4]) if rows else None

    def distance_km(self, a: int, b: int, year: int) -> float | None:
        ca, cb = self.capital(a, year), self.capital(b, year)
        if ca is None or cb is None:
            return None
        return _haversine(ca[0], ca[1], cb[0], cb[1])

    def rivalry(self, a: int, b: int, year: int) -> str | None:
        y = min(year, self.rivalry_last)
        for s, e, name in self.rivalries.get((min(a, b), max(a, b)), ()):
            if s <= y <= e:
                return name
        return None

    def ties_of(self, ccode: int, year: int) -> list[int]:
        """States with any ATOP obligation with `ccode` in `year`."""
        y = min(year, self.atop_last)
        out = []
        for (a, b), spells in self.ties_index.get(ccode, {}).items():
            if any(s.start <= y <= s.end for s in spells):
                out.append(b if a == ccode else a)
        return sorted(out)

    def neighbours(self, ccode: int, year: int, max_type: int = 3) -> list[int]:
        y = min(year, self.contig_last)
        out = []
        for (a, b), spells in self.contig_index.get(ccode, {}).items():
            if any(0 < t <= max_type and s <= y <= e for t, s, e in spells):
                out.append(b if a == ccode else a)
        return sorted(out)


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _ymd(y: str, m: str, d: str) -> tuple[int, int, int]:
    mm = _int(m, 1) or 1
    dd = _int(d, 1) or 1
    return (_int(y, 0) or 0, mm if 1 <= mm <= 12 else 1, dd if 1 <= dd <= 31 else 1)


@cache
def ir_data() -> IRData:
    """Load every bundled dataset (cached for the process)."""
    d = IRData()
    for r in read_csv("states.csv.gz"):
        c = int(r["ccode"])
        first, last = int(r["styear"]), int(r["endyear"])
        prev = d.states.get(c)
        if prev:  # states with several spells (e.g. Germany): keep the envelope
            first, last = min(first, prev[2]), max(last, prev[3])
        d.states[c] = (r["stateabb"], r["statenme"], first, last)
    for r in read_csv("atop_spells.csv.gz"):
        a, b = int(r["ccode1"]), int(r["ccode2"])
        spell = Alliance(a, b, int(r["start"]), int(r["end"]),
                         *(r[k] == "1" for k in ("defense", "offense", "neutral", "nonagg", "consul")))
        d.alliances.setdefault((a, b), []).append(spell)
        d.atop_last = max(d.atop_last, spell.end)
    for r in read_csv("atop4_members.csv.gz"):
        c = _int(r["member"])
        if c is None:
            continue
        end = _int(r["yrexit"], 0) or 9999
        d.members.setdefault(c, []).append((int(r["atopid"]), _int(r["yrent"], 0), end, r))
        d.members_last = max(d.members_last, end if end != 9999 else 0, _int(r["yrent"], 0) or 0)
    for r in read_csv("nmc_cinc.csv.gz"):
        if r["cinc"] not in ("", "NA"):
            d.cinc[(int(r["ccode"]), int(r["year"]))] = float(r["cinc"])
    d.cinc_last = max(y for _, y in d.cinc)
    for r in read_csv("polity2.csv.gz"):
        d.polity[(int(r["ccode"]), int(r["year"]))] = int(float(r["polity2"]))
    d.polity_last = max(y for _, y in d.polity)
    for r in read_csv("contiguity.csv.gz"):
        a, b = int(r["ccode1"]), int(r["ccode2"])
        if a < b:
            d.contiguity.setdefault((a, b), []).append((int(r["conttype"]), _year(r["stdate"]), _year(r["enddate"])))
    d.contig_last = max(e for spells in d.contiguity.values() for _, _, e in spells)
    for r in read_csv("majors.csv.gz"):
        d.majors.append((int(r["ccode"]), int(r["styear"]), int(r["endyear"])))
    d.majors_last = max(e for _, _, e in d.majors)
    for r in read_csv("capitals.csv.gz"):
        d.capitals.setdefault(int(r["ccode"]), []).append(
            (_year(r["stdate"]), _year(r["enddate"]), float(r["lat"]), float(r["lng"]), r["capital"]))
    for r in read_csv("rivalries.csv.gz"):
        a, b = sorted((int(r["ccode1"]), int(r["ccode2"])))
        d.rivalries.setdefault((a, b), []).append((int(r["styear"]), _int(r["endyear"], 9999), r["rivalryname"]))
    for r in read_csv("gml_part.csv.gz"):
        p = Participant(int(r["dispnum"]), int(r["ccode"]), _ymd(r["styear"], r["stmon"], r["stday"]),
                        _ymd(r["endyear"], r["endmon"], r["endday"]), r["sidea"] == "1", _int(r["hiact"], 0),
                        r["orig"] == "1")
        d.participants.append(p)
        d.by_dispute.setdefault(p.dispnum, []).append(p)
        d.by_state.setdefault(p.ccode, []).append(p)
    d.mid_last = max(p.start[0] for p in d.participants)
    d.bf2018 = read_csv("bf2018.csv.gz")
    for key, spells in d.alliances.items():
        for c in key:
            d.ties_index.setdefault(c, {})[key] = spells
    for key, spells in d.contiguity.items():
        for c in key:
            d.contig_index.setdefault(c, {})[key] = spells
    return d
