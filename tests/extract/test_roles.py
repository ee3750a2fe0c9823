"""The role finder: which actor the syntax makes source and target of a trigger (before any scoring)."""

from __future__ import annotations

from casus.extract.actors import find_actors
from casus.extract.document import Document
from casus.extract.roles import RoleFinder
from casus.extract.triggers import find_triggers
from casus.model import Article


def roles(text: str, trigger: str, pub_date: str = "2005-01-05") -> tuple[set[str], set[str], str]:
    doc = Document.from_article(Article(id="t", text=text, pub_date=pub_date))
    finder = RoleFinder(doc, find_actors(doc))
    trig = next(t for t in find_triggers(doc) if doc.text[t.start:t.end] == trigger)
    slots = finder.slots(trig, doc.sentence_of(trig.start))
    return ({r.country for r in slots.sources}, {r.country for r in slots.targets},
            f"{slots.src_rule}+{slots.tgt_rule}")


def test_trigger_phrase_ending_in_a_preposition_takes_its_object_and_the_coordinated_ones() -> None:
    src, tgt, _ = roles("Tony Blair returned to London. He also spoke on the telephone to US President George Bush, "
                        "and the presidents of Sri Lanka and Indonesia.", "spoke on the telephone to")
    assert src == {"GBR"}
    assert tgt == {"USA", "LKA", "IDN"}


def test_english_pronoun_before_the_verb_is_the_person_leading_the_sentence() -> None:
    src, tgt, rule = roles("Pakistani President Pervez Musharraf arrived in London on Sunday, flying from Washington, "
                           "where he met President George W Bush.", "met")
    assert src == {"PAK"}, rule
    assert tgt == {"USA"}, rule


def test_the_lam_genitive_of_an_attack_noun_is_its_author() -> None:
    # "هجوم للحوثيين على ناقلة سعودية": the attack is the Houthis', aimed at the Saudi tanker
    doc = Document.from_article(Article(id="t", text="وأدانت الرياض هجوما لإسرائيل على مواقع في سوريا.",
                                        pub_date="2018-06-13"))
    finder = RoleFinder(doc, find_actors(doc))
    trig = next(t for t in find_triggers(doc) if doc.text[t.start:t.end].startswith("هجوم"))
    slots = finder.slots(trig, 0)
    assert ({r.country for r in slots.sources}, {r.country for r in slots.targets}) == ({"ISR"}, {"SYR"})
    assert slots.src_rule == "lam-agent"
    # support, unlike force, goes to its ل-genitive: "دعم لإيران" is support for Iran
    src, tgt, _ = roles("وأعلنت روسيا دعما لإيران.", "دعما", "2018-06-13")
    assert "IRN" in tgt and "IRN" not in src
