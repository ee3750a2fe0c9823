"""Package data: small, documented, sourced, and validated when loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.assess.reference import ReferenceError, _episode, _treaty, reference

DATA = Path(__file__).resolve().parents[2] / "src" / "casus" / "assess" / "data"


def test_package_data_is_small_and_every_file_is_documented() -> None:
    files = [p for p in DATA.rglob("*") if p.is_file()]
    assert sum(p.stat().st_size for p in files) < 3_000_000
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for p in files:
        if p.name != "README.md":
            assert p.name in readme, p.name


def test_every_reference_entry_has_a_source() -> None:
    ref = reference()
    assert {t.id for t in ref.treaties} >= {"rus-irn-2025", "rus-prk-2024", "nato", "csto", "usa-isr-mou-2016"}
    for item in [*ref.treaties, *ref.episodes]:
        assert item.sources and all(s.title for s in item.sources)


def test_russia_iran_treaty_is_recorded_as_the_issue_states() -> None:
    t = next(t for t in reference().treaties if t.id == "rus-irn-2025")
    assert t.obligations["defense"] is False and t.obligations["neutral"] is True
    assert (t.signed.isoformat(), t.in_force.isoformat()) == ("2025-01-17", "2025-10-02")
    assert any("Art. 3(3)" in p for p in t.provisions)
    assert any(s.url and "tass.com" in s.url for s in t.sources)


@pytest.mark.parametrize("record, message", [
    ({"id": "x", "name": "x", "parties": ["RUS", "ZZZ"], "signed": "2020-01-01", "in_force": "2020-01-01",
      "sources": [{"title": "t"}]}, "unknown country code"),
    ({"id": "x", "name": "x", "parties": ["RUS", "IRN"], "signed": "2020-01-01", "in_force": "2020-01-01"},
     "at least one source"),
    ({"id": "x", "name": "x", "parties": ["RUS", "IRN"], "signed": "2020-01-01", "in_force": "2020-01-01",
      "obligations": {"defence": True}, "sources": [{"title": "t"}]}, "unknown obligation"),
])
def test_malformed_treaty_fails_loudly(record: dict, message: str) -> None:
    with pytest.raises(ReferenceError, match=message):
        _treaty(record)


def test_malformed_episode_fails_loudly() -> None:
    with pytest.raises(ReferenceError, match="scale"):
        _episode({"id": "x", "name": "x", "date": "2024-01-01", "end": "2024-01-02", "targets": ["IRN"],
                  "sources": [{"title": "t"}]})
    with pytest.raises(ReferenceError, match="ends before it starts"):
        _episode({"id": "x", "name": "x", "date": "2024-01-02", "end": "2024-01-01", "targets": ["IRN"],
                  "scale": "strike", "sources": [{"title": "t"}]})
