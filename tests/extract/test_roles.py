"""The role finder: which actor the syntax makes source and target of a trigger (before any scoring)."""

from __future__ import annotations

from casus.extract.actors import find_actors
from casus.extract.document import Document
from casus.extract.roles import RoleFinder, en_strip_lead
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


def test_a_relative_clause_after_the_masdar_and_its_adjective_names_the_agent() -> None:
    # the verb carries a pronoun for the strikes ("نفذتها"), so the states after it carried them out
    src, tgt, rule = roles("أيدت الرياض الضربات العسكرية التي نفذتها الولايات المتحدة وفرنسا وبريطانيا ضد أهداف "
                           "بالبرنامج الكيماوي السوري.", "الضربات العسكريه", "2018-04-14")
    assert src == {"USA", "FRA", "GBR"}, rule
    assert tgt == {"SYR"}, rule
    # without such a pronoun the state after the verb is its object: it suffered the masdar
    src, tgt, rule = roles("وأدانت مصر الضربة التي استهدفت سوريا.", "ضربه", "2018-04-14")
    assert tgt == {"SYR"} and "SYR" not in src, rule
    src, tgt, rule = roles("وأدانت مصر الهجوم الذي تعرضت له إيران.", "هجوم", "2018-04-14")
    assert tgt == {"IRN"} and "IRN" not in src, rule


def test_an_indefinite_nisba_after_an_indefinite_masdar_is_its_agent_and_force_in_a_place_targets_its_state() -> None:
    src, tgt, rule = roles("وكانت ضربة أمريكية استهدفت قاعدة الشعيرات العسكرية في وسط سوريا العام الماضي.",
                           "ضربه", "2018-04-14")
    assert (src, tgt) == ({"USA"}, {"SYR"}), rule


def test_a_spokesman_for_a_ministry_speaks_for_its_state_and_his_country_is_that_state() -> None:
    # "عبر مصدر بوزارة الخارجية السعودية عن تأييد بلاده ...": the support is Saudi, for the strikes' authors
    doc = Document.from_article(Article(
        id="t", pub_date="2018-04-14",
        text="عبر مصدر بوزارة الخارجية السعودية عن تأييد بلاده للضربات العسكرية التي نفذتها الولايات المتحدة "
             "وفرنسا وبريطانيا ضد أهداف بالبرنامج الكيماوي السوري."))
    from casus.extract.events import EventCoder

    coder = EventCoder(doc, find_actors(doc))
    cands = coder.candidates(find_triggers(doc))
    support = {(c.source.country, c.target.country) for c in cands if c.trigger.type == "SUPPORT"
               and c.rule.startswith("own-genitive+act-agent")}
    assert support == {("SAU", "USA"), ("SAU", "FRA"), ("SAU", "GBR")}
    finder = RoleFinder(doc, find_actors(doc))
    assert finder.speakers[0] is not None and finder.speakers[0].country == "SAU"


def test_a_phrase_trigger_behind_a_clitic_is_nominal_and_a_stance_on_it_is_toward_its_authors() -> None:
    # "للعمليات العسكرية" is a noun phrase (not a verb phrase) although it opens with ل
    src, tgt, rule = roles("وأعلنت السعودية تأييدها للعمليات العسكرية التي قامت بها الولايات المتحدة وبريطانيا على "
                           "أهداف عسكرية في سوريا.", "للعمليات العسكريه", "2018-04-14")
    assert (src, tgt) == ({"USA", "GBR"}, {"SYR"}), rule
    from casus.extract.pipeline import analyze

    res = analyze(Article(id="t", pub_date="2018-04-14", text="وأعلنت السعودية تأييدها للعمليات العسكرية التي قامت "
                          "بها الولايات المتحدة وبريطانيا على أهداف عسكرية في سوريا."))
    assert ("SUPPORT", "SAU", "USA") in {(e.type, e.source.country, e.target.country) for e in res.events}


def test_a_stance_on_the_operation_reported_earlier_is_toward_its_authors() -> None:
    from casus.extract.events import EventCoder

    doc = Document.from_article(Article(id="t", pub_date="2018-04-14", text=(
        "ضربة سوريا.. البحرين تؤيد\n"
        "نفذت الولايات المتحدة وفرنسا وبريطانيا فجر السبت ضربات على أهداف عسكرية في سوريا.\n"
        "وأعربت وزارة خارجية البحرين عن تأييدها الكامل للعملية.")))
    cands = EventCoder(doc, find_actors(doc)).candidates(find_triggers(doc))
    anaphoric = {(c.source.country, c.target.country) for c in cands
                 if c.trigger.type == "SUPPORT" and c.rule.endswith("anaphor-agent")}
    assert anaphoric == {("BHR", "USA"), ("BHR", "FRA"), ("BHR", "GBR")}


def test_her_ally_after_a_state_is_a_co_subject_not_the_object() -> None:
    src, tgt, rule = roles("وتتهم سوريا وحليفتها روسيا الولايات المتحدة بالعدوان.", "تتهم", "2018-04-14")
    assert (src, tgt) == ({"SYR", "RUS"}, {"USA"}), rule


def test_leaving_an_agreement_is_a_rejection_of_every_party_the_article_names() -> None:
    # GUIDELINE convention 6, with the leaver between "انسحاب" and "من الاتفاق"
    from casus.extract.events import EventCoder

    doc = Document.from_article(Article(id="t", pub_date="2018-05-09", text=(
        "وقعت إيران عام 2015 الاتفاق النووي مع الولايات المتحدة وروسيا والصين وفرنسا وبريطانيا وألمانيا.\n"
        "وأعلن الرئيس الأمريكي دونالد ترمب الثلاثاء انسحاب الولايات المتحدة من الاتفاق.")))
    trigs = find_triggers(doc)
    assert any(t.type == "REJECT" and doc.text[t.start:t.end] == "انسحاب" for t in trigs)
    cands = EventCoder(doc, find_actors(doc)).candidates(trigs)
    parties = {c.target.country for c in cands if c.trigger.type == "REJECT" and c.source.country == "USA"
               and c.rule.endswith("agreement-parties")}
    assert parties == {"IRN", "RUS", "CHN", "FRA", "GBR", "DEU"}
    # the agreement named before and referred back to: "الاتفاق ... الذي انسحبت منه واشنطن"
    doc = Document.from_article(Article(id="t", text=(
        "وقال ظريف إن إيران ستبقى في الاتفاق النووي الذي انسحبت منه الولايات المتحدة الشهر الماضي.")))
    assert [t.type for t in find_triggers(doc) if doc.text[t.start:t.end] == "انسحبت"] == ["REJECT"]
    doc = Document.from_article(Article(id="t", text="وقال إن القوات انسحبت منها بعد معارك عنيفة."))
    assert [t.type for t in find_triggers(doc) if doc.text[t.start:t.end] == "انسحبت"] == ["RETREAT"]
    doc = Document.from_article(Article(id="t", lang="en", text="The United States withdrew from the 1987 treaty."))
    assert [t.type for t in find_triggers(doc) if doc.text[t.start:t.end] == "withdrew"] == ["REJECT"]


def test_a_dismissal_and_an_agreement_given_up_are_rejections_between_the_two_states() -> None:
    from casus.extract.events import EventCoder

    for text, word in (('ووصف المندوب الروسي لدى الأمم المتحدة القرارات الأمريكية بـ"السخيفة".', "سخيفه"),
                       ("وقال ظريف إن إيران ستبقى في الاتفاق النووي الذي تخلت عنه الولايات المتحدة.", "تخلت عنه")):
        doc = Document.from_article(Article(id="t", text=text))
        trigs = [t for t in find_triggers(doc) if doc.text[t.start:t.end] == word]
        assert [t.type for t in trigs] == ["REJECT"], text
        pairs = {(c.source.country, c.target.country) for c in EventCoder(doc, find_actors(doc)).candidates(trigs)}
        assert pairs >= {("RUS", "USA")} or pairs >= {("USA", "IRN")}, pairs


def test_the_members_a_group_is_spelled_out_as_are_parties_between_whom_a_deal_was_signed() -> None:
    # GUIDELINE convention 8: a bloc is split when the article names its members
    src, tgt, rule = roles("وتم توقيع الاتفاق في تموز/يوليو 2015 بين إيران والدول الخمس الأعضاء في مجلس الأمن "
                           "(روسيا والولايات المتحدة والصين وفرنسا وبريطانيا).", "تم توقيع", "2018-05-09")
    assert src == {"IRN"} and tgt == {"RUS", "USA", "CHN", "FRA", "GBR"}, rule


def test_a_gapped_trigger_takes_the_words_of_its_tail_and_leaves_the_actor_between_to_the_role_rules() -> None:
    doc = Document.from_article(Article(id="t", text="وأعلنت بيونغ يانغ إلغاء كوريا الشمالية محادثات مع الجنوب."))
    found = {(doc.text[t.start:t.end], t.type) for t in find_triggers(doc)}
    assert ("الغاء", "REJECT") in found and not any(typ == "CONSULT" for _, typ in found)
    # a clause end between head and tail breaks the match
    doc = Document.from_article(Article(id="t", text="قطعت الطريق. وبحث الجانبان العلاقات مع قطر."))
    assert not any(t.type == "SANCTION" for t in find_triggers(doc))


def test_an_envoy_named_inside_the_trigger_is_its_object_not_its_subject() -> None:
    src, tgt, rule = roles("وقالت الخارجية إن إيران استدعت السفير البريطاني في طهران.", "استدعت السفير")
    assert (src, tgt) == ({"IRN"}, {"GBR"}), rule
    src, tgt, rule = roles("وأكدت ألمانيا أنها طردت دبلوماسيين روسيين.", "طردت دبلوماسيين")
    assert tgt == {"RUS"}, rule
    # a ministry inside the phrase is who acts: "استدعت وزارة الخارجية الإيرانية السفير البريطاني"
    src, tgt, rule = roles("استدعت وزارة الخارجية الإيرانية السفير البريطاني في طهران.", "استدعت وزاره الخارجيه")
    assert (src, tgt) == ({"IRN"}, {"GBR"}), rule


def test_a_state_before_a_relative_verb_with_its_pronoun_is_that_verbs_object() -> None:
    src, tgt, rule = roles("قطعت السعودية والبحرين ومصر العلاقات مع قطر التي اتهمتها بدعم الإرهاب.", "اتهمتها")
    assert tgt == {"QAT"} and src == {"SAU", "BHR", "EGY"}, rule
    # without the pronoun the state is the subject
    src, tgt, rule = roles("وهاجم الرئيس قطر التي اتهمت السعودية بدعم الإرهاب.", "اتهمت")
    assert (src, tgt) == ({"QAT"}, {"SAU"}), rule


def test_between_after_a_noun_names_its_parties_whatever_subject_came_before() -> None:
    src, tgt, rule = roles("وقرر ترامب الانسحاب من الاتفاق الذي تم توقيعه في 2015 بين طهران والقوى العظمى "
                           "(الصين، الولايات المتحدة، فرنسا، بريطانيا، روسيا وألمانيا).", "توقيعه")
    assert src == {"IRN"}, rule
    assert tgt - {None} == {"CHN", "USA", "FRA", "GBR", "RUS", "DEU"}, rule


def test_a_meeting_that_brought_two_leaders_together_is_between_them() -> None:
    src, tgt, rule = roles("وبحثت المحادثات التي جمعت بين وزير الخارجية الروسي ونظيره التركي الأزمة.", "محادثات",
                           pub_date="2018-06-01")
    assert {*src, *tgt} == {"RUS", "TUR"}, rule


def test_a_state_title_lends_the_name_its_preposition() -> None:
    src, tgt, rule = roles("وقال السراج إنه تقدم بالشكر لدولة الإمارات العربية المتحدة وتونس.", "تقدم بالشكر",
                           pub_date="2018-06-01")
    assert tgt == {"ARE", "TUN"}, rule


def test_english_objects_of_prepositions_are_no_subjects() -> None:
    src, tgt, rule = roles("Mr Blair said he had raised human rights with the Chinese leader, and urged Beijing to "
                           "ratify the covenant.", "urged")
    assert "CHN" not in src, rule
    src, tgt, rule = roles("Condoleezza Rice arrived in London. At a joint news conference with Mr Straw, she accused "
                           "Iran of pursuing a weapons programme.", "accused", pub_date="2005-02-04")
    assert (src, tgt) == ({"USA"}, {"IRN"}), rule


def test_an_english_verb_phrase_takes_the_object_after_it() -> None:
    src, tgt, rule = roles("The talks came after Turkey shot down a Russian warplane near the border.", "shot down")
    assert (src, tgt) == ({"TUR"}, {"RUS"}), rule


def test_the_state_after_a_passive_phrases_by_is_its_source() -> None:
    src, tgt, rule = roles("Israel's new settlement plan, backed by the United States, drew protests from Jordan.",
                           "backed by", pub_date="2018-03-01")
    assert src == {"USA"}, rule
    assert "USA" not in tgt, rule


def test_english_force_in_a_place_is_force_on_its_state_and_a_topic_is_no_party() -> None:
    src, tgt, rule = roles("Russia's offensive in Ukraine has killed thousands.", "offensive", pub_date="2024-05-01")
    assert (src, tgt) == ({"RUS"}, {"UKR"}), rule
    src, tgt, rule = roles("Mr Blair said: \"In respect of Iraq, we agreed that the strategy must be seen through.\"",
                           "agreed that")
    assert "IRQ" not in tgt, rule


def test_a_gapped_accusation_in_quotes_is_the_speakers_accusation_of_the_state_between() -> None:
    src, tgt, rule = roles('وقالت الولايات المتحدة إن أولوياتها تشمل أيضا أنشطة إيران "الخبيثة" في المنطقة.', "انشطه",
                           pub_date="2018-05-01")
    assert (src, tgt) == ({"USA"}, {"IRN"}), rule


def _trigger_types(text: str) -> dict[str, tuple[str, str | None]]:
    doc = Document.from_article(Article(id="t", text=text, pub_date="2018-06-13"))
    return {doc.text[t.start:t.end]: (t.type, t.mode) for t in find_triggers(doc)}


def test_backing_fighting_forces_is_military_aid_and_backing_a_right_is_support() -> None:
    # GUIDELINE convention 7: support to a government's side in its war is AID (military)
    assert _trigger_types("وقالت الإمارات التي تساند القوات اليمنية إن المعركة بدأت.")["تساند"] == ("AID", "military")
    assert _trigger_types("ويدعم التحالف الذي تقوده السعودية الحكومة اليمنية.")["يدعم"] == ("AID", "military")
    assert _trigger_types("The United States backed government forces in the offensive.")["backed"] == (
        "AID", "military")
    assert _trigger_types("ودعمت روسيا حق سوريا في الدفاع عن نفسها.")["دعمت"][0] == "SUPPORT"
    # the forces before "بدعم": the backer's help to them in the fight
    assert _trigger_types("وسيطر الجيش السوري بدعم روسي على الغوطة الشرقية.")["دعم"] == ("AID", "military")
    assert _trigger_types("وأشاد الوزير بدعم روسيا لموقف بلاده.")["دعم"][0] == "SUPPORT"
    # a clause ends the search: the forces belong to the next one
    assert _trigger_types("وأعلنت مصر دعمها، وانتشرت القوات المصرية.")["دعمها"][0] == "SUPPORT"


def test_a_state_adjective_on_a_word_for_its_land_is_a_place_not_a_target() -> None:
    _, tgt, _ = roles("وأكدت مصر رفضها القاطع لاستخدام أي أسلحة محرمة دوليا على الأراضي السورية.", "رفضها القاطع")
    assert "SYR" not in tgt
    # force there is force on the state (GUIDELINE convention 7)
    _, tgt, _ = roles("وقصفت إسرائيل مواقع على الأراضي السورية.", "قصفت")
    assert tgt == {"SYR"}


def test_a_relative_verb_after_its_resumptive_pronoun_takes_the_subject_after_it() -> None:
    src, tgt, rule = roles("وقال إن ترمب قد يحافظ على الاتفاق الذي وقعت عليه إيران مع بريطانيا والصين عام 2015.",
                           "وقعت")
    assert src == {"IRN"}, rule
    assert tgt == {"GBR", "CHN"}, rule


def test_after_a_preposition_a_word_read_both_ways_is_a_noun() -> None:
    doc = Document.from_article(Article(id="t", text="وأعرب لافروف عن رفضه للعقوبات الأمريكية.", pub_date="2018-06-13"))
    (trig,) = [t for t in find_triggers(doc) if doc.text[t.start:t.end] == "رفضه"]
    assert trig.pos == "noun"


def test_a_name_in_apposition_to_the_genitive_does_not_hide_the_marked_target() -> None:
    src, tgt, rule = roles("وانتقد لافروف عقوبات إدارة الرئيس الأمريكي، دونالد ترامب، المفروضة مؤخرا على موسكو.",
                           "عقوبات")
    assert (src, tgt) == ({"USA"}, {"RUS"}), rule


def test_the_object_of_a_place_preposition_is_not_the_verbs_object() -> None:
    src, _, rule = roles("السعودية تدعم العمليات العسكرية الغربية في سوريا.", "تدعم")
    assert src == {"SAU"}
    assert not rule.endswith("svo-object"), rule  # at most the weak lone-other-state fallback


def test_an_actor_in_a_clause_of_its_own_is_no_target_by_preposition() -> None:
    # after "أن" the actor belongs to what was agreed, not to the call
    _, tgt, rule = roles("وأكد بوتين وأردوغان، في اتصال هاتفي، على أن القرار الأميركي خاطئ.", "في اتصال هاتفي")
    assert "USA" not in tgt, rule
    # a relative clause on the victim says where he lived, not where the force went
    _, _, rule = roles("وفتحت السلطات الروسية تحقيقا في قتل المعارض الروسي الذي كان يقيم في بريطانيا.", "قتل")
    assert "prep-" not in rule, rule  # at most the weak lone-other-state fallback
    # a relative clause on the trigger itself is the trigger's
    src, tgt, rule = roles("ودانت مصر الغارات الأخيرة التي شنتها إسرائيل على سوريا.", "غارات")
    assert tgt == {"SYR"}, rule



def test_a_longer_phrase_wins_over_the_tail_of_a_gapped_trigger() -> None:
    # "شن … هجوما" is force, but "هجوما لاذعا" (a scathing attack) is words
    types = _trigger_types("وشن الرئيس التركي رجب طيب أردوغان هجوما لاذعا على رئيس وزراء إسرائيل.")
    assert any(t[0] == "ACCUSE" for t in types.values()), types
    assert not any(t[0] == "ASSAULT" for t in types.values()), types


def test_consultations_an_envoy_is_called_home_for_are_no_talks() -> None:
    # GUIDELINE convention 4: the recall is the event (SANCTION); "للتشاور" is part of it
    types = _trigger_types("واستدعت تركيا سفيرها لدى تل أبيب للتشاور.")
    assert not any(t[0] == "CONSULT" for t in types.values()), types
    types = _trigger_types("ووصل وزير الخارجية الروسي إلى أنقرة للتشاور مع نظيره التركي.")
    assert any(t[0] == "CONSULT" for t in types.values()), types
    types = _trigger_types("Turkey recalled its ambassador to Israel for consultations.")
    assert not any(t[0] == "CONSULT" for t in types.values()), types


def test_a_masdar_with_a_possessive_is_the_act_of_the_state_the_pronoun_stands_for() -> None:
    # "حربها" is Russia's war, the nearest state named before it, whatever its preposition
    src, _, rule = roles("وأدى تزويد إيران لروسيا بمعدات عسكرية استخدمتها في حربها الحالية في أوكرانيا إلى توتر.",
                         "حربها")
    assert src == {"RUS"}, rule


def test_english_both_before_an_object_and_of_after_a_noun_of_force_name_the_targets() -> None:
    src, tgt, _ = roles("The US urged both Turkey and Russia to avoid any escalation.", "urged")
    assert (src, tgt) == ({"USA"}, {"TUR", "RUS"})
    src, tgt, rule = roles("Britain joined the US-led invasion of Iraq three days later.", "invasion")
    assert tgt == {"IRQ"} and rule.endswith("prep-of")
    # "of" after support names who gives it, not who gets it
    _, tgt, _ = roles("Syria advanced with the support of Russia.", "with the support of")
    assert "RUS" not in tgt


def test_the_agent_of_an_english_passive_is_its_source_and_its_subject_the_target() -> None:
    assert roles("Saudi Arabia was accused by Qatar of funding terrorism.", "was accused")[:2] == ({"QAT"}, {"SAU"})
    assert roles("Russia's invasion of Ukraine was condemned by France.", "was condemned")[:2] == ({"FRA"}, {"RUS"})
    # "by" right after the target of a phrase names its agent
    src, tgt, _ = roles("The sanctions imposed on Iran by the United States hurt its economy.", "sanctions imposed on")
    assert (src, tgt) == ({"USA"}, {"IRN"})


def test_an_indefinite_noun_takes_the_subject_of_its_relative_verb_without_alladhi_as_its_agent() -> None:
    # "غارات جوية شنتها": the verb carries a pronoun for the raids; Israel after it carried them out
    src, tgt, rule = roles("وقتل عشرة عسكريين سوريين في غارات جوية شنتها إسرائيل على مطار التيفور.",
                           "غارات جويه", "2018-04-09")
    assert (src, tgt) == ({"ISR"}, {"SYR"}), rule
    # a preposition with a pronoun after the agent points back to the one accused: the state that denies
    src, tgt, rule = roles("ونفت الجزائر اتهامات وجهها المغرب إليها بتسليح جبهة البوليساريو.", "اتهامات",
                           "2018-05-02")
    assert (src, tgt) == ({"MAR"}, {"DZA"}), rule
    # the relative verb itself: its subject follows it, the state before the noun is not it
    src, tgt, rule = roles("ورفضت موسكو عقوبات فرضتها واشنطن على شركات روسية.", "فرضتها", "2018-04-07")
    assert src == {"USA"}, rule
    # a verbal phrase is no noun: "سيرد على أي ضربة تشنها الولايات المتحدة" is Russia's threat
    src, _, rule = roles("وقال الجيش الروسي إنه سيرد على أي ضربة تشنها الولايات المتحدة على سوريا.", "سيرد علي",
                         "2018-04-09")
    assert "USA" not in src, rule


def test_a_comma_that_opens_a_new_clause_ends_the_triggers_prepositions() -> None:
    # "، وذلك قبل أسبوع من زيارته إلى روسيا": Russia is the goal of another act, not a party to the talks
    _, tgt, rule = roles("وأجرى وزير الخارجية المصري سامح شكري محادثات مع نظيره الأردني في القاهرة، وذلك قبل "
                         "أسبوع من زيارته إلى روسيا.", "محادثات", "2018-05-10")
    assert "RUS" not in tgt, rule
    _, tgt, rule = roles("وجدد الرئيس الإيراني التزام بلاده بالاتفاق النووي، مشيرا إلى أهمية التعاون مع فرنسا "
                         "وألمانيا.", "التزام", "2018-05-10")
    assert not tgt & {"FRA", "DEU"}, rule
    # an aside set off by two commas does not: the strikes are still on Syria
    _, tgt, rule = roles("وشنت إسرائيل، فجر الخميس، غارات على مواقع عسكرية في سوريا.", "غارات", "2018-05-10")
    assert tgt == {"SYR"}, rule


def test_an_english_subject_is_found_across_a_relative_clause_or_an_apposition() -> None:
    # the states inside the aside ("which is building Iran's reactor", "North Korea's closest ally") are not
    # the subject of the verb after it
    src, tgt, rule = roles("Russia, which is building Iran's first nuclear power station at Bushehr, called on Tehran "
                           "to co-operate fully with the IAEA.", "called on")
    assert (src, tgt) == ({"RUS"}, {"IRN"}), rule
    src, tgt, rule = roles("Israel, which regards a nuclear-armed Iran as a threat, has not ruled out military action "
                           "against Iran's nuclear sites.", "military action against")
    assert src == {"ISR"}, rule
    src, tgt, rule = roles("Eritrea, Ethiopia's long-time rival, has denied Ethiopian accusations.", "denied")
    assert src == {"ERI"}, rule


def test_an_english_list_of_subjects_takes_the_members_written_with_the_article() -> None:
    src, tgt, rule = roles("Saudi Arabia, the United Arab Emirates, Bahrain and Egypt have cut diplomatic ties with "
                           "Qatar.", "cut diplomatic ties")
    assert (src, tgt) == ({"SAU", "ARE", "BHR", "EGY"}, {"QAT"}), rule
    src, _, rule = roles("Britain and the United States blame Syria for the attack.", "blame")
    assert src == {"GBR", "USA"}, rule
    # the object of a preposition before ", and the" is no co-subject
    src, _, rule = roles("Bahrain has cut diplomatic relations with Iran, and the United Arab Emirates has downgraded "
                         "its ties with Tehran.", "downgraded its ties")
    assert src == {"ARE"}, rule


def test_every_state_of_an_english_object_list_is_a_target_also_behind_a_head_noun_or_a_repeated_preposition() -> None:
    src, tgt, rule = roles("President George W Bush telephoned the leaders of China, South Korea, Japan and Russia.",
                           "telephoned")
    assert (src, tgt) == ({"USA"}, {"CHN", "KOR", "JPN", "RUS"}), rule
    src, tgt, rule = roles("The US State Department called on both China and the Philippines to comply with it.",
                           "called on", pub_date="2016-07-12")
    assert (src, tgt) == ({"USA"}, {"CHN", "PHL"}), rule
    src, tgt, rule = roles("Mr Straw said he had spoken to his new French counterpart, Philippe Douste-Blazy, and to "
                           "Dutch Foreign Minister Ben Bot over the weekend.", "spoken to")
    assert (src, tgt) == ({"GBR"}, {"FRA", "NLD"}), rule
    src, tgt, rule = roles("Officials said similar agreements were being negotiated with about ten other countries, "
                           "including Algeria and Lebanon.", "negotiated")
    assert tgt == {"DZA", "LBN"}, rule


def test_a_list_member_after_one_the_trigger_does_not_reach_is_no_partner_of_its_and() -> None:
    _, tgt, rule = roles("Analysts said the council was unlikely to agree on sanctions quickly, since Russia and "
                         "China have extensive trade links with Iran.", "sanctions", pub_date="2006-07-31")
    assert "CHN" not in tgt, rule


def test_an_english_noun_phrase_lead_in_is_a_determiner_with_modifiers_or_a_head_noun_with_of() -> None:
    assert en_strip_lead(["met", "his", "new"]) == ["met"]
    assert en_strip_lead(["with", "the", "heads", "of", "state", "of"]) == ["with"]
    assert en_strip_lead(["at", "a", "time", "when"]) == ["at", "a", "time", "when"]  # "at a time when both ..."
    assert en_strip_lead(["the", "invasion", "of"]) == ["the", "invasion", "of"]


def test_of_after_a_possessed_english_noun_names_its_patient_and_a_comma_clause_ends_the_prepositions() -> None:
    src, tgt, rule = roles("Serbia has condemned Washington's recognition of Kosovo.", "recognition",
                           pub_date="2008-02-20")
    assert (src, tgt) == ({"USA"}, {"XKX"}), rule
    src, tgt, rule = roles("He had been among the first to condemn Israel's bombing of Lebanon last year.", "bombing",
                           pub_date="2007-09-01")
    assert (src, tgt) == ({"ISR"}, {"LBN"}), rule
    _, tgt, rule = roles("UK Foreign Secretary William Hague is travelling to Kiev for talks with the new government, "
                         "and US Secretary of State John Kerry is expected there on Tuesday.", "talks with",
                         pub_date="2014-02-24")
    assert not rule.endswith("prep-and"), rule  # the state after ", and" is the next clause's subject


def test_a_feminine_state_after_a_masculine_verb_is_its_object_not_its_subject() -> None:
    # "اتهم" (he accused) cannot agree with "روسيا": Russia is accused, by the one speaking
    src, tgt, rule = roles("وقال الرئيس الفرنسي إيمانويل ماكرون إن بلاده لن تتراجع. واتهم روسيا بالتواطؤ في "
                           "استخدام الأسلحة الكيماوية.", "اتهم", "2018-04-16")
    assert tgt == {"RUS"} and "RUS" not in src, rule
    assert rule.endswith("gender-object"), rule
    # the present with ي: "مشروع قرار يدين إيران" condemns Iran, put forward by Britain
    src, tgt, rule = roles("وطرحت بريطانيا مشروع قرار يدين إيران لتقاعسها عن منع وصول الصواريخ.", "يدين",
                           "2018-02-22")
    assert tgt == {"IRN"} and "IRN" not in src, rule
    # a capital is feminine too: "وحث أنقرة على"
    _, tgt, rule = roles("انتقد وزير الدولة الإماراتي سياسة تركيا، وحث أنقرة على احترام السيادة العربية.", "حث",
                         "2018-03-10")
    assert tgt == {"TUR"}, rule
    # a feminine verb agrees: the state after it is its subject
    src, tgt, rule = roles("واتهمت روسيا بريطانيا بالوقوف وراء الهجوم.", "اتهمت", "2018-04-16")
    assert (src, tgt) == ({"RUS"}, {"GBR"}), rule
    # a masculine state name takes the masculine verb: "وأدان العراق الهجوم التركي"
    src, _, rule = roles("وأدان العراق الضربات التي شنتها تركيا.", "ادان", "2018-04-16")
    assert src == {"IRQ"}, rule
    # a verb with a pronoun object ("نفتها") leaves the state after it its subject
    src, _, rule = roles("ونفتها موسكو مرارا، متهمة بريطانيا بالكذب.", "نفتها", "2018-04-16")
    assert src == {"RUS"}, rule


def test_an_arabic_trigger_phrase_ending_in_its_preposition_takes_the_actor_after_as_its_object() -> None:
    # "طلبت من تركيا": Turkey is asked, not the one asking
    src, tgt, rule = roles("ترامب: طلبت من تركيا التسجيلات الصوتية الخاصة بخاشقجي.", "طلبت من", "2018-10-17")
    assert tgt == {"TUR"} and "TUR" not in src, rule
    src, tgt, rule = roles("قال ترامب: نعمل مع السعودية لوقف أي تمويل للإرهاب.", "نعمل مع", "2018-03-20")
    assert tgt == {"SAU"} and "SAU" not in src, rule
    # after a noun, "من" names the agent ("بطلب من الحكومة التركية": Turkey asked), not the one asked
    _, _, rule = roles("واعتقل مسلم في براغ بطلب من الحكومة التركية.", "طلب من", "2018-02-27")
    assert "prep-min" not in rule, rule


def test_a_masdar_phrase_ending_in_the_agents_min_takes_the_actor_after_as_its_source() -> None:
    # "بدعم من فرنسا" (subject_is target): France backs, the forces before are backed, not the reverse
    src, tgt, rule = roles("وقال الرئيس العراقي إن القوات العراقية تقدمت بدعم من القوات الأمريكية.", "بدعم من",
                           "2018-03-10")
    assert (src, tgt) == ({"USA"}, {"IRQ"}), rule
    assert rule.startswith("from-agent"), rule
    src, tgt, rule = roles("أفادت وكالة الأنباء الليبية أن قوات حفتر تقدمت بدعم من مصر.", "بدعم من", "2018-03-10")
    assert src == {"EGY"} and "EGY" not in tgt, rule
    # "من قبل", "من جانب" between: "جوبهت الكويت باعتراض من جانب الولايات المتحدة" (family without the swap)
    src, tgt, rule = roles("لكن مسودة البيان التي قدمتها الكويت جوبهت السبت باعتراض من جانب الولايات المتحدة.",
                           "باعتراض من", "2018-03-31")
    assert (src, tgt) == ({"USA"}, {"KWT"}), rule
    # the one backed stands before: "قوات المقاومة اليمنية، بإسناد من القوات الإماراتية"
    src, tgt, rule = roles("وقتل عدد من الحوثيين في مواجهات مع قوات المقاومة اليمنية المشتركة، بإسناد من القوات "
                           "المسلحة الإماراتية.", "باسناد من", "2018-06-10")
    assert src == {"ARE"} and "ARE" not in tgt, rule
    # a verb's من names its object, also behind ل: "لتطلب من بريطانيا" asks Britain
    src, tgt, rule = roles("وتحركت روسيا لتطلب من بريطانيا خفض طاقمها الدبلوماسي.", "تطلب من", "2018-03-30")
    assert "GBR" not in src, rule


def test_the_actor_right_before_the_tail_of_a_holding_responsible_trigger_is_its_object() -> None:
    # "حملت بريطانيا روسيا المسؤولية": Britain holds Russia responsible (family with `between: object`)
    src, tgt, rule = roles("وحملت بريطانيا روسيا المسؤولية عن الهجوم.", "حملت", "2018-03-20")
    assert (src, tgt) == ({"GBR"}, {"RUS"}), rule
    assert rule.endswith("gap-object"), rule
    # the subject before the verb: "ترمب يحمل بشار الأسد وروسيا مسؤولية الهجوم" accuses both
    src, tgt, rule = roles("وأعلن البيت الأبيض أن الرئيس الأميركي دونالد ترمب يحمل رئيس النظام السوري بشار الأسد "
                           "وروسيا مسؤولية الهجوم الكيميائي.", "يحمل", "2018-04-11")
    assert src == {"USA"} and tgt == {"SYR", "RUS"}, rule


def test_an_organisation_qualifying_the_noun_of_an_indefinite_phrase_is_no_agent() -> None:
    # "an EU head of state" is one member's head of state, not the EU
    src, _, rule = roles("Emmanuel Macron ended on Thursday a three-day state visit, the first by an EU head of "
                         "state since Brexit.", "state visit", pub_date="2025-07-10")
    assert src == {"FRA"}, rule
    # an organisation whose own staff the phrase names still acts
    src, tgt, rule = roles("A UN official accused Israel of blocking aid.", "accused")
    assert (src, tgt) == ({None}, {"ISR"}), rule


def test_the_states_a_by_agent_is_spelled_out_as_with_including_are_agents() -> None:
    src, tgt, rule = roles("The air strikes by several states, including France and Britain, hit targets in Syria.",
                           "air strikes")
    assert (src, tgt) == ({"FRA", "GBR"}, {"SYR"}), rule
    # after a passive the agents stay agents once the slots are swapped
    src, tgt, rule = roles("Iran was criticised by several countries, including France and Germany.",
                           "was criticised")
    assert (src, tgt) == ({"FRA", "DEU"}, {"IRN"}), rule


def test_a_by_after_an_active_verbs_object_names_the_objects_agent_not_the_verbs() -> None:
    src, tgt, rule = roles("Foreign Secretary William Hague rejected claims by the Libyan government that British "
                           "missiles had killed civilians.", "rejected claims", pub_date="2011-05-01")
    assert src == {"GBR"}, rule
    src, _, rule = roles("Turkey's President Recep Tayyip Erdogan said his country supported the steps taken by "
                         "Azerbaijan.", "supported", pub_date="2020-09-28")
    assert src == {"TUR"}, rule
    # after a form of "be" the verb is passive, and a noun the lexicon also lists as a verb keeps its agent
    src, _, rule = roles("Iran has been repeatedly criticised in the past by France.", "criticised")
    assert src == {"FRA"}, rule
    src, _, rule = roles("Foreign Secretary Jack Straw has demanded the swift release of eight British servicemen "
                         "detained by Iran.", "release")
    assert src == {"IRN"}, rule


def test_a_meeting_in_a_fronted_phrase_is_the_main_clauses_subjects() -> None:
    src, tgt, rule = roles("After talks with President Omar al-Bashir in Khartoum on Monday, Mr Straw said there had "
                           "been some progress.", "talks with")
    assert (src, tgt) == ({"GBR"}, {"SDN"}), rule
    # an apposition inside the phrase is stepped over
    src, tgt, rule = roles("Tony Blair met Iraqi leaders. Speaking at a Downing Street news conference with the Iraqi "
                           "President, Jalal Talabani, on Thursday, the prime minister said the evidence was not yet "
                           "conclusive.", "news conference with", pub_date="2005-10-06")
    assert (src, tgt) == ({"GBR"}, {"IRQ"}), rule
    src, tgt, rule = roles("During a meeting in Beijing with Spanish Prime Minister Pedro Sánchez on Friday, President "
                           "Xi Jinping said there were no winners in a tariff war.", "meeting", pub_date="2025-04-11")
    assert (src, tgt) == ({"CHN"}, {"ESP"}), rule
    # an act of force named by a noun there may be anyone's
    src, _, rule = roles("After the air strikes on Syria, Russia said it would respond.", "air strikes")
    assert "RUS" not in src, rule


def test_a_phrase_ending_in_a_verb_takes_the_object_after_it() -> None:
    src, tgt, rule = roles("Foreign Secretary Jack Straw is to visit Thailand and Indonesia this week.", "is to visit")
    assert (src, tgt) == ({"GBR"}, {"THA", "IDN"}), rule
    src, tgt, rule = roles("US Secretary of State Antony Blinken is due to visit Kyiv on Wednesday.", "due to visit",
                           pub_date="2022-01-18")
    assert (src, tgt) == ({"USA"}, {"UKR"}), rule


def test_who_speaks_right_after_a_quotation_acts_in_it() -> None:
    src, tgt, rule = roles("\"We deplore Russia's continued defence of the Assad regime,\" Foreign Secretary Boris "
                           "Johnson said in a statement on Saturday.", "deplore", pub_date="2017-04-08")
    assert (src, tgt) == ({"GBR"}, {"RUS"}), rule
    # '," he said': the person last named
    src, tgt, rule = roles("President Barack Obama condemned the attack. \"We will work with Libya to bring those "
                           "responsible for this attack to justice,\" he said.", "work with", pub_date="2012-09-12")
    assert (src, tgt) == ({"USA"}, {"LBY"}), rule


def test_a_stance_on_an_act_with_a_by_agent_is_toward_that_agent() -> None:
    src, tgt, rule = roles("Foreign Secretary William Hague rejected claims by the Libyan government that British "
                           "missiles had killed civilians.", "rejected claims", pub_date="2011-05-01")
    assert (src, tgt) == ({"GBR"}, {"LBY"}), rule
    src, tgt, rule = roles("In Washington, the White House welcomed the progress made by Libya but said sanctions "
                           "would remain.", "welcomed", pub_date="2004-02-26")
    assert (src, tgt) == ({"USA"}, {"LBY"}), rule


def test_the_first_of_more_than_two_parties_listed_as_subject_faces_the_others() -> None:
    src, tgt, rule = roles("President Bush has announced that an alliance of the US, India, Australia and Japan will "
                           "co-ordinate a humanitarian drive.", "co-ordinate")
    assert (src, tgt) == ({"USA"}, {"IND", "AUS", "JPN"}), rule
    # two parties stay co-subjects, and a list a preposition takes is no subject of this kind
    src, tgt, rule = roles("Britain and France agreed to co-ordinate their aid.", "agreed to")
    assert src == {"GBR", "FRA"}, rule


def test_the_one_a_spokesman_or_adviser_acts_for_may_be_the_subject() -> None:
    src, _, rule = roles("In Baghdad, an adviser to Prime Minister Nouri al-Maliki rejected the criticism from London "
                         "and other capitals.", "rejected", pub_date="2007-01-03")
    assert src == {"IRQ"}, rule
    # an envoy "to" a state acts for his own
    src, _, rule = roles("The British ambassador to Iran denied the report.", "denied")
    assert "IRN" not in src, rule


def test_the_subject_of_a_reported_must_or_should_is_the_one_asked_and_the_speaker_asks() -> None:
    src, tgt, rule = roles("Mr Blair also said Pakistan had to do more to stop Taleban fighters from using its "
                           "territory.", "had to do more", pub_date="2006-11-20")
    assert (src, tgt) == ({"GBR"}, {"PAK"}), rule
    src, tgt, rule = roles("Iran's foreign ministry said London should release the Grace 1 if it wanted to reduce "
                           "tensions.", "should release", pub_date="2019-07-20")
    assert (src, tgt) == ({"IRN"}, {"GBR"}), rule
    # "show restraint" after the asker's verb keeps its subject as the asker
    src, _, rule = roles("Turkey called on both sides to show restraint.", "show restraint")
    assert src == {"TUR"}, rule
    src, tgt, rule = roles("Mr Brown said America too needed to take more action.", "needed to take more action")
    assert (src, tgt) == ({"GBR"}, {"USA"}), rule


def test_the_subject_of_a_threatened_penalty_is_the_one_threatened() -> None:
    src, tgt, rule = roles("\"The Kremlin's actions will have consequences,\" Foreign Secretary William Hague said.",
                           "will have consequences", pub_date="2014-03-18")
    assert (src, tgt) == ({"GBR"}, {"RUS"}), rule


def test_talks_with_someone_late_in_a_clause_are_its_subjects() -> None:
    src, tgt, rule = roles("Libya has agreed to dismantle its programmes for weapons of mass destruction and to let "
                           "international inspectors in, after nine months of secret negotiations with Britain and "
                           "the United States.", "negotiations with", pub_date="2003-12-20")
    assert (src, tgt) == ({"LBY"}, {"GBR", "USA"}), rule


def test_him_after_a_verb_is_the_person_the_clause_named_after_its_subject() -> None:
    src, tgt, rule = roles("Azerbaijan's President Ilham Aliyev ordered the offensive. US Secretary of State Antony "
                           "Blinken called Mr Aliyev on Tuesday and urged him to stop military action immediately.",
                           "urged", pub_date="2023-09-20")
    assert (src, tgt) == ({"USA"}, {"AZE"}), rule


def test_a_state_qualifying_an_english_noun_trigger_is_its_agent() -> None:
    # the possessor of a noun of sanction is who imposes it, even after a preposition
    src, tgt, rule = roles("Moscow has linked the closures to Britain's expulsion of four Russian diplomats last "
                           "July.", "expulsion")
    assert src == {"GBR"}, rule
    # an adjective right before the noun is its agent, and the state the main clause names before it is the
    # target of what that clause says, not of the act
    src, tgt, rule = roles("Eritrea has denied Ethiopian accusations that it sent troops to Somalia.", "accusations")
    assert src == {"ETH"}, rule
    src, tgt, rule = roles("Britain is sending weapons to Kyiv to help it resist a possible Russian invasion.",
                           "invasion")
    assert src == {"RUS"} and "GBR" not in tgt, rule
    # a phrase that opens with no noun is not qualified by the state before it
    src, _, rule = roles("Azerbaijan's President apologised to Vladimir Putin in a phone call on Thursday.",
                         "in a phone call")
    assert "RUS" not in src, rule


def test_a_title_before_a_name_is_no_word_between_a_verb_and_its_object() -> None:
    # "Mr" is part of the object's phrase: "telephoned Mr Mubarak" takes Egypt as its object
    src, tgt, rule = roles("Egypt's President Hosni Mubarak faced a fifth day of protests. Saudi Arabia's King "
                           "Abdullah telephoned Mr Mubarak to express his support.", "telephoned", "2011-01-30")
    assert (src, tgt) == ({"SAU"}, {"EGY"}), rule


def test_a_verb_of_saying_after_a_reported_clause_is_the_speakers() -> None:
    # "but urged" goes on from "said": Israel is the reported clause's subject, the speaker does the urging
    src, tgt, rule = roles("UK Prime Minister Sir Keir Starmer said Israel had the right to defend itself against "
                           "Iranian aggression, but urged Israel to show restraint.", "urged", "2024-04-15")
    assert src == {"GBR"}, rule
    assert tgt == {"ISR"}, rule
    src, tgt, rule = roles("A foreign ministry spokesman, Bahram Ghasemi, said Britain was once again meddling in "
                           "the region and accused London of fuelling division.", "accused", "2019-07-10")
    assert src == {"IRN"}, rule
    assert tgt == {"GBR"}, rule


def test_a_trigger_phrase_opening_with_a_states_forces_has_that_state_as_its_subject() -> None:
    src, tgt, rule = roles("Russian forces crossed into Ukraine on Thursday after weeks of warnings from Kyiv.",
                           "forces crossed into", "2022-02-24")
    assert src == {"RUS"}, rule
    assert tgt == {"UKR"}, rule


def test_from_after_an_english_noun_of_saying_names_its_agent() -> None:
    src, tgt, rule = roles("The withdrawal follows criticism from senior American officers that British forces had "
                           "lost control of Basra.", "criticism", "2007-08-20")
    assert src == {"USA"}, rule
    # not after a noun of withdrawal: "from" names the place left
    src, _, rule = roles("Delegates voted for a timetable for withdrawal from Iraq.", "withdrawal", "2007-08-20")
    assert "IRQ" not in src, rule


def test_of_after_an_english_noun_of_asking_names_its_agent() -> None:
    # "request" is also listed as a verb: after "the" it is the noun, and its "of" is who asked
    src, tgt, rule = roles("France sent troops to Mali last week at the request of the Malian government.",
                           "request", "2013-01-20")
    assert src == {"MLI"}, rule
    assert tgt == {"FRA"}, rule
    src, _, rule = roles("The deployment of British troops, which followed a formal request from US commanders, was "
                         "expected to be limited.", "request", "2004-10-21")
    assert src == {"USA"}, rule


def test_a_masdar_of_purpose_behind_lam_takes_its_genitive_as_object() -> None:
    # "لدعم إيران": the ل of purpose makes even a past verb form a masdar, whose genitive is what it acts on;
    # the agent is the clause's subject
    src, tgt, rule = roles("قرر أردوغان أن يخرج بتصريحات لدعم إيران في مواجهة العقوبات.", "دعم", "2018-05-09")
    assert (src, tgt) == ({"TUR"}, {"IRN"}), rule
    src, tgt, rule = roles("خصصت الحكومة الصينية مئة مليون دولار لمساعدة سوريا واليمن.", "مساعده", "2018-07-10")
    assert (src, tgt) == ({"CHN"}, {"SYR", "YEM"}), rule
    # with a ل-object after it the genitive is still the agent: "تزويد إيران لروسيا"
    src, tgt, rule = roles("وانتقدت واشنطن تزويد إيران لروسيا بالطائرات المسيرة.", "تزويد", "2024-09-10")
    assert (src, tgt) == ({"IRN"}, {"RUS"}), rule


def test_an_arabic_verb_in_the_first_person_takes_the_actor_after_it_as_object() -> None:
    # "ندين إيران": the verb's ن is "we", the speaker; Iran is condemned, not condemning
    src, tgt, rule = roles('وقال وزير الخارجية السعودي عادل الجبير: "ندين إيران بأشد العبارات".', "ندين",
                           "2018-04-30")
    assert (src, tgt) == ({"SAU"}, {"IRN"}), rule
    # the third person keeps its subject after it
    src, tgt, rule = roles("وتدين السعودية إيران بأشد العبارات.", "تدين", "2018-04-30")
    assert (src, tgt) == ({"SAU"}, {"IRN"}), rule


def test_the_object_after_an_aside_on_the_subject_closed_by_a_comma() -> None:
    src, tgt, rule = roles("وقد ناشد وزير الدولة البريطاني لشؤون الشرق الأوسط، الذي زار القرية في مايو، إسرائيل "
                           "بضبط النفس.", "ناشد", "2018-07-04")
    assert (src, tgt) == ({"GBR"}, {"ISR"}), rule
    # a comma that opens a clause of its own leaves the actor after it out
    _, _, rule = roles("وقد ناشد وزير الدولة البريطاني الأطراف بضبط النفس في القرية، وقالت إسرائيل إنها سترد.",
                         "ناشد", "2018-07-04")
    assert "aside-object" not in rule, rule


def test_an_arabic_trigger_phrase_opening_with_a_verb_takes_the_actor_right_before_it_as_subject() -> None:
    # "كان X قد حض": the subject before a verbal phrase, the object after it, as for a verb
    src, tgt, rule = roles("وكان رئيس الوزراء التركي بن علي يلدريم قد حض الأربعاء روسيا والولايات المتحدة على الكف "
                           "عن الشجار.", "حض", "2018-04-12")
    assert (src, tgt) == ({"TUR"}, {"RUS", "USA"}), rule
    src, tgt, rule = roles("وكانت الولايات المتحدة قد شنت غارة شمال سوريا.", "شنت غاره", "2018-02-23")
    assert (src, tgt) == ({"USA"}, {"SYR"}), rule


def test_an_accusation_naming_the_accuseds_conduct_is_toward_its_doer_from_the_speaker() -> None:
    # "إيران تسعى للتدخل في شؤون الدول": Iran's conduct, which the speaker (Saudi Arabia) denounces
    src, tgt, rule = roles("قال وزير الخارجية السعودي عادل الجبير، الخميس، إن إيران تسعى للتدخل في شؤون الدول من "
                           "خلال الطائفية.", "تدخل في شوون", "2018-02-22")
    assert (src, tgt) == ({"SAU"}, {"IRN"}), rule
    # the speaker itself as the subject keeps accusing: "قالت السفارة الروسية إن القرار البريطاني عمل عدائي"
    src, _, rule = roles("في المقابل، قالت السفارة الروسية في لندن إن قرار الحكومة البريطانية بطرد 23 دبلوماسيا روسيا "
                         "هو عمل عدائي.", "عمل عدايي", "2018-03-14")
    assert src == {"RUS"}, rule


def test_a_coalition_named_by_its_leader_around_the_trigger_is_its_agent() -> None:
    # "التحالف الذي تقوده السعودية" is one actor (convention 7: the coalition is its leader) holding the trigger
    src, _, rule = roles("وقد تدخل التحالف الذي تقوده السعودية في الصراع في اليمن في مارس 2015.", "التحالف الذي تقوده",
                         "2018-03-13")
    assert src == {"SAU"}, rule


def test_an_english_speaker_is_not_a_state_named_before_someone_else_who_speaks() -> None:
    def speaker(text: str, pub_date: str) -> str | None:
        doc = Document.from_article(Article(id="t", text=text, pub_date=pub_date))
        sp = RoleFinder(doc, find_actors(doc)).speakers.get(0)
        return sp.country if sp is not None else None

    # "Mr Abbas" is no actor the lexicon knows here: the British newspaper does not speak
    assert speaker("In an interview with the British newspaper the Independent, Mr Hamdallah said Israel must "
                   "stop building settlements.", "2014-03-01") is None
    # a state in apposition still speaks, and a named leader after the clause does
    assert speaker("The US, a treaty ally of the Philippines, said it was concerned.", "2012-04-13") == "USA"
    assert speaker("During a meeting in Beijing with Spanish Prime Minister Pedro Sánchez on Friday, President Xi "
                   "Jinping said there were no winners in a tariff war.", "2025-04-11") == "CHN"


def test_hashtagged_names_keep_coordinated_subjects_apart_from_the_object() -> None:
    # "دونالد #ترمب والرئيس الفرنسي إيمانويل #ماكرون": two subjects, each a title + tagged name; Iran the object
    src, tgt, rule = roles("وانتقد الرئيس الأميركي دونالد #ترمب والرئيس الفرنسي إيمانويل #ماكرون إيران", "انتقد",
                           pub_date="2018-05-06")
    assert (src, tgt) == ({"USA", "FRA"}, {"IRN"}), rule


def test_the_custodian_of_the_two_holy_mosques_receives_for_saudi_arabia() -> None:
    # the Saudi king's title names his state: CONSULT Saudi Arabia -> Britain
    src, tgt, rule = roles("واستقبل خادم الحرمين الشريفين في الرياض رئيس الوزراء البريطاني", "استقبل",
                           pub_date="2018-03-09")
    assert (src, tgt) == ({"SAU"}, {"GBR"}), rule


def test_a_listed_phrase_of_the_same_type_on_the_tail_leaves_the_gapped_trigger_its_object() -> None:
    # "responsible for the attack" is listed too; the states between "held" and it are the ones accused
    src, tgt, rule = roles("Washington held Tehran and Damascus responsible for the attack on the embassy.", "held")
    assert (src, tgt) == ({"USA"}, {"IRN", "SYR"}), rule


def test_a_states_right_to_defend_itself_is_backing_from_the_speaker_to_that_state() -> None:
    # SUPPORT (verbal backing) toward the state whose right it is; whom it defends itself against is no party
    src, tgt, rule = roles("UK Prime Minister Sir Keir Starmer said Israel had the right to defend itself against "
                           "Iranian aggression, but urged all sides to show restraint.", "right to defend itself",
                           pub_date="2024-10-02")
    assert (src, tgt) == ({"GBR"}, {"ISR"}), rule
    src, tgt, rule = roles("US President Barack Obama said Turkey had a right to defend its territory and airspace.",
                           "right to defend its territory", pub_date="2015-11-25")
    assert (src, tgt) == ({"USA"}, {"TUR"}), rule
