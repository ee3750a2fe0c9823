"""Hand-kept reference data: treaties and militarised episodes after the datasets end.

The YAML files under `data/reference/` are the place to record a new treaty or a
new war; this module only loads and checks them (known country codes, ISO dates,
at least one source per entry), so a typo fails loudly instead of silently
changing a forecast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml

from casus.assess.codes import to_cow

REF = resources.files("casus.assess") / "data" / "reference"
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")


class ReferenceError(ValueError):
    """A reference file is malformed."""


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Treaty:
    id: str
    name: str
    members: dict[int, date]         # COW code → date its obligations start for that member
    signed: date
    in_force: date
    ended: date | None
    obligations: dict[str, bool]
    kind: str                        # alliance | security_assistance
    replaces: str | None
    provisions: tuple[str, ...]
    statements: tuple[dict[str, str], ...]
    sources: tuple[Source, ...]

    def covers(self, a: int, b: int) -> bool:
        return a in self.members and b in self.members

    def in_force_on(self, a: int, b: int, on: date) -> bool:
        if not self.covers(a, b):
            return False
        start = max(self.in_force, self.members[a], self.members[b])
        return start <= on and (self.ended is None or on <= self.ended)

    def start_for(self, a: int, b: int) -> date:
        return max(self.in_force, self.members[a], self.members[b])

    @property
    def kinds(self) -> list[str]:
        return [k for k in OBLIGATIONS if self.obligations.get(k)]


@dataclass(frozen=True, slots=True)
class Episode:
    id: str
    name: str
    start: date
    end: date | None                 # None = ongoing
    attackers: tuple[int, ...]
    targets: tuple[int, ...]
    joined: tuple[int, ...]
    joined_attackers: tuple[int, ...]
    war: bool                        # scale: war (vs a limited strike or clash)
    sources: tuple[Source, ...]

    def active_on(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(slots=True)
class Reference:
    treaties: list[Treaty] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)

    def treaties_for(self, a: int, b: int) -> list[Treaty]:
        return [t for t in self.treaties if t.covers(a, b)]


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ReferenceError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from exc


def _sources(rec: dict, where: str) -> tuple[Source, ...]:
    items = rec.get("sources") or []
    if not items:
        raise ReferenceError(f"{where}: every entry needs at least one source")
    out = []
    for s in items:
        if not isinstance(s, dict) or not s.get("title"):
            raise ReferenceError(f"{where}: a source needs a title")
        out.append(Source(str(s["title"]), str(s["date"]) if s.get("date") else None, s.get("url")))
    return tuple(out)


def _codes(values: Any, where: str) -> tuple[int, ...]:
    try:
        return tuple(to_cow(str(v)) for v in values or [])
    except ValueError as exc:
        raise ReferenceError(f"{where}: {exc}") from exc


def _treaty(rec: dict) -> Treaty:
    where = f"treaties.yaml: {rec.get('id', '?')}"
    in_force = _date(rec.get("in_force"), where)
    if rec.get("members"):
        members = {_codes([k], where)[0]: _date(v, where) for k, v in rec["members"].items()}
    else:
        members = {c: in_force for c in _codes(rec.get("parties"), where)}
    if len(members) < 2:
        raise ReferenceError(f"{where}: needs two or more parties")
    obligations = rec.get("obligations") or {}
    if set(obligations) - set(OBLIGATIONS):
        raise ReferenceError(f"{where}: unknown obligation(s) {sorted(set(obligations) - set(OBLIGATIONS))}")
    return Treaty(
        id=str(rec["id"]), name=str(rec["name"]), members=members, signed=_date(rec.get("signed"), where),
        in_force=in_force, ended=_date(rec["ended"], where) if rec.get("ended") else None,
        obligations={k: bool(obligations.get(k, False)) for k in OBLIGATIONS},
        kind=str(rec.get("kind", "alliance")), replaces=rec.get("replaces"),
        provisions=tuple(rec.get("provisions") or ()),
        statements=tuple({"date": str(s.get("date", "")), "text": s["text"], "url": s.get("url", "")}
                         for s in rec.get("statements") or ()),
        sources=_sources(rec, where))


def _episode(rec: dict) -> Episode:
    where = f"episodes.yaml: {rec.get('id', '?')}"
    start = _date(rec.get("date"), where)
    end = _date(rec["end"], where) if rec.get("end") else None
    if end is not None and end < start:
        raise ReferenceError(f"{where}: ends before it starts")
    targets = _codes(rec.get("targets"), where)
    if not targets:
        raise ReferenceError(f"{where}: needs at least one target")
    scale = rec.get("scale")
    if scale not in ("war", "strike"):
        raise ReferenceError(f"{where}: scale must be 'war' or 'strike', not {scale!r}")
    return Episode(str(rec["id"]), str(rec["name"]), start, end, _codes(rec.get("attackers"), where), targets,
                   _codes(rec.get("joined"), where), _codes(rec.get("joined_attackers"), where),
                   scale == "war", _sources(rec, where))


def _load(name: str) -> dict:
    return yaml.safe_load((REF / name).read_text(encoding="utf-8")) or {}


@cache
def reference() -> Reference:
    """The hand-kept treaties and episodes (cached for the process)."""
    return Reference(treaties=[_treaty(r) for r in _load("treaties.yaml").get("treaties", [])],
                     episodes=[_episode(r) for r in _load("episodes.yaml").get("episodes", [])])
