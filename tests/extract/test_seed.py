"""The founding example must work end to end: its events, dates and claims."""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.extract.pipeline import analyze
from casus.ingest.readers import read_paths
from casus.model import Article

SEED = Path(__file__).resolve().parents[2] / "src" / "casus" / "examples" / "seed_ar_russia_iran.txt"


@pytest.fixture(scope="module")
def seed() -> dict:
    [article] = [a for a in read_paths([SEED]) if isinstance(a, Article)]
    return analyze(article).to_dict()


def _events(record: dict, typ: str, src: str, tgt: str, symmetric: bool = False) -> list[dict]:
    out = []
    for e in record["events"]:
        pair = (e["source"]["country"], e["target"]["country"])
        if e["type"] == typ and (pair == (src, tgt) or (symmetric and pair == (tgt, src))):
            out.append(e)
    return out


def test_seed_states(seed: dict) -> None:
    states = {a["country"] for a in seed["actors"] if a["kind"] == "state"}
    assert {"IRN", "ISR", "RUS", "SYR", "UKR", "USA"} <= states


def test_seed_title_and_id(seed: dict) -> None:
    assert seed["id"] == "seed_ar_russia_iran"
    assert seed["title"].startswith("هل ستتدخل روسيا")
    assert seed["lang"] == "ar"


@pytest.mark.parametrize(("typ", "src", "tgt", "symmetric"), [
    ("AID", "IRN", "RUS", False),        # تزويد إيران لروسيا بمعدات عسكرية
    ("ASSAULT", "ISR", "IRN", False),    # الضربات الجوية الإسرائيلية على المواقع العسكرية الإيرانية
    ("SANCTION", "USA", "IRN", False),   # حملة الضغط الأقصى ضد طهران
    ("AGREE", "RUS", "IRN", True),       # وقع بوتين وبيزشكيان شراكة استراتيجية
])
def test_seed_asserted_events(seed: dict, typ: str, src: str, tgt: str, symmetric: bool) -> None:
    found = _events(seed, typ, src, tgt, symmetric)
    assert any(e["modality"] == "asserted" for e in found), f"{src}→{tgt} {typ} not asserted: {found}"


def test_headline_question_is_hypothetical_never_asserted(seed: dict) -> None:
    aid = _events(seed, "AID", "RUS", "IRN")
    assert aid, "the headline's RUS→IRN intervention was not extracted"
    assert all(e["modality"] != "asserted" for e in aid)
    assert any(e["modality"] == "hypothetical" for e in aid)


def test_treaty_is_dated_from_the_text(seed: dict) -> None:
    agree = _events(seed, "AGREE", "RUS", "IRN", symmetric=True)
    assert any(e["date"] == "2025-01-17" and e["date_precision"] == "day" for e in agree)


def test_evidence_spans_point_into_the_article(seed: dict) -> None:
    text = SEED.read_text(encoding="utf-8")
    for e in seed["events"]:
        ev = e["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]
        assert e["trigger"] in ev["text"] or ev["text"] in text


def test_estimative_claims_have_bands(seed: dict) -> None:
    bands = {c["phrase"]: c for c in seed["claims"]}
    assert "من غير المرجح" in bands and bands["من غير المرجح"]["band"] == "unlikely"
    assert 0.2 <= bands["من غير المرجح"]["low"] < bands["من غير المرجح"]["high"] <= 0.45
    very = [c for c in seed["claims"] if "مستبعد" in c["phrase"]]
    assert very and all(c["band"] == "very_unlikely" for c in very)
