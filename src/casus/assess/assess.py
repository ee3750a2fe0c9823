"""Assess "would patron P intervene militarily on client C's side if C is attacked by A?".

The pipeline, one step per function:

1. `_check` the inputs (codes known, a real date, three different states);
2. `_attackers`: the named attacker, or, when none is named, the attackers seen
   against the client in the news store and in the reference/dataset record;
3. `features.compute` reads the datasets and hand-kept reference data, with evidence;
4. `_news_adjust` lets fresher news change a feature only by a documented rule,
   and attaches news sentences as evidence (never silently);
5. the fitted model turns features into a probability, a bootstrap interval and
   per-factor effects; `_factors` groups them as users read them;
6. the store's own estimative claims about the question are listed beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from casus.assess.codes import AssessInputError, name_of, to_cow, to_iso, valid
from casus.assess.datasets import ir_data
from casus.assess.evidence import Evidence
from casus.assess.facts import Facts, years_before
from casus.assess.features import FEATURES, FeatureValues, Situation, compute, factor_specs
from casus.assess.model import Model, load_model, load_report
from casus.assess.news import ATTACK_TYPES, TIES_TYPES, WORDS_TYPES, News, NewsEvent
from casus.assess.reference import reference
from casus.lexicon.loader import load_yaml

NON_STATE = ("NONE", "NON-STATE", "NONSTATE", "-")
NEWS_MIN_CONFIDENCE = 0.3   # a news event may change a feature only at or above this extraction confidence …
NEWS_MIN_ARTICLES = 2       # … and only when at least this many articles report it (one noisy sentence cannot)
NEWS_WAR_DAYS = 365         # a patron's attacks reported within this many days mean it is at war
SCALES = ("war", "strike")
MAX_ATTACKERS = 5


@cache
def _facts() -> Facts:
    return Facts(ir_data(), reference(), explain=True)


@cache
def _bands() -> list[dict]:
    return [b for b in load_yaml("claims/estimative.yaml")["bands"] if b.get("estimative")]


def estimative(p: float) -> dict[str, str]:
    """The ICD-203 band of a probability, with its English and Arabic words (project lexicon)."""
    for b in _bands():
        if p < b["high"] or b is _bands()[-1]:
            return {"band": b["band"], "en": b["label_en"], "ar": b["label_ar"]}
    raise AssertionError("unreachable")


def parse_date(value: str | date | None) -> date:
    """`as_of` as a date (today when not given); AssessInputError for anything else."""
    if value is None:
        return date.today()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise AssessInputError(f"{value!r} is not a date in the form YYYY-MM-DD") from exc


@dataclass(slots=True)
class AttackerSeen:
    code: str
    news_events: int = 0
    last_news: str | None = None
    episodes: int = 0
    last_episode: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"attacker": self.code, "name": name_of(self.code), "news_events": self.news_events,
                "last_news": self.last_news, "episodes": self.episodes, "last_episode": self.last_episode,
                "evidence": [e.to_dict() for e in self.evidence[:3]]}


def _check(patron: str, client: str, attacker: str | None) -> tuple[str, str, tuple[str, ...] | None]:
    """Upper-cased codes; the attacker as a tuple (empty: non-state; None: not named)."""
    p, c = patron.strip().upper(), client.strip().upper()
    for role, code in (("patron", p), ("client", c)):
        if not valid(code):
            raise AssessInputError(f"unknown {role} country code {code!r}: use an ISO3 code such as RUS, IRN, ISR, USA")
    if p == c:
        raise AssessInputError("patron and client must be different states")
    if attacker is None or not attacker.strip():
        return p, c, None
    if attacker.strip().upper() in NON_STATE:
        return p, c, ()
    codes = tuple(dict.fromkeys(x.strip().upper() for x in attacker.split(",") if x.strip()))
    for code in codes:
        if not valid(code):
            raise AssessInputError(f"unknown attacker country code {code!r}: use an ISO3 code (several: ISR,USA), "
                                   "or 'none' for a non-state attacker")
        if code in (p, c):
            raise AssessInputError("the attacker must differ from the patron and the client")
    return p, c, codes


def _attackers(facts: Facts, news: News, p: str, c: str, on: date) -> list[AttackerSeen]:
    """States seen attacking the client: in the news store, then in the reference/dataset record (25 years)."""
    seen: dict[str, AttackerSeen] = {}
    for ev in news.events(None, {c}, ATTACK_TYPES):
        if ev.source in (None, p, c) or ev.confidence < NEWS_MIN_CONFIDENCE:
            continue
        a = seen.setdefault(ev.source, AttackerSeen(ev.source))
        a.news_events += 1
        a.last_news = max(a.last_news or "", ev.day or "") or None
        if len(a.evidence) < 3:
            a.evidence.append(ev.evidence())
    since = years_before(on, 25)
    for cl in facts.by_target.get(to_cow(c), ()):
        if not (since <= cl.start < on):
            continue
        for x in cl.attackers:
            code = to_iso(x)
            if code in (p, c):
                continue
            a = seen.setdefault(code, AttackerSeen(code))
            a.episodes += 1
            a.last_episode = max(a.last_episode or "", cl.start.isoformat())
    return sorted(seen.values(), key=lambda a: (-a.news_events, -(int((a.last_news or "0")[:4])),
                                                 -(int((a.last_episode or "0")[:4])), -a.episodes, a.code))


# ------------------------------------------------------------------ news → features


@dataclass(slots=True)
class Adjustment:
    feature: str
    before: float
    after: float
    rule: str
    evidence: list[Evidence]

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "from": self.before, "to": self.after, "rule": self.rule,
                "evidence": [e.to_dict() for e in self.evidence]}


def _news_adjust(fv: FeatureValues, news: News, facts: Facts, p: str, c: str, attackers: tuple[str, ...],
                 on: date) -> tuple[list[Adjustment], dict[str, list[Evidence]]]:
    """Fresher signal from the store: documented feature changes, and news evidence for each factor."""
    adjustments: list[Adjustment] = []
    extra: dict[str, list[Evidence]] = {}
    if not news.available:
        return adjustments, extra

    # the patron fighting elsewhere: its reported attacks on third states in the last year
    war_news = [e for e in news.events({p}, None, ATTACK_TYPES, since=on - timedelta(days=NEWS_WAR_DAYS))
                if e.target not in (None, c, p, *attackers)]
    strong = [e for e in war_news if e.confidence >= NEWS_MIN_CONFIDENCE]
    by_target: dict[str, set[str]] = {}
    for e in strong:
        by_target.setdefault(e.target or "", set()).add(e.article_id)
    wars = sorted(t for t, arts in by_target.items() if len(arts) >= NEWS_MIN_ARTICLES)
    extra["p_war_elsewhere"] = [e.evidence(f"{p} at war (news): ") for e in _top(war_news)]
    if wars and fv.values["p_war_elsewhere"] == 0.0:
        adjustments.append(Adjustment(
            "p_war_elsewhere", 0.0, 1.0,
            f"{NEWS_MIN_ARTICLES}+ articles in the store report asserted {p} attacks on {', '.join(wars)} within "
            f"{NEWS_WAR_DAYS} days (extraction confidence ≥ {NEWS_MIN_CONFIDENCE}); the reference data hold no war "
            f"for {p} on this date", [e.evidence() for e in _top([e for e in strong if e.target in wars])]))
        fv.values["p_war_elsewhere"] = 1.0

    # earlier attacks on the client and what the patron did about them
    attacks = [e for e in news.events(None, {c}, ATTACK_TYPES) if e.source not in (None, p, c)]
    responses = news.events({p}, {e.source for e in attacks if e.source} or None, ATTACK_TYPES) if attacks else []
    words = news.events({p}, {c, *(e.source for e in attacks if e.source)}, WORDS_TYPES, modality=None)
    extra["pc_unanswered"] = [e.evidence(f"earlier attack on {c} (news): ") for e in _top(attacks)]
    extra["pc_unanswered"] += [e.evidence(f"{p}'s reaction in words (news): ") for e in _top(words, 2)]
    extra["pc_joined"] = [e.evidence(f"{p} attacked {c}'s attacker (news): ") for e in _top(responses, 2)]
    new_years = _news_only_attacks(attacks, responses, facts, c, on)
    if new_years:
        current = facts.current(to_cow(c), tuple(to_cow(x) for x in attackers), on)
        joined, unanswered = facts.record(to_cow(p), to_cow(c), on, exclude=current).value
        before = fv.values["pc_unanswered"]
        after = math.log1p(unanswered + len(new_years))
        adjustments.append(Adjustment(
            "pc_unanswered", before, after,
            f"{NEWS_MIN_ARTICLES}+ articles in the store report attacks on {c} "
            f"({', '.join(f'{a} {y}' for a, y in sorted(new_years))}) that no reference episode covers and that "
            f"drew no reported {p} military action; each attacker-year counts as one more unanswered attack",
            [e.evidence() for e in _top([e for e in attacks if (e.source, (e.date or "")[:4]) in new_years])]))
        fv.values["pc_unanswered"] = after

    # the patron's ties with the attacker and with the attacker's backers
    if attackers:
        ties_pa = news.events({p}, set(attackers), TIES_TYPES, either_way=True)
        # friction counts as much as friendship here, stated or only feared ("مواجهة مباشرة مع إسرائيل")
        friction_pa = news.events({p}, set(attackers), ATTACK_TYPES + ("THREATEN", "MOBILIZE", "ACCUSE"),
                                  either_way=True, modality=None)
        extra["allied_pa"] = ([e.evidence(f"{p}–attacker ties (news): ") for e in _top(ties_pa)]
                              + [e.evidence(f"{p}–attacker friction (news): ") for e in _top(friction_pa, 2)])
        majors = {to_iso(m) for m in facts.majors_by_year.get(min(on.year, facts.data.majors_last), ())} - {p}
        backers = news.events(majors - set(attackers), set(attackers), TIES_TYPES + ATTACK_TYPES, either_way=True)
        backers = [e for e in backers if e.type != "ASSAULT" or (e.source in attackers) == (e.target in attackers)]
        clash = news.events({p}, majors, ATTACK_TYPES + ("THREATEN", "MOBILIZE"), either_way=True, modality=None)
        extra["a_backed"] = ([e.evidence("attacker's major-power ties (news): ") for e in _top(backers, 2)]
                             + [e.evidence(f"{p} vs another major power (news): ") for e in _top(clash, 2)])
    return adjustments, extra


def _news_only_attacks(attacks: list[NewsEvent], responses: list[NewsEvent], facts: Facts, c: str, on: date
                       ) -> set[tuple[str, str]]:
    """(attacker, year) of dated, confident news attacks on c after the dispute data end, missing from the reference,
    reported by at least NEWS_MIN_ARTICLES articles."""
    covered = {(to_iso(a), cl.start.year) for cl in facts.by_target.get(to_cow(c), ()) for a in cl.attackers}
    answered = {(e.target, (e.day or "")[:4]) for e in responses if e.confidence >= NEWS_MIN_CONFIDENCE}
    articles: dict[tuple[str, str], set[str]] = {}
    for e in attacks:
        if not e.date or e.confidence < NEWS_MIN_CONFIDENCE or not e.source:
            continue
        year = e.date[:4]
        if not year.isdigit() or int(year) <= facts.data.mid_last or int(year) > on.year:
            continue
        if (e.source, int(year)) in covered or (e.source, year) in answered:
            continue
        articles.setdefault((e.source, year), set()).add(e.article_id)
    return {key for key, arts in articles.items() if len(arts) >= NEWS_MIN_ARTICLES}


def _top(events: list[NewsEvent], n: int = 3) -> list[NewsEvent]:
    """The n most confident events, newest first among equals (one per sentence)."""
    best: dict[str, NewsEvent] = {}
    for e in sorted(events, key=lambda e: (-e.confidence, -(int((e.day or "0000")[:4])), e.article_id)):
        best.setdefault(f"{e.article_id}:{e.text}", e)
    return list(best.values())[:n]


# -------------------------------------------------------------------- factors


MAX_REFERENCE_EVIDENCE = 6   # per feature; the rest is counted, not listed


def _factors(model: Model, fv: FeatureValues, extra: dict[str, list[Evidence]], adjustments: list[Adjustment]
             ) -> list[dict[str, Any]]:
    specs = factor_specs()
    logit = model.logit(fv.values)
    p = _sigmoid(logit)
    contrib = model.contributions(fv.values)
    labels = specs["features"]
    out = []
    for spec in specs["factors"]:
        feats = spec["features"]
        delta = sum(contrib[f] for f in feats)
        without = _sigmoid(logit - delta)
        evidence = [e for f in feats for e in fv.evidence.get(f, [])[:MAX_REFERENCE_EVIDENCE]]
        evidence += [e for f in feats for e in extra.get(f, [])]
        more = sum(max(0, len(fv.evidence.get(f, [])) - MAX_REFERENCE_EVIDENCE) for f in feats)
        adj = [a.to_dict() for a in adjustments if a.feature in feats]
        direction = "raises" if delta > 0.05 else "lowers" if delta < -0.05 else "little effect"
        out.append({
            "name": spec["id"], "label": spec["label"], "value": _describe(spec["id"], fv.values),
            "values": {f: round(fv.values[f], 4) for f in feats},
            "features": [{"feature": f, "label": labels[f], "value": round(fv.values[f], 4),
                          "coef": round(model.coef[f], 4), "training_mean": round(model.mean[f], 4),
                          "log_odds": round(contrib[f], 4)} for f in feats],
            "effect": round(p - without, 6), "effect_log_odds": round(delta, 4),
            "odds_ratio": round(math.exp(delta), 3), "direction": direction, "why": " ".join(spec["why"].split()),
            "evidence": [e.to_dict() for e in _dedupe(evidence)], "evidence_not_listed": more, "adjustments": adj,
        })
    return out


def _dedupe(items: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[str, str]] = set()
    out = []
    for e in items:
        if (e.text, e.source) not in seen:
            seen.add((e.text, e.source))
            out.append(e)
    return out


def _describe(factor: str, v: dict[str, float]) -> str:
    """A short human reading of a factor's feature values."""
    yes = lambda k: v[k] >= 0.5  # noqa: E731
    if factor == "commitment":
        return ("defence obligation" if yes("defense") else
                "alliance without a defence obligation" if yes("other_tie") else "no alliance")
    if factor == "patron_power":
        return "major power" if yes("p_major") else "not a major power"
    if factor == "balance":
        ratio = 10 ** v["cap_ratio"]
        text = (f"patron {ratio:.1f}× the attacker's capabilities" if ratio >= 1 else
                f"patron {1 / ratio:.1f}× weaker than the attacker")
        return text + ("; attacker is a major power" if yes("a_major") else "")
    if factor == "proximity":
        km = 10 ** v["log_dist"]
        return ("contiguous" if yes("contig_pc") else "not contiguous") + f", capitals {km:,.0f} km apart"
    if factor == "patron_attacker":
        parts = ["allied to the attacker" if yes("allied_pa") else "no alliance with the attacker"]
        parts += ["strategic rivals"] if yes("rival_pa") else []
        parts += ["borders the attacker"] if yes("contig_pa") else []
        return "; ".join(parts)
    if factor == "patron_at_war":
        return ("already fighting the attacker" if yes("p_fighting_a") else
                "fighting another war" if yes("p_war_elsewhere") else "not at war")
    if factor == "record":
        n = round(math.expm1(v["pc_unanswered"]))
        return (("came to the client's side before; " if yes("pc_joined") else "never came to its side; ")
                + f"{n} earlier attack(s) on the client left unanswered (25 years)")
    if factor == "escalation":
        return "a major power backs the attacker" if yes("a_backed") else "no major power behind the attacker"
    if factor == "regimes":
        return "both democracies" if yes("joint_dem") else "not both democracies"
    if factor == "scenario":
        return ("after 1945" if yes("post1945") else "before 1946") + ("; full-scale war" if yes("war") else
                                                                          "; limited strike")
    return ""


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


# ------------------------------------------------------------------------ public


def assess(patron: str, client: str, attacker: str | None = None, as_of: str | date | None = None,
           db: str | Path | None = None, scale: str = "war") -> dict[str, Any]:
    """The full assessment as a JSON-ready dict (what `casus assess --json` prints)."""
    p, c, a = _check(patron, client, attacker)
    on = parse_date(as_of)
    if scale not in SCALES:
        raise AssessInputError(f"scale must be one of {', '.join(SCALES)}, not {scale!r}")
    if on.year < 1816:
        raise AssessInputError(f"{on.isoformat()}: the datasets start in 1816")
    model = load_model()
    facts = _facts()
    with News(db, on) as news:
        seen = _attackers(facts, news, p, c, on)
        if a == ():
            attackers: tuple[str, ...] = ()
            how = "a non-state attacker (as asked)"
        elif a:
            attackers = a
            how = "named"
        elif seen:
            attackers = (seen[0].code,)
            how = ("the attacker most reported against the client in the news store" if seen[0].news_events
                   else "the client's most recent attacker in the reference record")
        else:
            attackers = ()
            how = "no attacker named or seen: assessed as an attack by a non-state actor"
        main = _one(model, facts, news, p, c, attackers, on, scale)
        per_attacker = []
        if a is None:
            for s in seen[:MAX_ATTACKERS]:
                one = main if (s.code,) == attackers else _one(model, facts, news, p, c, (s.code,), on, scale)
                per_attacker.append({"attacker": s.code, "name": name_of(s.code), "probability": one["probability"],
                                     "interval": one["interval"]})
        other_scale = "strike" if scale == "war" else "war"
        alt = _one(model, facts, news, p, c, attackers, on, other_scale)
        claims = news.claims(p, {c, *attackers})
        counts = news.counts()
        note = news.note
        news_used = news.available
    report = load_report()
    result = {
        "patron": p, "patron_name": name_of(p), "client": c, "client_name": name_of(c),
        "attacker": ",".join(attackers) if attackers else None,
        "attackers": list(attackers),
        "attacker_name": " and ".join(name_of(x) for x in attackers) if attackers else "non-state actor",
        "attacker_basis": how, "attackers_seen": [s.to_dict() for s in seen[:10]],
        "as_of": on.isoformat(), "scale": scale,
        "question": f"Would {name_of(p)} intervene militarily on {name_of(c)}'s side if "
                    f"{name_of(c)} is attacked by "
                    f"{' and '.join(name_of(x) for x in attackers) if attackers else 'a non-state actor'}"
                    f" ({'a war' if scale == 'war' else 'a limited strike'})?",
        **{k: main[k] for k in ("probability", "interval", "interval_level", "estimative", "base_rate", "baseline",
                                "factors", "adjustments", "features")},
        "per_attacker": per_attacker,
        "alternative_scale": {"scale": other_scale, "probability": alt["probability"], "interval": alt["interval"]},
        "source_claims": [cl.to_dict() for cl in claims],
        "source_claims_summary": _claims_summary(claims),
        "news": {"used": news_used, "db": str(news.path) if news.path else None, **counts,
                 "note": note or ("news evidence up to the as-of date was used" if news_used else "")},
        "model": _model_info(model, report),
        "outcome_definition": ("direct military intervention: the patron takes military action on the client's "
                               "side (a show of force or more, GML highest action ≥ 7) within a year of the attack"),
        "caveats": _caveats(on, facts, news_used),
    }
    return result


def _one(model: Model, facts: Facts, news: News, p: str, c: str, attackers: tuple[str, ...], on: date,
         scale: str) -> dict[str, Any]:
    cows = tuple(to_cow(x) for x in attackers)
    s = Situation(to_cow(p), to_cow(c), cows, on, war=scale == "war", exclude=facts.current(to_cow(c), cows, on))
    fv = compute(facts, s)
    what = "a full-scale war" if s.war else "a limited strike"
    fv.evidence["war"] = [Evidence("reference", f"assessed scenario: {what} against the client, which it did not "
                                   "start (the other scale is given in alternative_scale)", "casus assessment scenario",
                                   on.isoformat())]
    adjustments, extra = _news_adjust(fv, news, facts, p, c, attackers, on)
    prob = model.probability(fv.values)
    lo, hi = model.interval_of(fv.values)
    factors = _factors(model, fv, extra, adjustments)
    factors.sort(key=lambda f: -abs(f["effect_log_odds"]))
    return {"probability": round(prob, 6), "interval": [round(min(lo, prob), 6), round(max(hi, prob), 6)],
            "interval_level": model.interval, "estimative": estimative(prob),
            "base_rate": round(model.meta["base_rate"], 6), "baseline": round(_sigmoid(model.baseline_logit()), 6),
            "factors": factors, "adjustments": [x.to_dict() for x in adjustments],
            "features": {k: round(fv.values[k], 6) for k in FEATURES}}


def _claims_summary(claims: list) -> dict[str, Any] | None:
    probs = sorted(cl.probability for cl in claims if cl.probability is not None)
    if not probs:
        return None
    mid = probs[len(probs) // 2] if len(probs) % 2 else (probs[len(probs) // 2 - 1] + probs[len(probs) // 2]) / 2
    return {"n": len(probs), "median": mid, "low": min(cl.low for cl in claims if cl.low is not None),
            "high": max(cl.high for cl in claims if cl.high is not None)}


def _model_info(model: Model, report: dict) -> dict[str, Any]:
    cv = report["cv"]
    return {"name": model.name, "version": model.version, "training_cases": model.meta["training_cases"],
            "events": model.meta["events"], "base_rate": model.meta["base_rate"], "years": model.meta["years"],
            "cv_brier": cv["brier"], "cv_brier_base_rate": cv["brier_base_rate"],
            "cv_brier_defence_rule": cv["brier_defence_rule"], "cv_log_loss": cv["log_loss"],
            "cv_log_loss_base_rate": cv["log_loss_base_rate"], "cv_auc": cv["auc"],
            "calibration_error": cv["calibration_error"], "cv": "leave-one-era-out (time blocks), not random"}


def _caveats(on: date, facts: Facts, news_used: bool) -> list[str]:
    d = facts.data
    out = []
    if on.year > d.mid_last:
        out.append(f"the dispute data end in {d.mid_last}; later attacks come from hand-kept reference episodes"
                   + (" and the news store" if news_used else ""))
    if on.year > d.atop_last:
        out.append(f"ATOP alliance data end in {d.atop_last}: later obligations are carried forward unless a "
                   "hand-kept treaty says otherwise")
    if on.year > d.majors_last or on.year > d.cinc_last:
        out.append(f"major-power status ({d.majors_last}) and capabilities ({d.cinc_last}) are carried forward")
    out.append("the model's out-of-sample Brier skill over the base rate is small (see `casus model report`): "
               "read the number with its interval and the factors, not alone")
    return out
