"""The training set: every time a state was attacked, and every state that could have come to its side.

An *opportunity* is one GML militarised dispute in which the side that acted
first used force (an attack) and one potential defender P of one of the states
attacked (C): any state with an ATOP obligation of any type to C that year, every
major power, and C's neighbours (land or ≤24 miles of water). The outcome is 1
when P took military action on C's side (joined the target side with a show of
force or more). Rows come out in time order; building is deterministic.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from casus.assess.datasets import IRData, ir_data
from casus.assess.facts import Clash, Facts
from casus.assess.features import FEATURES, Situation, compute


@dataclass(slots=True)
class Opportunity:
    clash: str
    year: int
    patron: int
    client: int
    attackers: tuple[int, ...]
    outcome: int
    values: dict[str, float]


@dataclass(slots=True)
class TrainingSet:
    rows: list[Opportunity]
    disputes: int
    joiners: int            # joiners on the target side in these disputes
    joiners_covered: int    # … of which are in the candidate set

    def fingerprint(self) -> str:
        """SHA-256 of every row (features rounded to 1e-9, outcome, year, dispute): equal sets, equal prints."""
        h = hashlib.sha256()
        for r in self.rows:
            vals = ",".join(f"{r.values[k]:.9f}" for k in FEATURES)
            h.update(f"{r.clash}|{r.year}|{r.patron}|{r.client}|{r.outcome}|{vals}\n".encode())
        return h.hexdigest()

    def matrix(self) -> tuple[list[list[float]], list[int], list[int], list[str]]:
        """Feature matrix, outcomes, years, dispute keys."""
        x = [[r.values[k] for k in FEATURES] for r in self.rows]
        return x, [r.outcome for r in self.rows], [r.year for r in self.rows], [r.clash for r in self.rows]


def candidates(data: IRData, clash: Clash) -> list[int]:
    """Potential defenders of the states attacked in `clash`."""
    y = clash.start.year
    pool: set[int] = set(data.majors_in(y))
    for c in clash.targets:
        pool.update(data.ties_of(c, y))
        pool.update(data.neighbours(c, y, max_type=3))
    pool -= set(clash.attackers) | set(clash.targets)
    return sorted(p for p in pool if data.cinc_of(p, y) is not None and (p, y) in data.cinc)


def pick_client(data: IRData, p: int, clash: Clash) -> int:
    """The target P is most bound to: a defence pact, then any tie, then a border, then the strongest."""
    y = clash.start.year

    def rank(c: int) -> tuple:
        spell = data.alliance(p, c, y)
        contig = data.contiguous(p, c, y) or 9
        return (not (spell and spell.defense), spell is None, contig > 3, -(data.cinc_of(c, y) or 0), c)

    return min(clash.targets, key=rank)


def build(data: IRData | None = None) -> TrainingSet:
    """All opportunities from the bundled datasets (no reference data: the model is fitted on datasets only)."""
    data = data or ir_data()
    facts = Facts(data, reference=None, explain=False)
    rows: list[Opportunity] = []
    joiners = covered = 0
    for clash in facts.clashes:
        pool = candidates(data, clash)
        joiners += len(clash.joined_early)
        covered += len(set(clash.joined_early) & set(pool))
        for p in pool:
            c = pick_client(data, p, clash)
            s = Situation(p, c, clash.attackers, clash.start, war=clash.war, exclude=frozenset({clash.dispute}),
                          first=clash.first)
            fv = compute(facts, s)
            rows.append(Opportunity(clash.dispute, clash.start.year, p, c, clash.attackers,
                                    int(p in clash.joined_early), fv.values))
    return TrainingSet(rows, len(facts.clashes), joiners, covered)
