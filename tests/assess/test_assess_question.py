"""Question parsing in Arabic and English, including the failures users see."""

from __future__ import annotations

import pytest

from casus.assess.api import ask_json
from casus.assess.question import explain_failure, parse_question


@pytest.mark.parametrize("question, patron, client, attacker", [
    ("Would Russia intervene militarily if Iran is attacked by Israel?", "RUS", "IRN", "ISR"),
    ("هل ستدافع الصين عن كوريا الشمالية إذا هاجمتها الولايات المتحدة؟", "CHN", "PRK", "USA"),
    ("Will the US defend Taiwan if China invades?", "USA", "TWN", "CHN"),
    ("If Israel attacks Iran, would Russia intervene?", "RUS", "IRN", "ISR"),
    ("هل ستتدخل روسيا إذا تعرضت إيران لهجوم من إسرائيل؟", "RUS", "IRN", "ISR"),
    ("Would China come to the aid of Pakistan if India strikes?", "CHN", "PAK", "IND"),
    # an office holder and capitals name their states
    ("هل سيتدخل بوتين إذا ضربت تل أبيب طهران؟", "RUS", "IRN", "ISR"),
])
def test_patron_client_attacker_in_both_languages(question: str, patron: str, client: str, attacker: str) -> None:
    p = parse_question(question)
    assert (p.patron, p.client, p.attacker) == (patron, client, attacker)
    assert p.ok


def test_seed_headline_attacked_again_leaves_the_attacker_to_the_store() -> None:
    p = parse_question("هل ستتدخل روسيا عسكريا إذا تعرضت إيران لهجوم جديد؟")
    assert (p.patron, p.client, p.attacker, p.again, p.lang) == ("RUS", "IRN", None, True, "ar")
    assert p.command() == "casus assess --patron RUS --client IRN"


def test_several_attackers_are_kept() -> None:
    p = parse_question("هل ستتدخل روسيا لحماية إيران إذا هاجمتها إسرائيل والولايات المتحدة؟")
    assert p.attacker == "ISR,USA"


def test_non_state_attacker() -> None:
    p = parse_question("Would Russia defend Kazakhstan if it is attacked by rebels?")
    assert (p.patron, p.client, p.attacker, p.non_state) == ("RUS", "KAZ", None, True)
    assert p.command().endswith("--attacker none")


def test_missing_client_names_the_part_and_the_command() -> None:
    p = parse_question("Would Russia intervene if it is attacked?")
    assert p.missing == ["client"]
    message = explain_failure(p)
    assert "could not find the client" in message
    assert "casus assess --patron RUS --client <CLIENT ISO3>" in message


def test_organisation_is_not_a_patron() -> None:
    p = parse_question("Would NATO defend Estonia if Russia attacks?")
    assert p.missing == ["patron"] and p.client == "EST" and p.attacker == "RUS"
    assert "member state" in explain_failure(p)


def test_ask_json_error_object(tmp_path) -> None:
    out = ask_json("Will anyone help?", db=tmp_path / "none.duckdb")
    assert out["missing"] == ["patron", "client"]
    assert out["suggestion"] == "casus assess --patron <PATRON ISO3> --client <CLIENT ISO3>"
    assert "could not find the patron and client" in out["error"]
