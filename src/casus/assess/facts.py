"""The facts behind the features, each with its evidence: ties, power, geography, wars, records.

One `Facts` object answers for any date. Up to the end of each dataset it reads
the dataset; after the end it carries the last value forward and then lets the
hand-kept reference data (treaties, episodes) override it, saying so in the
evidence. Training and assessment call the same methods, so a feature means the
same thing in 1950 as in 2025. With `explain=False` (training) no evidence text
is built, which keeps building the training set fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from casus.assess import datasets as ds
from casus.assess.codes import to_iso
from casus.assess.datasets import IRData
from casus.assess.evidence import Evidence, Fact, ref
from casus.assess.reference import Episode, Reference, Treaty

RECORD_YEARS = 25       # how far back a patron's record and an attacker's backing are read
JOIN_HIACT = 7          # a show of force or more (GML highest action): what counts as intervening
RESPONSE_DAYS = 365     # … within this many days of the attack (the training label)
FIGHT_HIACT = 16        # attack, clash or war: what counts as "already fighting"
FORCE_HIACT = 13        # blockade or more: what counts as an attack on the client
WAR_HIACT = 18          # declaration of war, begins or joins an interstate war: a war, not a strike


@dataclass(frozen=True, slots=True)
class Clash:
    """One side of a militarised dispute (GML) or a hand-kept episode: who attacked whom, who came to help."""

    key: str                       # "GML 3387B" or the episode id
    name: str
    start: date
    end: date | None               # None = ongoing
    attackers: tuple[int, ...]
    targets: tuple[int, ...]
    joined: tuple[int, ...]        # came to the targets' side with a show of force or more (at any time)
    joined_early: tuple[int, ...]  # … within RESPONSE_DAYS of the start (the training label)
    joined_attackers: tuple[int, ...]
    source: str
    war: bool = False              # the attackers went to war (not a limited use of force)
    first: bool = False            # the targets' side took the first militarised action (GML side A)
    dispute: str = ""              # the underlying dispute (both sides' views share it)
    urls: tuple[str, ...] = ()
    entered: tuple[tuple[int, date], ...] = ()  # when each joiner (either side) took its first action

    def joined_by(self, state: int, on: date, attackers_side: bool = False) -> bool:
        """Had `state` joined (the targets' side, or the attackers' side) before `on`?"""
        if state not in (self.joined_attackers if attackers_side else self.joined):
            return False
        when = dict(self.entered).get(state, self.start)
        return when < on

    def describe(self) -> str:
        def names(cs: tuple[int, ...]) -> str:
            return ", ".join(to_iso(c) for c in cs) or "a non-state actor"
        joined = (f"; joined on the target's side: {names(self.joined)}" if self.joined
                  else "; no state joined the target's side")
        return f"{names(self.attackers)} attacked {names(self.targets)} ({self.name}){joined}"


@dataclass(frozen=True, slots=True)
class Tie:
    """The alliance obligations between two states on a date."""

    defense: bool
    kinds: tuple[str, ...]
    treaty: str | None = None      # hand-kept treaty id, if that is where the answer came from

    @property
    def any(self) -> bool:
        return bool(self.kinds)


def _d(ymd: tuple[int, int, int]) -> date:
    y, m, d = ymd
    try:
        return date(y, m, d)
    except ValueError:
        return date(y, m, 28)


def years_before(on: date, years: int) -> date:
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


def gml_clashes(data: IRData) -> list[Clash]:
    """Every GML dispute seen from each side that had force used against it (an attack, in the model's sense).

    MID "side A" is the side that took the first militarised action, which is not
    always the aggressor (Poland's mobilisation makes it side A of the 1939 war).
    So each side whose opponents used force is a client under attack, and
    `first` records whether it acted first (an assessed scenario has first = False).
    """
    out = []
    for dispnum, parts in data.by_dispute.items():
        for side_a in (False, True):
            own = [p for p in parts if p.side_a == side_a]
            other = [p for p in parts if p.side_a != side_a]
            own_orig = [p for p in own if p.orig]
            other_orig = [p for p in other if p.orig]
            if not own_orig or not other_orig or max(p.hiact for p in other_orig) < FORCE_HIACT:
                continue
            start = min(_d(p.start) for p in own_orig + other_orig)
            end = max(_d(p.end) for p in parts)
            helpers = [p for p in own if not p.orig and p.hiact >= JOIN_HIACT]
            early = [p for p in helpers if _d(p.start) <= start + timedelta(days=RESPONSE_DAYS)]
            out.append(Clash(
                f"GML {dispnum}{'A' if side_a else 'B'}", f"MID {dispnum}", start, end,
                attackers=tuple(sorted({p.ccode for p in other_orig})),
                targets=tuple(sorted({p.ccode for p in own_orig})),
                joined=tuple(sorted({p.ccode for p in helpers})), joined_early=tuple(sorted({p.ccode for p in early})),
                joined_attackers=tuple(sorted({p.ccode for p in other if not p.orig and p.hiact >= JOIN_HIACT})),
                source=f"{ds.GML} dispute {dispnum}", war=max(p.hiact for p in other_orig) >= WAR_HIACT,
                first=side_a, dispute=f"GML {dispnum}",
                entered=tuple(sorted({(p.ccode, _d(p.start)) for p in parts if not p.orig}))))
    out.sort(key=lambda c: (c.start, c.key))
    return out


def episode_clash(e: Episode) -> Clash:
    return Clash(e.id, e.name, e.start, e.end, e.attackers, e.targets, e.joined, e.joined, e.joined_attackers,
                 f"reference/episodes.yaml: {e.id}", war=e.war, dispute=e.id,
                 urls=tuple(s.url for s in e.sources if s.url))


class Facts:
    """Dataset lookups + hand-kept reference data, each answer with evidence."""

    def __init__(self, data: IRData, reference: Reference | None = None, explain: bool = True) -> None:
        self.data = data
        self.ref = reference
        self.explain = explain
        self.clashes = gml_clashes(data)
        if reference is not None:
            self.clashes += [episode_clash(e) for e in reference.episodes]
            self.clashes.sort(key=lambda c: (c.start, c.key))
        self.by_target: dict[int, list[Clash]] = {}
        self.by_side: dict[int, list[Clash]] = {}
        for c in self.clashes:
            for t in c.targets:
                self.by_target.setdefault(t, []).append(c)
            for s in set(c.attackers + c.targets + c.joined + c.joined_attackers):
                self.by_side.setdefault(s, []).append(c)
        # spells in which a state was fighting (GML: its own dates and highest action; episodes: all parties)
        self.fights: dict[int, list[tuple[date, date, Clash]]] = {}
        seen: set[tuple[int, str]] = set()
        for c in self.clashes:
            if c.dispute.startswith("GML "):
                if (0, c.dispute) in seen:
                    continue
                seen.add((0, c.dispute))
                for part in data.by_dispute[int(c.dispute[4:])]:
                    if part.hiact >= FIGHT_HIACT:
                        self.fights.setdefault(part.ccode, []).append((_d(part.start), _d(part.end), c))
            else:
                for s in set(c.attackers + c.targets + c.joined + c.joined_attackers):
                    self.fights.setdefault(s, []).append((c.start, c.end or date.max, c))
        self.majors_by_year = {y: set(data.majors_in(y)) for y in range(1816, data.majors_last + 1)}
        self._cand: dict[tuple[int, int, int], bool] = {}

    # ------------------------------------------------------------ helpers

    def _carried(self, year: int, last: int) -> str:
        return f" (dataset ends {last}; value carried forward)" if year > last else ""

    def is_major(self, c: int, year: int) -> bool:
        return c in self.majors_by_year.get(min(year, self.data.majors_last), ())

    # ------------------------------------------------------------------ ties

    def tie(self, a: int, b: int, on: date) -> Fact[Tie]:
        """Alliance obligations between a and b: ATOP up to 2018, hand-kept treaties after."""
        d = self.data
        year = on.year
        spell = d.alliance(a, b, year)
        tie = Tie(spell.defense, tuple(spell.kinds)) if spell else Tie(False, ())
        ev: list[Evidence] = []
        if self.explain:
            pair = f"{to_iso(a)}–{to_iso(b)}"
            if spell:
                ev.append(ref(f"ATOP codes {pair} obligations {', '.join(spell.kinds)} in {spell.start}–{spell.end}"
                              f"{self._carried(year, d.atop_last)}",
                              f"{ds.ATOP}: ccode {spell.a}–{spell.b}, {spell.start}–{spell.end}", str(spell.end)))
            else:
                y = min(year, d.atop_last)
                ev.append(ref(f"ATOP codes no alliance obligation between {pair} in {y}"
                              f"{self._carried(year, d.atop_last)}",
                              f"{ds.ATOP}: no row for ccode {min(a, b)}–{max(a, b)} in {y}", str(y)))
        if self.explain:
            ev += self._provisions_evidence(a, b, year)
        if self.ref is not None and year > d.atop_last:
            tie, more = self._treaty_tie(a, b, on, tie)
            ev += more
        return Fact(tie, ev)

    def _provisions_evidence(self, a: int, b: int, year: int) -> list[Evidence]:
        """What the ATOP v4 provisions say about the alliances a and b share (shown, not a model feature)."""
        out = []
        last = self.data.members_last
        year_text = f"{min(year, last)}{self._carried(year, last)}"
        for pr in self.data.provisions(a, b, year):
            base = {0: "no bases", 1: "joint bases", 2: "bases of one party on the other's territory",
                    3: "bases on each other's territory"}.get(pr.base, f"base code {pr.base}")
            milcon = {0: "no military contact", 1: "basic military contact", 2: "regular military contact",
                      3: "common defence policy"}.get(pr.milcon, f"military contact code {pr.milcon}")
            out.append(ref(f"ATOP v4 alliance {pr.atopid} shared by {to_iso(a)} and {to_iso(b)} in {year_text}: "
                           f"{'defence obligation' if pr.defense else 'no defence obligation'}"
                           f"{' (conditional)' if pr.defense and pr.defcon else ''}; {milcon}; "
                           f"{'integrated command' if pr.intcom else 'no integrated command'}; {base}",
                           f"{ds.ATOP4}: atopid {pr.atopid}", str(min(year, last))))
        return out

    def fulfilment(self, on: date) -> list[Evidence]:
        """How often defence pacts were honoured when invoked in war (Berkemeier & Fuhrmann 2018, LLM coding)."""
        rows = [r for r in self.data.bf2018 if r["dnaLLM"] != "1" and r["defense"] == "1"]
        if not rows:
            return []
        era = [r for r in rows if r["sample"] == ("0" if on.year >= 1945 else "1")]
        honoured = sum(r["honorLLM"] == "1" for r in rows)
        era_h = sum(r["honorLLM"] == "1" for r in era)
        span = "1945–2003" if on.year >= 1945 else "1816–1944"
        return [ref(f"defence pacts invoked in war were honoured in {honoured} of {len(rows)} cases (1816–2003), "
                    f"{era_h} of {len(era)} in {span}",
                    f"{ds.BF2018}: rows with dnaLLM = 0 and defense = 1")]

    def _treaty_tie(self, a: int, b: int, on: date, tie: Tie) -> tuple[Tie, list[Evidence]]:
        assert self.ref is not None
        treaties = [t for t in self.ref.treaties_for(a, b) if t.signed <= on]  # later treaties are unknown on `on`
        ev = [self._treaty_evidence(t, a, b, on) for t in treaties] if self.explain else []
        alliances = [t for t in treaties if t.kind == "alliance" and t.in_force_on(a, b, on)]
        if alliances:
            kinds = {k for t in alliances for k in t.kinds}
            if not any(t.replaces for t in alliances):  # a new treaty adds to what ATOP carried forward
                kinds |= set(tie.kinds)
            ordered = tuple(k for k in ("defense", "offense", "neutral", "nonagg", "consul") if k in kinds)
            tie = Tie("defense" in kinds, ordered, alliances[0].id)
        return tie, ev

    def _treaty_evidence(self, t: Treaty, a: int, b: int, on: date) -> Evidence:
        start = t.start_for(a, b)
        late = [m for m in (a, b) if t.members[m] > on and t.in_force <= on]
        if start <= on:
            status = f"in force since {start.isoformat()}"
        elif late:  # a multilateral treaty in force, one of the two not yet a member (its later date is not shown)
            status = (f"in force since {t.in_force.isoformat()}, but {' and '.join(to_iso(m) for m in late)} "
                      f"not a member on {on.isoformat()}")
        else:  # the entry-into-force date is not shown: it was not known on `on`
            status = f"signed {t.signed.isoformat()}, NOT yet in force on {on.isoformat()}"
        obligations = ", ".join(t.kinds) or "none of the alliance obligation types"
        text = f"{t.name}: {status}; obligations: {obligations}."
        if t.provisions:
            text += " " + " ".join(t.provisions)
        if t.replaces and start <= on:
            text += f" Replaces: {t.replaces}."
        url = next((s.url for s in t.sources if s.url), None)
        return ref(text, f"reference/treaties.yaml: {t.id}", t.signed.isoformat(), url)

    def treaty_statements(self, a: int, b: int, on: date) -> list[Evidence]:
        """Official statements about what a treaty means, up to `on`."""
        if self.ref is None:
            return []
        return [ref(s["text"], f"reference/treaties.yaml: {t.id} (statement)", s["date"], s.get("url") or None)
                for t in self.ref.treaties_for(a, b) for s in t.statements
                if s["date"] and s["date"] <= on.isoformat() and t.signed <= on]

    # ----------------------------------------------------------------- power

    def major(self, c: int, on: date) -> Fact[bool]:
        value = self.is_major(c, on.year)
        if not self.explain:
            return Fact(value)
        y = min(on.year, self.data.majors_last)
        return Fact(value, [ref(f"{to_iso(c)} is {'a' if value else 'not a'} major power in {y}"
                                f"{self._carried(on.year, self.data.majors_last)}", f"{ds.MAJORS}: ccode {c}", str(y))])

    def capability(self, c: int, on: date) -> Fact[float | None]:
        d = self.data
        value = d.cinc_of(c, on.year)
        if not self.explain:
            return Fact(value)
        y = min(on.year, d.cinc_last)
        text = (f"{to_iso(c)} CINC (share of world material capabilities) {value:.4f} in {y}"
                f"{self._carried(on.year, d.cinc_last)}" if value is not None
                else f"no COW capabilities row for {to_iso(c)} in {y}")
        return Fact(value, [ref(text, f"{ds.NMC}: ccode {c}, year {y}", str(y))])

    # -------------------------------------------------------------- geography

    def contiguity(self, a: int, b: int, on: date) -> Fact[int | None]:
        d = self.data
        t = d.contiguous(a, b, on.year)
        if not self.explain:
            return Fact(t)
        kinds = {1: "share a land border", 2: "are within 12 miles of water", 3: "are within 24 miles of water",
                 4: "are within 150 miles of water", 5: "are within 400 miles of water"}
        text = (f"{to_iso(a)} and {to_iso(b)} {kinds.get(t, 'are contiguous')} (type {t})" if t
                else f"{to_iso(a)} and {to_iso(b)} are not contiguous (no border, no water gap of 400 miles or less)")
        y = min(on.year, d.contig_last)
        return Fact(t, [ref(text + self._carried(on.year, d.contig_last),
                            f"{ds.CONTIG}: ccode {min(a, b)}–{max(a, b)}, {y}", str(y))])

    def distance(self, a: int, b: int, on: date) -> Fact[float | None]:
        d = self.data
        km = d.distance_km(a, b, on.year)
        if not self.explain:
            return Fact(km)
        ca, cb = d.capital(a, on.year), d.capital(b, on.year)
        text = (f"{ca[2]} to {cb[2]}: {km:,.0f} km" if km is not None and ca and cb
                else f"no capital coordinates for {to_iso(a)} or {to_iso(b)}")
        return Fact(km, [ref(text, f"{ds.CAPITALS}: ccode {a}, {b}")])

    # ------------------------------------------------------------ rivalry, regime

    def rivalry(self, a: int, b: int, on: date) -> Fact[str | None]:
        d = self.data
        name = d.rivalry(a, b, on.year)
        if not self.explain:
            return Fact(name)
        text = (f"{to_iso(a)} and {to_iso(b)} are strategic rivals ({name})" if name
                else f"no strategic rivalry between {to_iso(a)} and {to_iso(b)}")
        return Fact(name, [ref(text + self._carried(on.year, d.rivalry_last), ds.RIVALRY)])

    def democracy(self, c: int, on: date) -> Fact[int | None]:
        d = self.data
        v = d.polity_of(c, on.year)
        if not self.explain:
            return Fact(v)
        y = min(on.year, d.polity_last)
        text = f"{to_iso(c)} Polity2 score {v} in {y}" if v is not None else f"no Polity2 score for {to_iso(c)}"
        return Fact(v, [ref(text + self._carried(on.year, d.polity_last), f"{ds.POLITY}: ccode {c}, {y}", str(y))])

    # ------------------------------------------------------------------ wars

    def fighting(self, p: int, on: date, attackers: tuple[int, ...], exclude: frozenset[str] = frozenset()
                 ) -> tuple[Fact[bool], Fact[bool]]:
        """Is p fighting another war on `on` (elsewhere), and is it already fighting the attacker?"""
        elsewhere: dict[str, Clash] = {}
        vs_attacker: dict[str, Clash] = {}
        for start, end, c in self.fights.get(p, ()):
            if c.dispute in exclude or not (start <= on <= end):
                continue
            sides = (set(c.attackers) | set(c.joined_attackers), set(c.targets) | set(c.joined))
            foes = sides[1] if p in sides[0] else sides[0]
            (vs_attacker if set(attackers) & foes else elsewhere)[c.dispute] = c
        return (Fact(bool(elsewhere), [self._clash_ev(c, f"{to_iso(p)} was fighting on {on.isoformat()}: ")
                                       for c in list(elsewhere.values())[:3]] if self.explain else []),
                Fact(bool(vs_attacker), [self._clash_ev(c, f"{to_iso(p)} was already fighting the attacker: ")
                                         for c in list(vs_attacker.values())[:3]] if self.explain else []))

    def _clash_ev(self, c: Clash, prefix: str = "") -> Evidence:
        when = c.start.isoformat() + (f" to {c.end.isoformat()}" if c.end and c.end != c.start else
                                      " (ongoing)" if c.end is None else "")
        return ref(prefix + c.describe() + f", {when}", c.source, c.start.isoformat(), c.urls[0] if c.urls else None)

    # --------------------------------------------------------------- records

    def record(self, p: int, c: int, on: date, exclude: frozenset[str] = frozenset()) -> Fact[tuple[int, int]]:
        """(times p came to c's side, times it did not) when c was attacked in the last RECORD_YEARS years.

        Only what was known on `on` counts: a join before `on`, or an attack that
        was over by `on` without p joining. Attacks still going on are skipped.
        """
        since = years_before(on, RECORD_YEARS)
        joined = unanswered = 0
        ev: list[Evidence] = []
        for cl in self.by_target.get(c, ()):
            if cl.dispute in exclude or not (since <= cl.start < on):
                continue
            if p in cl.attackers or p in cl.targets or cl.joined_by(p, on, attackers_side=True):
                continue
            if not self._candidate(p, c, cl.start):
                continue
            if cl.joined_by(p, on):
                joined += 1
                verdict = f"{to_iso(p)} joined {to_iso(c)}'s side" if self.explain else ""
            elif cl.end is not None and cl.end < on:
                unanswered += 1
                verdict = f"{to_iso(p)} did not take military action for {to_iso(c)}" if self.explain else ""
            else:
                continue
            if self.explain:
                ev.append(self._clash_ev(cl, f"{verdict} — "))
        ev.sort(key=lambda e: e.date or "", reverse=True)  # the most recent first: they matter most
        return Fact((joined, unanswered), ev)

    def current(self, c: int, attackers: tuple[int, ...], on: date) -> frozenset[str]:
        """Disputes under way on `on` with the client and an attacker on opposite sides: the attack being asked
        about, whose outcome must not leak into its own features."""
        out = set()
        for cl in self.by_target.get(c, ()):
            if cl.start <= on and (cl.end is None or on <= cl.end) and set(attackers) & set(cl.attackers):
                out.add(cl.dispute)
        return frozenset(out)

    def _candidate(self, p: int, c: int, on: date) -> bool:
        """Was p a plausible defender of c then (an ally of any kind, a major power or a neighbour)?"""
        key = (p, c, on.year)
        if key not in self._cand:
            d = self.data
            y = on.year
            self._cand[key] = (d.alliance(p, c, y) is not None or self.is_major(p, y)
                               or (d.contiguous(p, c, y) or 9) <= 3)
        return self._cand[key]

    def backing(self, a: int, p: int, on: date, exclude: frozenset[str] = frozenset()) -> Fact[bool]:
        """Does a major power other than p stand behind the attacker (defence pact, or fought on its side)?"""
        ev: list[Evidence] = []
        found = False
        for m in sorted(self.majors_by_year.get(min(on.year, self.data.majors_last), ())):
            if m in (p, a):
                continue
            t = self.tie(a, m, on)
            if t.value.defense:
                found = True
                if self.explain:
                    ev += t.evidence[-1:]
        since = years_before(on, RECORD_YEARS)
        for cl in self.by_side.get(a, ()):
            if not (since <= cl.start < on):
                continue
            if cl.dispute in exclude:
                continue
            helpers = cl.joined if a in cl.targets else cl.joined_attackers if a in cl.attackers else ()
            majors = [m for m in helpers if m not in (p, a) and self.is_major(m, cl.start.year)
                      and cl.joined_by(m, on, attackers_side=a in cl.attackers)]
            if majors:
                found = True
                if self.explain:
                    ev.append(self._clash_ev(cl, f"major power(s) {', '.join(to_iso(m) for m in majors)} "
                                                 f"took military action on {to_iso(a)}'s side: "))
        return Fact(found, ev[-4:])
