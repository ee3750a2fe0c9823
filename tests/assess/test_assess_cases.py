"""Historical cases asked through the assessor beat the base rate (the table in docs/assess.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.assess.cases import cases, score


@pytest.fixture(scope="module")
def scored() -> dict:
    return score(held_out=False)


def test_cases_cover_both_outcomes_with_notes() -> None:
    outcomes = [c.outcome for c in cases()]
    assert len(outcomes) >= 20 and 5 <= sum(outcomes) <= len(outcomes) - 5
    assert all(c.note and c.scale in ("war", "strike") for c in cases())
    ids = {c.id for c in cases()}
    for wanted in ("sun-egy-1970", "chn-prk-1950", "usa-kor-1950", "rus-arm-2022", "rus-kaz-2022", "usa-ukr-2022",
                   "usa-isr-2024-04", "rus-irn-2025-06", "rus-syr-2024"):
        assert wanted in ids


def test_cases_brier_beats_the_base_rate_and_the_defence_rule(scored: dict) -> None:
    assert scored["brier"] < scored["brier_base_rate"]
    assert scored["brier"] < scored["brier_defence_rule"]
    assert scored["brier_unambiguous"] < scored["brier_base_rate_unambiguous"]


def test_wars_rank_above_strikes_for_the_same_patron(scored: dict) -> None:
    p = {row["case"].id: row["p"] for row in scored["rows"]}
    assert p["rus-irn-2025-06"] > p["rus-irn-2024-10"]          # war vs limited strike, same pair
    assert p["gbr-pol-1939"] > p["gbr-ukr-2022"]


def test_docs_list_every_case() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "assess.md").read_text(encoding="utf-8")
    for c in cases():
        assert f"| {c.id}" in doc
