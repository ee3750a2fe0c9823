"""Model features of one situation "P's client C is attacked by A on date D".

`compute` is the single definition used both to build the training set from
the datasets and to assess a question, so a coefficient fitted on 1816–2010
applies to a 2025 question in the same sense. Each feature comes with the
evidence behind its value. What the features mean and why they are in the
model is written in `data/factors.yaml` (shown to users with each factor).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

import yaml

from casus.assess.evidence import Evidence, Fact, ref
from casus.assess.facts import Facts

FEATURES = ("defense", "other_tie", "p_major", "a_major", "cap_ratio", "contig_pc", "contig_pa", "log_dist",
            "allied_pa", "rival_pa", "p_war_elsewhere", "p_fighting_a", "joint_dem", "pc_joined",
            "pc_unanswered", "a_backed", "post1945", "c_first", "war")

NONSTATE_CAP_RATIO = 3.0   # a non-state attacker: as if the patron were 1000 times stronger (the clip value)


@dataclass(frozen=True, slots=True)
class Situation:
    """Who would defend whom against whom, when."""

    patron: int
    client: int
    attackers: tuple[int, ...]   # empty: a non-state attacker
    on: date
    war: bool = True             # the attack is a war (GML: declaration of war or more), not a limited strike
    exclude: frozenset[str] = frozenset()  # the dispute(s) being asked about: never their own history
    first: bool = False          # the client's side took the first militarised action (training only)


@dataclass(slots=True)
class FeatureValues:
    values: dict[str, float]
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)


@cache
def factor_specs() -> dict:
    """Labels, groups and explanations of the features (data/factors.yaml)."""
    path = resources.files("casus.assess") / "data" / "factors.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def compute(f: Facts, s: Situation) -> FeatureValues:
    """All features of `s`, with evidence when `f.explain` is set."""
    p, c, on = s.patron, s.client, s.on
    out: dict[str, Fact[float]] = {}

    tie = f.tie(p, c, on)
    out["defense"] = Fact(float(tie.value.defense), tie.evidence)
    out["other_tie"] = Fact(float(tie.value.any and not tie.value.defense), [])
    if f.explain:
        out["defense"].evidence += f.treaty_statements(p, c, on) + f.fulfilment(on)

    pm = f.major(p, on)
    out["p_major"] = Fact(float(pm.value), pm.evidence)

    a_major = [f.major(a, on) for a in s.attackers]
    out["a_major"] = Fact(float(any(m.value for m in a_major)), [e for m in a_major for e in m.evidence])

    cap_p = f.capability(p, on)
    caps_a = [f.capability(a, on) for a in s.attackers]
    if not s.attackers:
        ratio, ev = NONSTATE_CAP_RATIO, cap_p.evidence + (
            [ref("the attacker is not a state: capability ratio set to its ceiling (+3, i.e. 1000:1)",
                 "casus model convention")] if f.explain else [])
    elif cap_p.value and all(x.value for x in caps_a):
        ratio = max(-3.0, min(3.0, math.log10(cap_p.value / sum(x.value for x in caps_a))))
        ev = cap_p.evidence + [e for x in caps_a for e in x.evidence]
    else:
        ratio, ev = 0.0, cap_p.evidence + [e for x in caps_a for e in x.evidence]
    out["cap_ratio"] = Fact(ratio, ev)

    cpc = f.contiguity(p, c, on)
    out["contig_pc"] = Fact(float((cpc.value or 9) <= 3), cpc.evidence)
    cpa = [f.contiguity(p, a, on) for a in s.attackers]
    out["contig_pa"] = Fact(float(any((x.value or 9) <= 3 for x in cpa)), [e for x in cpa for e in x.evidence])

    dist = f.distance(p, c, on)
    out["log_dist"] = Fact(math.log10(max(dist.value, 100.0)) if dist.value is not None else 3.5, dist.evidence)

    ties_pa = [f.tie(p, a, on) for a in s.attackers]
    out["allied_pa"] = Fact(float(any(t.value.any for t in ties_pa)), [e for t in ties_pa for e in t.evidence])
    riv = [f.rivalry(p, a, on) for a in s.attackers]
    out["rival_pa"] = Fact(float(any(r.value for r in riv)), [e for r in riv for e in r.evidence])

    elsewhere, vs_a = f.fighting(p, on, s.attackers, exclude=s.exclude)
    out["p_war_elsewhere"] = Fact(float(elsewhere.value), elsewhere.evidence)
    out["p_fighting_a"] = Fact(float(vs_a.value), vs_a.evidence)

    dp, dc = f.democracy(p, on), f.democracy(c, on)
    out["joint_dem"] = Fact(float((dp.value or -10) >= 6 and (dc.value or -10) >= 6), dp.evidence + dc.evidence)

    rec = f.record(p, c, on, exclude=s.exclude)
    joined, unanswered = rec.value
    out["pc_joined"] = Fact(float(joined > 0), [e for e in rec.evidence if "joined" in e.text])
    out["pc_unanswered"] = Fact(math.log1p(unanswered), [e for e in rec.evidence if "did not" in e.text])

    backed = [f.backing(a, p, on, exclude=s.exclude) for a in s.attackers]
    out["a_backed"] = Fact(float(any(b.value for b in backed)), [e for b in backed for e in b.evidence])

    out["post1945"] = Fact(float(on.year >= 1946), [])
    out["c_first"] = Fact(float(s.first), [])
    out["war"] = Fact(float(s.war), [])
    return FeatureValues({k: out[k].value for k in FEATURES}, {k: out[k].evidence for k in FEATURES})
