"""English trigger words (events/triggers_en.yaml): the word is read as its PLOVER type, and the role rules give
the source and target a reader would name (before any scoring)."""

from __future__ import annotations

import re

import pytest

from casus.extract.actors import find_actors
from casus.extract.document import Document
from casus.extract.event_model import load_event_model
from casus.extract.roles import RoleFinder
from casus.extract.triggers import find_triggers
from casus.lexicon import triggers as lexicon_triggers
from casus.lexicon.loader import LexiconError
from casus.lexicon.triggers import family_names
from casus.model import Article


def reading(text: str, trigger: str, pub_date: str = "2018-01-10") -> tuple[str, set[str], set[str]]:
    """The type, sources and targets of the trigger whose text is `trigger`."""
    doc = Document.from_article(Article(id="t", text=text, pub_date=pub_date))
    finder = RoleFinder(doc, find_actors(doc))
    trig = next(t for t in find_triggers(doc) if doc.text[t.start:t.end] == trigger)
    slots = finder.slots(trig, doc.sentence_of(trig.start))
    return trig.type, {r.country for r in slots.sources}, {r.country for r in slots.targets}


def test_a_condemning_adjective_or_noun_is_an_accusation() -> None:
    # GUIDELINE convention 5: criticism of an action is ACCUSE toward the state that took it
    text = ("The Chinese foreign ministry called the Japanese decision \"shameful\" and a \"grave setback\" for "
            "relations.")
    assert reading(text, "called") == ("ACCUSE", {"CHN"}, {"JPN"})
    assert reading(text, "grave setback") == ("ACCUSE", {"CHN"}, {"JPN"})
    assert reading("Indian officials said Pakistan had committed repeated violations along the border.",
                   "repeated violations", "2019-03-01")[0] == "ACCUSE"


def test_supplying_a_state_is_aid() -> None:
    assert reading("Britain has begun supplying Ukraine with anti-tank weapons, Defence Secretary Ben Wallace said.",
                   "supplying", "2022-01-18") == ("AID", {"GBR"}, {"UKR"})
    assert reading("Iran admitted that it had supplied drones to Russia.", "supplied", "2022-11-05") == (
        "AID", {"IRN"}, {"RUS"})


def test_sanctions_lifted_or_imposed_and_aid_suspended_with_words_between_verb_and_noun() -> None:
    assert reading("President Barack Obama then signed an order lifting US economic sanctions on Iran.", "lifting",
                   "2016-01-17") == ("CONCEDE", {"USA"}, {"IRN"})
    assert reading("Washington imposed fresh economic sanctions on Venezuela on Friday.", "imposed",
                   "2019-03-03") == ("SANCTION", {"USA"}, {"VEN"})
    assert reading("Saudi Arabia suspended most of its financial aid to Yemen last month.", "suspended",
                   "2015-03-01") == ("SANCTION", {"SAU"}, {"YEM"})
    assert reading("The UK has suspended 30 of its 350 arms export licences to Israel.", "suspended",
                   "2024-09-03") == ("SANCTION", {"GBR"}, {"ISR"})


def test_plural_forms_of_listed_nouns_are_triggers_of_the_same_family() -> None:
    # "diplomatic protests" are a note of protest (ACCUSE), not street protests (PROTEST)
    assert reading("Beijing sent diplomatic protests to Japan.", "diplomatic protests", "2014-01-01") == (
        "ACCUSE", {"CHN"}, {"JPN"})
    assert reading("Britain and France issued joint statements with Germany on Iran.", "joint statements",
                   "2014-01-01") == ("AGREE", {"GBR", "FRA"}, {"DEU"})


def test_regret_at_another_states_decision_is_disapproval_not_an_apology() -> None:
    # GUIDELINE convention 5 (criticism of an action), not convention 3 (one's own apology or regret)
    assert reading("Mr Blair said he regretted the Spanish decision to withdraw.", "regretted", "2004-04-20") == (
        "ACCUSE", {"GBR"}, {"ESP"})
    assert reading("Japan regretted the sinking of the boat and apologised to China.", "regretted",
                   "2004-04-20")[0] == "CONCEDE"


def test_spoke_with_words_before_its_preposition_is_a_conversation_and_a_listed_phrase_keeps_its_family() -> None:
    assert reading("Jack Straw spoke several times to his Iranian counterpart Kamal Kharrazi during the week.",
                   "spoke", "2004-06-26") == ("CONSULT", {"GBR"}, {"IRN"})
    assert reading("Mr Cameron said he had spoken in recent days to the Dutch Prime Minister, Mark Rutte.",
                   "spoken", "2014-07-20") == ("CONSULT", {"GBR"}, {"NLD"})
    # a phrase listed from head to tail wins over the gapped form: the phone call keeps its mode
    doc = Document.from_article(Article(id="t", text="Tony Blair spoke on the telephone to US President George Bush.",
                                        pub_date="2005-01-05"))
    assert [(doc.text[t.start:t.end], t.mode) for t in find_triggers(doc)] == [
        ("spoke on the telephone to", "phone")]


def test_the_states_between_encouraged_or_told_and_to_are_the_ones_asked() -> None:
    assert reading("US Secretary of State Rex Tillerson said the US encouraged Saudi Arabia and Qatar to sit down "
                   "together.", "encouraged", "2017-08-07") == ("REQUEST", {"USA"}, {"SAU", "QAT"})
    assert reading("Mr Trump said he was not happy with either side and told Israel not to drop its bombs.", "told",
                   "2025-06-24") == ("REQUEST", {"USA"}, {"ISR"})


def test_withdrawing_a_states_trade_status_is_a_sanction_not_a_retreat() -> None:
    assert reading("Days after the bombing, India withdrew Pakistan's \"most favoured nation\" trade status.",
                   "withdrew", "2019-02-16") == ("SANCTION", {"IND"}, {"PAK"})


def test_blowing_up_and_pounding_are_force() -> None:
    assert reading("North Korea has blown up a joint liaison office it shared with South Korea.", "blown up",
                   "2020-06-16")[:2] == ("ASSAULT", {"PRK"})
    assert reading("Russian forces pounded Ukraine's eastern cities overnight.", "pounded", "2022-03-16") == (
        "ASSAULT", {"RUS"}, {"UKR"})


def test_journalists_words_for_attacking_a_state_verbally_are_accusations() -> None:
    assert reading("China branded the US sale of arms to Taiwan a provocation.", "branded", "2016-01-10") == (
        "ACCUSE", {"CHN"}, {"USA"})
    assert reading("Iran's foreign minister rounded on Saudi Arabia at the summit.", "rounded on", "2016-01-10") == (
        "ACCUSE", {"IRN"}, {"SAU"})


def test_reinforcing_forces_is_mobilisation() -> None:
    assert reading("Moscow has bolstered its military presence in Syria, US officials said.", "bolstered",
                   "2015-09-10")[:2] == ("MOBILIZE", {"RUS"})


def test_every_trigger_family_has_its_own_name_and_the_scorer_knows_only_those_names() -> None:
    # the scorer's family features are keyed by `name`: a family renamed or removed would silently lose its
    # trained weights, so every family name the shipped model uses must still be in the lexicon
    names = {lang: set(family_names(lang)) for lang in ("ar", "en")}
    assert all(len(names[lang]) == len(family_names(lang)) for lang in names)
    used = {(m.group(1), m.group(2)) for key in load_event_model().weights
            for m in [re.search(r"fam=(ar|en):([^|]+)", key)] if m}
    assert used, "the scorer has no family features"
    assert {(lang, n) for lang, n in used if n not in names[lang]} == set()


def test_a_trigger_family_without_a_name_is_a_lexicon_error_naming_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    families = [{"name": "accuse", "type": "ACCUSE", "verbs": ["condemned"]}, {"type": "ACCUSE", "verbs": ["x"]}]
    monkeypatch.setattr(lexicon_triggers, "load_yaml", lambda fname: families)
    lexicon_triggers.family_names.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"events/triggers_en\.yaml: family 1: no `name`"):
            lexicon_triggers.family_names("en")
        families[1]["name"] = "accuse"
        lexicon_triggers.family_names.cache_clear()
        with pytest.raises(LexiconError, match="name 'accuse' is used twice"):
            lexicon_triggers.family_names("en")
    finally:
        lexicon_triggers.family_names.cache_clear()


def test_describing_a_state_or_its_act_with_a_word_of_blame_or_praise_is_a_stance_toward_it() -> None:
    # "described X as Y", "called X Y": the states between verb and word are the one described (gap-object)
    assert reading("Iran's foreign minister described the US strikes as illegal and a violation of sovereignty.",
                   "described", "2020-01-05") == ("ACCUSE", {"IRN"}, {"USA"})
    assert reading("UK Prime Minister Boris Johnson called Mr Putin \"a dictator\" and announced the freezing of "
                   "assets of major Russian banks.", "called", "2022-02-24") == ("ACCUSE", {"GBR"}, {"RUS"})
    assert reading("Sudan's president said his country reserved the right to respond to what he called Eritrea's "
                   "aggression.", "called", "2006-04-14") == ("ACCUSE", {"SDN"}, {"ERI"})
    assert reading("The Chinese president hailed the agreement with Pakistan as historic.", "hailed",
                   "2015-04-20") == ("SUPPORT", {"CHN"}, {"PAK"})


def test_a_longer_phrase_opening_with_a_describing_verb_keeps_its_reading() -> None:
    # "called on ... to halt its dangerous tests" is a request, not a description ending in "dangerous"
    assert reading("Britain called on Iran to halt its dangerous missile tests.", "called on",
                   "2019-01-05") == ("REQUEST", {"GBR"}, {"IRN"})
    doc = Document.from_article(Article(id="t", text="President Macron called Mr Trump to discuss the threat from "
                                        "Iran.", pub_date="2019-01-05"))
    assert "ACCUSE" not in {t.type for t in find_triggers(doc)}  # 'to' ends the description


def test_a_gapped_tail_that_is_a_preposition_keeps_its_letters() -> None:
    # "تنسب … إلى" (attribute to): the ال of إلى is no article, so the tail is not a lone ي that "في" would end with
    def spans(text: str) -> list[tuple[str, str]]:
        doc = Document.from_article(Article(id="t", text=text, pub_date="2018-05-01"))
        return [(t.type, doc.text[t.start:t.end]) for t in find_triggers(doc)]

    assert ("ACCUSE", "تنسب") in spans("وقالت الوزارة إن موسكو تنسب الهجوم إلى إيران.")
    assert ("ACCUSE", "تنسب") not in spans("قال إن طهران تنسب نجاحها في المفاوضات.")
