"""Parse "would P intervene (militarily) if C is attacked (by A)?" in Arabic or English.

States are found with the project's actor lexicon (names, adjectives, capitals,
office holders), never with country names in code; the structural words
(conditional, passive, "by", "again") are in `data/question_words.yaml`. The
question splits at its conditional into a main clause (the patron, and the
client when it is the object: "defend Taiwan", "تدافع الصين عن كوريا الشمالية")
and a condition clause (the client when passive: "if Iran is attacked by
Israel"; the attacker when active: "if China invades", "إذا هاجمتها الولايات
المتحدة"). A missing part is reported by name, with the `casus assess`
command that asks the same thing explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from casus.assess.mentions import StateMention, language, mentioned_states
from casus.lexicon.actors import actor_lexicon
from casus.text.normalize import fold, lower_en


@dataclass(slots=True)
class Parsed:
    """What a question asks; `missing` names the parts that could not be found."""

    question: str
    lang: str
    patron: str | None = None
    client: str | None = None
    attacker: str | None = None          # ISO3, comma-separated if several; None: not named (attackers seen are used)
    non_state: bool = False              # "attacked by rebels / جماعات مسلحة"
    again: bool = False                  # "attacked again / لهجوم جديد"
    states: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"question": self.question, "lang": self.lang, "patron": self.patron, "client": self.client,
                "attacker": self.attacker, "non_state_attacker": self.non_state, "again": self.again,
                "states": self.states, "organisations": self.organisations, "missing": self.missing,
                "notes": self.notes}

    @property
    def ok(self) -> bool:
        return not self.missing

    def command(self) -> str:
        """The equivalent explicit command (placeholders for missing parts)."""
        parts = ["casus assess", f"--patron {self.patron or '<PATRON ISO3>'}",
                 f"--client {self.client or '<CLIENT ISO3>'}"]
        if self.attacker:
            parts.append(f"--attacker {self.attacker}")
        elif self.non_state:
            parts.append("--attacker none")
        return " ".join(parts)


@cache
def _words() -> dict[str, dict[str, list[str]]]:
    path = resources.files("casus.assess") / "data" / "question_words.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _norm(text: str, lang: str) -> str:
    return fold(text) if lang == "ar" else lower_en(text)


def _find(words: list[str], text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of any of `words` in normalised `text`, on word boundaries (Arabic: clitics و/ف allowed before)."""
    spans = []
    for w in sorted({_norm(w, lang) for w in words}, key=len, reverse=True):
        pre = r"(?:(?<=\s)|^|(?<=[وف]))" if lang == "ar" else r"\b"
        for m in re.finditer(pre + re.escape(w) + r"(?![\w])", text):
            spans.append((m.start(), m.end()))
    return sorted(spans)


def _organisations(text: str, lang: str) -> list[tuple[int, str]]:
    """Organisations named (NATO, CSTO ...): they cannot be a patron, which must be a state."""
    gaz = actor_lexicon().gazetteers[lang]
    hits = gaz.find(fold(text)) if lang == "ar" else gaz.find(lower_en(text), original=text)
    return [(h.token_start, h.payload.name) for h in hits
            if h.payload.country is None and h.payload.via == "organization" and h.payload.kind in ("igo", "bloc")]


def parse_question(question: str) -> Parsed:
    """Patron, client and attacker of a question; see the module docstring for the rules."""
    text = " ".join(question.split())
    lang = language(text)
    out = Parsed(question=text, lang=lang)
    if not text:
        out.missing = ["patron", "client"]
        out.notes.append("the question is empty")
        return out
    words = _words()[lang]
    norm = _norm(text, lang)
    mentions = _unique(mentioned_states(text, lang))
    out.states = [m.country for m in mentions]
    orgs = _organisations(text, lang)
    out.organisations = [name for _, name in orgs]
    out.again = bool(_find(words["again"], norm, lang))
    out.non_state = bool(_find(words["non_state"], norm, lang))

    cond = _find(words["conditional"], norm, lang)
    cond_at = cond[0][0] if cond else None
    if cond_at is not None and cond_at <= 2:
        # "If Israel attacks Iran, would Russia intervene?": the condition comes first, up to the comma
        comma = re.search(r"[,،]", norm[cond[0][1]:])
        split = cond[0][1] + comma.start() if comma else len(norm)
        cond_span, main_spans = (cond[0][1], split), [(split, len(norm))]
    elif cond_at is not None:
        cond_span, main_spans = (cond[0][1], len(norm)), [(0, cond_at)]
    else:
        cond_span, main_spans = (len(norm), len(norm)), [(0, len(norm))]

    def inside(m: StateMention, span: tuple[int, int]) -> bool:
        return span[0] <= m.start < span[1]

    main = _unique([m for m in mentions if any(inside(m, s) for s in main_spans)])
    condition = _unique([m for m in mentions if inside(m, cond_span)])
    passive = _find(words["passive"], norm[cond_span[0]:cond_span[1]], lang)
    by = _find(words["by"], norm[cond_span[0]:cond_span[1]], lang)

    org_first = [name for at, name in orgs if any(s[0] <= at < s[1] for s in main_spans)
                 and (not main or at < main[0].start)]
    if org_first:
        # "Would NATO defend Estonia ...": the patron is an organisation, the first state is the client
        out.notes.append(f"{org_first[0]} is an organisation: name one of its member states as the patron")
        main = [StateMention("", -1, -1, "organisation", "igo", org_first[0])] + main
    if main:
        out.patron = main[0].country or None
    if len(main) >= 2:
        out.client = main[1].country
        rest = [m for m in condition if m.country not in (out.patron, out.client)]
        rest += [m for m in main[2:] if m.country not in (out.patron, out.client)]
        out.attacker = ",".join(m.country for m in rest) or None
    elif condition:
        cands = [m for m in condition if m.country != out.patron]
        if len(cands) >= 2 and not by:
            passive = []  # "ضربت تل أبيب طهران", "if Israel attacked Iran": two states and no "by" read actively
        if passive or len(cands) == 1:
            # "if Iran is attacked (by Israel)" / "إذا تعرضت إيران لهجوم (من إسرائيل)"
            out.client = cands[0].country if cands else None
            after = [m for m in cands[1:]]
            if by and after:
                after = [m for m in cands[1:] if m.start - cond_span[0] >= by[0][0]] or after
            out.attacker = ",".join(m.country for m in after) or None
            if not passive and len(cands) == 1 and _find(words["attack"], norm[cond_span[0]:cond_span[1]], lang):
                out.notes.append(f"read {cands[0].country} as the state attacked")
        else:
            # active: "if Israel attacks Iran" → attacker first, client second
            out.attacker = ",".join(m.country for m in [cands[0]] + cands[2:])
            out.client = cands[1].country
    if out.attacker is None and out.non_state:
        out.notes.append("the attacker is a non-state actor")

    if out.patron is None:
        out.missing.append("patron")
    if out.client is None:
        out.missing.append("client")
    if out.patron and out.patron == out.client:
        out.missing.append("client")
        out.client = None
    if not out.missing and out.attacker is None and not out.non_state:
        out.notes.append("no attacker named: the attackers seen against the client are assessed"
                         + (" (\"again\")" if out.again else ""))
    return out


def _unique(mentions: list[StateMention]) -> list[StateMention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        if m.country not in seen:
            seen.add(m.country)
            out.append(m)
    return out


def explain_failure(p: Parsed) -> str:
    """One line for users: which part is missing and the equivalent explicit command."""
    found = ", ".join(p.states) or "no state"
    missing = " and ".join(p.missing)
    extra = f" ({'; '.join(p.notes)})" if p.notes else ""
    return (f"could not find the {missing} in the question (states found: {found}){extra}; "
            f"ask explicitly with: {p.command()}")
