"""Actors: states by name, adjective, capital and seat; office holders by date; clitics; ambiguity."""

from __future__ import annotations

import pytest

from casus.extract.actors import find_actors
from casus.extract.document import Document
from casus.model import Article
from casus.text.normalize import fold


def refs(text: str, pub_date: str | None = None, lang: str | None = None):
    doc = Document.from_article(Article(id="t", text=text, pub_date=pub_date, lang=lang))
    return doc, find_actors(doc)


def countries(text: str, pub_date: str | None = None) -> set[str]:
    return {r.country for r in refs(text, pub_date)[1] if r.country}


@pytest.mark.parametrize(("text", "expected"), [
    ("وبروسيا وحدها", {"RUS"}),                       # و + ب + name
    ("قدمت الدعم لإيران", {"IRN"}),                     # ل + name
    ("القوات الإيرانية والروسية", {"IRN", "RUS"}),      # nisba with ال and و+ال
    ("السفير الأميركي والمسؤولين الإسرائيليين", {"USA", "ISR"}),  # both spellings, plural nisba
    ("أعلن الكرملين أن البيت الأبيض", {"RUS", "USA"}),  # seats of government
    ("أعلنت طهران وموسكو رفضهما", {"IRN", "RUS"}),      # capitals as governments
    ("#فلاديمير_بوتين يلتقي #أردوغان", {"RUS", "TUR"}),  # hashtags
    ("The Kremlin said Downing Street and the Elysee", {"RUS", "GBR", "FRA"}),
    ("Iranian and Saudi officials met in the UAE", {"IRN", "SAU", "ARE"}),
])
def test_states_are_found_however_they_are_named(text: str, expected: set[str]) -> None:
    assert countries(text) == expected


def test_office_holder_resolves_by_article_date() -> None:
    doc, found = refs("قال الرئيس الإيراني إن بلاده لن تتراجع", pub_date="2025-02-01")
    [ref] = [r for r in found if r.country == "IRN"]
    assert ref.kind == "leader" and ref.person == "Masoud Pezeshkian"
    doc, found = refs("قال الرئيس الإيراني إن بلاده لن تتراجع", pub_date="2018-05-01")
    [ref] = [r for r in found if r.country == "IRN"]
    assert ref.person == "Hassan Rouhani"


def test_named_leader_counts_for_their_state() -> None:
    doc, found = refs("وقع بوتين وبيزشكيان الاتفاقية في موسكو")
    people = {r.person for r in found if r.person}
    assert {"Vladimir Putin", "Masoud Pezeshkian"} <= people
    assert {"RUS", "IRN"} <= {r.country for r in found}


def test_title_chain_is_one_actor() -> None:
    doc, found = refs("وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو")
    chains = [r for r in found if r.country == "RUS" and r.role]
    assert len(chains) == 1 and chains[0].role == "foreign_minister"
    assert doc.text[chains[0].token_start:chains[0].end].startswith("وزير الخارجيه")


def test_a_definite_title_takes_no_indefinite_adjective_across_other_words() -> None:
    # "روسيا" is also the indefinite adjective "روسيًا"; after "الدبلوماسية بين" it is the state, and the
    # authorities who arrested an Egyptian are not Egyptian ("رجلا مصريا")
    doc, found = refs("أظهرت الاتفاقيات الدبلوماسية بين روسيا وإيران تقاربا.")
    russia = next(r for r in found if r.country == "RUS")
    assert doc.text[russia.token_start:russia.end] == "روسيا" and russia.kind == "state"
    _, found = refs("قالت السلطات أمس إنها أوقفت رجلا مصريا في المطار.")
    assert not any(r.country == "EGY" and r.kind != "state" for r in found)


def test_ambiguous_word_needs_corroboration() -> None:
    # عمان is Amman (Jordan) or Oman; مالي is Mali or "financial"
    assert countries("قدمت الحكومة دعما ماليا للمشروع") == set()
    assert countries("وصل الوفد إلى عمان") == set()
    assert countries("وصل الوفد الأردني إلى عمان") == {"JOR"}
    assert "MLI" in countries("أعلنت حكومة مالي أن القوات الفرنسية في مالي ستبقى")


def test_non_state_actors_have_no_country() -> None:
    doc, found = refs("أعلن حزب الله أن الحوثيين وداعش")
    orgs = {r.code: r for r in found if r.country is None}
    assert {"HEZBOLLAH", "HOUTHIS", "ISIS"} <= set(orgs)
    assert all(r.kind == "non-state" for r in orgs.values())


def test_region_names_are_not_states() -> None:
    assert countries("اجتمع وزراء دول أمريكا اللاتينية قرب المحيط الهندي") == set()
    assert countries("Leaders from Latin America met in the Indian Ocean islands") == set()


def test_coalition_led_by_a_state_is_that_state() -> None:
    doc, found = refs("شن التحالف الذي تقوده السعودية غارات على الحديدة")
    [lead] = [r for r in found if r.country == "SAU"]
    assert doc.text[lead.start:lead.end].startswith("التحالف")


def test_dateline_state_is_an_actor_but_not_a_party() -> None:
    doc, found = refs("عنوان\nدبي، الإمارات العربية المتحدة (CNN)— قال وزير الخارجية الروسي إن موسكو")
    uae = [r for r in found if r.country == "ARE"]
    assert uae and all(r.dateline for r in uae)


def test_english_names_are_matched_as_proper_nouns() -> None:
    # "power" is not Samantha Power, "may" is not Theresa May
    assert countries("The party may lose power in the region") == set()


def test_bare_title_refers_to_the_last_holder_named() -> None:
    """"وقال رئيس الوزراء" after Netanyahu was named: Netanyahu, hence Israel (no pub_date needed)."""
    _, found = refs("وصل رئيس الوزراء الإسرائيلي بنيامين نتنياهو إلى موسكو. وقال رئيس الوزراء إنه بحث الملف السوري.")
    anaphor = [r for r in found if r.via == "anaphor"]
    assert [(r.country, r.person) for r in anaphor] == [("ISR", "Benjamin Netanyahu")]
    _, found = refs("Tony Blair promised more aid. The prime minister later telephoned President Jacques Chirac.",
                    lang="en")
    assert [(r.country, r.person) for r in found if r.via == "anaphor"] == [("GBR", "Tony Blair")]


def test_bare_title_with_no_named_holder_before_it_stays_unresolved() -> None:
    _, found = refs("The prime minister said the talks with Iran would go on.", lang="en")
    assert not [r for r in found if r.via == "anaphor"]


@pytest.mark.parametrize(("text", "pub_date", "org", "person"), [
    ("وقال غوتيريش إن على الأطراف ضبط النفس", "2018-05-01", "UN", "António Guterres"),
    ("التقت موغيريني وزير الخارجية الإيراني في بروكسل", "2018-05-15", "EU", "Federica Mogherini"),
    ("Stoltenberg said Russia was a threat to Europe", "2019-01-10", "NATO", "Jens Stoltenberg"),
])
def test_head_of_an_organisation_speaks_for_it_not_for_the_state_they_once_led(
        text: str, pub_date: str, org: str, person: str) -> None:
    doc, found = refs(text, pub_date)
    [ref] = [r for r in found if r.person == person]
    assert (ref.code, ref.country, ref.kind) == (org, None, "igo")
    assert not {"PRT", "ITA", "NOR"} & {r.country for r in found}


def test_the_same_person_in_national_office_is_their_state() -> None:
    doc, found = refs("التقى رئيس الوزراء أنطونيو غوتيريش نظيره الإسباني", "2000-05-01")
    [ref] = [r for r in found if r.person == "António Guterres"]
    assert ref.country == "PRT"
    assert "ESP" in {r.country for r in found}


def test_a_former_office_holder_is_not_the_incumbent_and_does_not_act_for_the_state() -> None:
    from casus.extract.pipeline import analyze

    text = "انتقد الرئيس الأمريكي السابق باراك أوباما إيران بشدة."
    doc, found = refs(text, "2018-05-01")
    [ref] = [r for r in found if r.country == "USA"]
    assert (ref.kind, ref.person) == ("former", "Barack Obama")  # one phrase, not "the US president" = Trump
    assert "USA" in countries(text, "2018-05-01")  # the state is still mentioned
    assert analyze(Article(id="t", text=text, pub_date="2018-05-01")).events == []
    doc, found = refs("Former US president said Iran was a threat", "2018-05-01")
    assert [r.person for r in found if r.country == "USA"] == [None]


def test_the_former_soviet_union_is_not_an_office_holder() -> None:
    doc, found = refs("Russia, like the former Soviet Union, warned Ukraine", "2018-05-01")
    assert all(r.kind != "former" for r in found)


@pytest.mark.parametrize("pub_date", ["2004-03-01", None])
def test_another_given_name_before_a_surname_is_someone_else(pub_date: str | None) -> None:
    # "Carter" alone is Ash Carter (defence secretary 2015-17); "Jimmy Carter" in 2004 or undated is not
    text = "Peace talks\nJimmy Carter met Iranian officials in Tehran. The US said Mr Carter had no mandate."
    _, found = refs(text, pub_date)
    carters = [r for r in found if r.person == "Ash Carter"]
    assert [text[r.start:r.end] for r in carters] == ["Carter"]  # only "Mr Carter": a title, not a given name
    assert text[carters[0].start - 3:carters[0].start] == "Mr "


def test_a_spelling_variant_of_an_incumbents_given_name_is_still_him() -> None:
    # "Sergej" is not among his listed names; in office, "Sergej Lavrov" is still the same man
    _, found = refs("Talks\nRussian diplomats and Sergej Lavrov visited Tehran.", "2018-05-01")
    assert "Sergei Lavrov" in {r.person for r in found}


def test_a_weak_alias_with_an_explanation_in_its_note_is_still_weak() -> None:
    # the note reads "weak:المالكي (Riyad al-Maliki)": المالكي alone is also the Palestinian foreign minister
    from casus.lexicon.actors import actor_lexicon

    hits = actor_lexicon().gazetteers["ar"].find(fold("قال المالكي إن"))
    maliki = [h.payload for h in hits if h.payload.name == "Nouri al-Maliki"]
    assert maliki and all(e.weak for e in maliki)


def test_an_opposition_leader_names_his_state_but_does_not_act_for_it() -> None:
    from casus.extract.pipeline import analyze

    text = "Reform UK leader Nigel Farage said the returns deal was a humiliation and accused France of deceit."
    doc, found = refs(text, "2025-07-10")
    [ref] = [r for r in found if r.person == "Nigel Farage"]
    assert (ref.country, ref.kind) == ("GBR", "opposition")
    assert analyze(Article(id="t", text=text, pub_date="2025-07-10")).events == []
    # undated, the same person's office for the state comes first: Cameron the prime minister, not the opposition
    doc, found = refs("David Cameron met Barack Obama in Washington.")
    assert [r.kind for r in found if r.person == "David Cameron"] == ["leader"]


@pytest.mark.parametrize(("text", "lang"), [
    ("British Foreign Secretary Jack Straw visited Tehran. EU foreign ministers condemned Iran on Monday.", "en"),
    ("زار وزير الخارجية البريطاني طهران. ودان وزراء الخارجية العرب إيران.", "ar"),
])
def test_a_plural_title_is_not_the_office_holder_named_before(text: str, lang: str) -> None:
    doc, found = refs(text, "2004-03-01", lang)
    second = doc.sentences[1].start
    assert "GBR" not in {r.country for r in found if r.start >= second}
    if lang == "en":  # the EU's ministers, not a state
        [eu] = [r for r in found if r.code == "EU"]
        assert doc.text[eu.start:eu.end] == "EU foreign ministers"


def test_a_name_with_a_preposition_is_no_apposition_of_the_title_before_it() -> None:
    # "the Jordanian monarch to Trump": two actors, not Trump the Jordanian monarch
    doc, found = refs("العاهل الأردني لترامب: القدس الشرقية عاصمة فلسطين", "2018-06-26")
    assert [r.country for r in found] == ["JOR", "USA", "PSE"]


def test_a_state_adjective_wins_over_a_one_word_name_of_another_states_leader() -> None:
    # "أبي" (a misspelt Abiy Ahmed) is also how the Arabic press writes Shinzo Abe (آبي)
    doc, found = refs("محادثات أجراها الرئيس السوداني في الخرطوم مع رئيس الوزراء الإثيوبي أبي محمد", "2018-05-03")
    assert "JPN" not in {r.country for r in found}
    [eth] = [r for r in found if r.country == "ETH"]
    assert eth.person == "Abiy Ahmed"  # the title's holder on that date


def test_leaders_by_the_short_name_the_press_uses_when_their_state_is_named() -> None:
    text = "تعهدت كوريا الشمالية بنزع السلاح. وحضر بومبيو وكيم عشاء خاصا في نيويورك."
    doc, found = refs(text, "2018-05-31")
    assert [r.person for r in found if r.country == "PRK"] == [None, "Kim Jong-un"]
    assert "PRK" not in countries("وقال كيم إن المحادثات كانت مثمرة.", "2018-05-31")  # a common name alone
    doc, found = refs("والملك سلمان قال لأبومازن إن المملكة ستدعمه. وقال الفلسطينيون", "2018-04-06")
    assert "Mahmoud Abbas" in {r.person for r in found if r.country == "PSE"}  # written as one word


@pytest.mark.parametrize(("text", "pub_date", "country", "person"), [
    ("وقال وزير الخارجية الألماني يوهان فاديفول إن برلين تدعم المحادثات", "2025-06-01", "DEU", "Johann Wadephul"),
    ("Defence Secretary John Healey said Britain would send more troops.", "2025-06-01", "GBR", "John Healey"),
    ("Foreign Secretary Yvette Cooper condemned the strike.", "2025-10-01", "GBR", "Yvette Cooper"),
    ("وقالت رئيسة الوزراء اليابانية ساناي تاكايتشي إن طوكيو", "2025-11-01", "JPN", "Sanae Takaichi"),
    ("وقال وزير الخارجية السوري أسعد الشيباني إن دمشق", "2025-06-01", "SYR", "Asaad al-Shaibani"),
    # gaps in 2015-2026 filled by the holders audit
    ("Argentine Defence Minister Jorge Taiana said the navy would take part.", "2022-05-01", "ARG", "Jorge Taiana"),
    ("وقال وزير الدفاع البرازيلي إن الجيش سيشارك في المناورات", "2017-03-01", "BRA", "Raul Jungmann"),
    ("Indian Defence Minister Arun Jaitley said the army was ready.", "2017-06-01", "IND", "Arun Jaitley"),
    ("وقالت المتحدثة باسم الحكومة الفرنسية مود بريجون إن باريس", "2025-11-01", "FRA", "Maud Bregeon"),
    ("وقال المتحدث باسم الجيش الإسرائيلي إيفي ديفرين إن الجيش", "2025-06-01", "ISR", "Effie Defrin"),
    ("وقال وزير الدفاع اليمني محسن الداعري إن القوات الحكومية", "2023-06-01", "YEM", "Mohsen al-Daeri"),
    ("وقال وزير الدفاع التونسي إن الجيش سيؤمن الحدود", "2022-03-01", "TUN", "Imed Memmiche"),
    # spellings of the Arabic press
    ("وقال المستشار الألماني فريدريش ميرتز إن برلين", "2025-06-01", "DEU", "Friedrich Merz"),
    ("وقالت تاكاييتشي إن اليابان لن تتراجع", "2025-11-01", "JPN", "Sanae Takaichi"),
    ("وقال جولر إن تركيا سترسل قوات", "2025-06-01", "TUR", "Yasar Guler"),
    ("وقال بيلاوسوف إن روسيا ستواصل العملية", "2025-06-01", "RUS", "Andrei Belousov"),
])
def test_office_holders_of_recent_years_resolve(text: str, pub_date: str, country: str, person: str) -> None:
    _, found = refs(text, pub_date)
    assert person in {r.person for r in found if r.country == country}


def test_a_hashtag_does_not_break_a_title_and_name_chain() -> None:
    # Alarabiya tags names inside the phrase: "الرئيس الأميركي دونالد #ترمب" is one actor, not a title and a name
    doc, found = refs("يلتقي الرئيس الأميركي دونالد #ترمب قريبا زعيم كوريا الشمالية", pub_date="2018-05-06")
    usa = [r for r in found if r.country == "USA"]
    assert len(usa) == 1 and usa[0].person == "Donald Trump"
    assert doc.text[usa[0].token_start:usa[0].end] == "الرييس الاميركي دونالد ترمب"
    assert doc.evidence(usa[0].token_start, usa[0].end).text == "الرئيس الأميركي دونالد #ترمب"


def test_a_title_that_names_its_state_is_that_states_office() -> None:
    # "خادم الحرمين الشريفين" is the Saudi king, not the last head of state named before it (here Sisi)
    doc, found = refs("وثمن السيسي جهود خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز لدعم الأردن",
                      pub_date="2018-06-10")
    king = [r for r in found if "خادم" in doc.text[r.token_start:r.end]]
    assert len(king) == 1 and king[0].country == "SAU" and king[0].person == "Salman bin Abdulaziz"
    doc, found = refs("أكد سفير خادم الحرمين الشريفين لدى الولايات المتحدة", pub_date="2018-06-10")
    assert [(r.country, r.role) for r in found] == [("SAU", "ambassador"), ("USA", None)]


def test_a_capital_something_is_sent_to_is_a_government_one_travelled_to_a_place() -> None:
    # "to Tokyo" after a note, letter or message names its addressee; after "travelled" it is a destination
    assert countries("China sent a protest note to Tokyo on Monday.") == {"CHN", "JPN"}
    assert countries("وبعثت الصين رسالة إلى طوكيو.") == {"CHN", "JPN"}
    assert countries("The Chinese foreign minister travelled to Tokyo on Monday.") == {"CHN"}


def _pair_at(text: str, word: str, lang: str | None = None) -> set[str]:
    """The states the pair noun `word` (as written in the folded text) stands for."""
    doc, found = refs(text, "2018-06-15", lang)
    at = doc.match_text.index(fold(word) if doc.lang == "ar" else word.lower())
    return {r.country for r in found if r.via == "pair" and r.start <= at + 2 < r.end}


def test_a_pair_noun_stands_for_the_two_states_just_named() -> None:
    assert _pair_at("استقبل الرئيس الروسي نظيره الإيراني في موسكو. ووقع البلدان اتفاقية للتعاون.", "البلدان") == {
        "RUS", "IRN"}
    assert _pair_at("Iran and Russia held talks. The two countries agreed to expand trade.",
                    "The two countries", "en") == {"RUS", "IRN"}


def test_the_plural_of_balad_is_no_pair() -> None:
    # بلدان is the dual of بلد and also its plural: "هذه البلدان", "البلدان الأخرى", "البلدان العربية"
    text = "وقالت إيران إن السعودية تدعم الإرهاب في هذه البلدان وفي البلدان الأخرى والبلدان العربية."
    doc, found = refs(text)
    assert not [r for r in found if r.via == "pair"]
    # nor are "حل الدولتين" (a plan) and two former presidents
    doc, found = refs("وأكدت مصر والأردن دعمهما حل الدولتين بحضور الرئيسين السابقين.")
    assert not [r for r in found if r.via == "pair"]


def test_a_place_is_not_one_of_the_two_sides() -> None:
    text = ("والتقى الرئيس ترامب والزعيم الكوري الشمالي كيم جونغ أون في سنغافورة الشهر الماضي. "
            "وتعهد الزعيمان بنزع السلاح النووي.")
    assert _pair_at(text, "الزعيمان") == {"USA", "PRK"}


@pytest.mark.parametrize(("text", "word", "lang"), [
    ("وقال مسؤول كوري جنوبي إن الكوريتين تناقشان إعلان انتهاء الحرب.", "الكوريتين", None),
    ("The two Koreas opened a hotline between their leaders on Friday.", "The two Koreas", "en"),
])
def test_the_two_koreas_name_both_koreas(text: str, word: str, lang: str | None) -> None:
    assert _pair_at(text, word, lang) == {"KOR", "PRK"}


@pytest.mark.parametrize(("text", "expected"), [
    ("اقتحمت قوات الاحتلال مدينة جنين فجر اليوم", {"ISR"}),          # alone, الاحتلال is Israel
    ("على قوات الاحتلال التركي المسيطرة على المنطقة تأمين طرق النازحين", {"TUR"}),
    ("منذ بدء الهجمة البربرية لقوات الاحتلال الروسي ونظام الأسد", {"RUS"}),
])
def test_occupation_qualified_by_another_states_adjective_is_that_state(text: str, expected: set[str]) -> None:
    assert countries(text, "2018-07-05") == expected


def test_a_plural_nisba_is_not_joined_to_the_person_after_it() -> None:
    doc, found = refs("واعتقل الأمريكيون صدام حسين في ديسمبر 2003 قرب تكريت", pub_date="2018-05-01")
    by_text = {doc.text[r.token_start:r.end].strip(): r for r in found}
    assert by_text["الامريكيون"].country == "USA" and by_text["الامريكيون"].person is None
    assert by_text["صدام حسين"].country == "IRQ"


@pytest.mark.parametrize(("text", "country", "person"), [
    ("التقى زعيم كوريا الشمالية رئيس كوريا الجنوبية في بانمونجوم", "PRK", "Kim Jong-un"),  # not the nominal head
    ("وقال المرشد الإيراني في خطاب إن بلاده لن تتفاوض", "IRN", "Ali Khamenei"),      # not the president
    ("وقال الرئيس الإيراني في خطاب إن بلاده لن تتفاوض", "IRN", "Hassan Rouhani"),    # not the supreme leader
])
def test_a_title_means_the_holder_who_acts_under_it(text: str, country: str, person: str) -> None:
    doc, found = refs(text, pub_date="2018-04-27")
    assert [r.person for r in found if r.country == country][:1] == [person]


@pytest.mark.parametrize(("text", "expected"), [
    # a definite two-word nisba carries the article on both words; a first word that is no nisba (جنوب) stays
    ("قال الرئيس الكوري الشمالي إن بلاده مستعدة للحوار", {"PRK"}),
    ("أعلنت الحكومة الكورية الجنوبية تعليق المناورات", {"KOR"}),
    ("التقى الرئيس الجنوب أفريقي نظيره", {"ZAF"}),
    ("قالت الحكومة الجنوب سودانية إنها", {"SSD"}),
    ("قال مسؤول كوري شمالي", {"PRK"}),
])
def test_a_two_word_nisba_names_its_state_with_or_without_the_article(text: str, expected: set[str]) -> None:
    assert countries(text, "2018-05-01") == expected
