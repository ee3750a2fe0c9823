"""Country codes: ISO3 (what users and the rest of casus speak) ↔ COW ccode (what the datasets use).

The mapping comes from the actor lexicon (`cow:` in its state files), so there is
one list of states in the project. States that no longer exist and have no ISO
code (Austria-Hungary, South Vietnam, …) are reachable by their COW abbreviation
(AUH, RVN, …) whenever that abbreviation is not also an ISO3 code.
"""

from __future__ import annotations

from functools import cache

from casus.assess.datasets import ir_data
from casus.lexicon.actors import actor_lexicon


class AssessInputError(ValueError):
    """Bad user input (unknown country, bad date, unparsable question): reported in one line, exit status 2."""


@cache
def _maps() -> tuple[dict[str, int], dict[int, str], dict[str, str]]:
    states = actor_lexicon().states
    iso_to_cow = {code: int(s.cow) for code, s in states.items() if s.cow}
    names = {code: s.name for code, s in states.items()}
    cow_to_iso = {cow: code for code, cow in iso_to_cow.items()}
    for ccode, (abb, name, _first, _last) in ir_data().states.items():
        if ccode not in cow_to_iso and abb not in states:
            iso_to_cow[abb] = ccode
            cow_to_iso[ccode] = abb
            names[abb] = name
    return iso_to_cow, cow_to_iso, names


def to_cow(code: str) -> int:
    """COW ccode of an ISO3 (or historical COW) code; AssessInputError if unknown."""
    iso_to_cow, _, _ = _maps()
    key = code.strip().upper()
    if key not in iso_to_cow:
        raise AssessInputError(f"unknown country code {code!r}: use an ISO3 code such as RUS, IRN, ISR, USA")
    return iso_to_cow[key]


def to_iso(ccode: int) -> str:
    """ISO3 for a COW code (or its COW abbreviation when there is no ISO code)."""
    return _maps()[1].get(ccode) or ir_data().abb(ccode)


def name_of(code: str) -> str:
    """English name of an ISO3 / COW abbreviation code."""
    return _maps()[2].get(code.upper(), code)


def valid(code: str) -> bool:
    return code.strip().upper() in _maps()[0]
