"""Who is source and who is target of a trigger: the rule-based role finder.

For each trigger it fills two slots from the actor references of its sentence,
using the cues news Arabic and English give:

* after an Arabic masdar, an agreeing nisba adjective is the agent
  ("الضربات الإسرائيلية"), a bare genitive is agent or patient by type
  ("تزويد إيران لروسيا", "قصف سوريا"), ل marks the patient, and a relative
  clause names the agent ("الضربات التي نفذتها الولايات المتحدة");
* after a verb, the first bare actor is the subject (VSO: "قصفت إسرائيل"),
  the next one the object; an actor before the verb is the subject (SVO);
* prepositions mark targets (على، ضد، إلى، تجاه، بحق، مع، عن; on, against,
  with, to), "by"/"من قبل" mark agents, and coordinations fan out
  ("الولايات المتحدة وفرنسا وبريطانيا");
* when the sentence gives no source, its speaker ("قال لافروف") or the
  article's last speaker stands in, with lower confidence, unless an adjective
  names a group the stand-in is not in ("دعما عسكريا غربيا").

The slots are not the final word: the event scorer (`events.py`) weighs them
together with other evidence. Here we only say what the syntax suggests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from casus.extract.actors import ActorRef, honorifics
from casus.extract.document import Document
from casus.extract.triggers import AR_ARTICLE_CLITICS, Trigger
from casus.lexicon.loader import as_list, load_yaml, word_set
from casus.lexicon.triggers import arabic_trigger_forms, english_noun_heads, english_verb_forms, gapped_triggers
from casus.model import SYMMETRIC_TYPES
from casus.text.alternation import word_alternation
from casus.text.normalize import fold

TOKEN = re.compile(r"\S+")
PUNCT_BREAK = re.compile(r"[.؛;:!؟?\n]")
COMMA = re.compile(r"[،,]")

AR_TARGET_PREPS = {"علي", "ضد", "الي", "تجاه", "بحق", "ازاء", "نحو", "لدي", "عن"}
AR_PARTNER_PREPS = {"مع", "بين"}
AR_FROM_PREPS = {"من"}
AR_AGENT_PHRASES = ("من قبل", "من جانب", "علي يد", "علي ايدي", "بقياده")
_AGENT_FROM_NOUNS = {p.split()[1] for p in AR_AGENT_PHRASES if p.startswith("من ")}  # "بدعم من [قبل] روسيا"
AR_FORCE_PLACE = {"في"}
# words before an actor that make it the topic or the place of an event, not a party
_TOPIC_OR_PLACE = {"ar": {"حول", "بشان", "بخصوص"},
                   "en": {"about", "regarding", "concerning", "in", "inside", "over"}}
_FORCE_ON_PLACE = {"ASSAULT", "MOBILIZE"}  # types whose target a place names (GUIDELINE convention 7)
_EN_TOPIC_HEADS = {"respect", "regard", "regards", "terms", "relation", "reference"}
# "وحليفتها", "وشريكها", "ونظيره": a state after one of these is coordinated with the one before
_ALLY_APPOSITION = re.compile(r"^[،,]?\s*و(?:حليف|حلفا|شريك|شركا|نظير)\S{0,4}$")
_OPEN_BRACKET = re.compile(r"\s*[(\[]|\s+\)(?=\S)")  # "(الصين، …)" and the mirrored ")الصين، …)" of some feeds
_CLOSE_BRACKET = re.compile(r"[)\]]|\((?=\s|$)")
_FALLBACK_SOURCES = ("speaker", "previous-speaker")
_STANCE_TYPES = {"SUPPORT", "ACCUSE", "REJECT", "PROTEST", "REQUEST"}  # stances on an act, toward its author
_SAID_TYPES = {"ACCUSE", "SUPPORT", "REJECT", "REQUEST", "THREATEN", "PROTEST"}  # acts done by saying
_DEFINITE = re.compile(r"[وف]?(?:ال|لل|بال|كال)")
_AIM_VERB = re.compile(r"^[وف]?(?:استهدف|يستهدف|تستهدف)\S*")
AR_RELATIVE = {"التي", "الذي", "اللتين", "اللذين", "الذين", "اللتان", "اللذان", "اللواتي"}
EN_TARGET_PREPS = {"on", "against", "to", "at", "toward", "towards", "into", "over", "upon", "for"}
EN_PARTNER_PREPS = {"with", "between", "and"}
EN_OBJECT_PREPS = EN_TARGET_PREPS | {"with", "between", "of", "from", "in", "by", "about", "than"}
_EN_PHRASE_OPEN_ENDS = EN_OBJECT_PREPS | {"that"}  # "talks with", "warned that": what follows is no object
EN_AGENT_PREPS = {"by"}
# nouns whose "from" names who does them ("a request from", "criticism from", "an offer of help from"), unlike a
# withdrawal, expulsion or attack "from" a place
_EN_AUXILIARIES_AFTER_DET = {"will", "would", "can", "could", "should", "must", "may", "might", "did", "does", "do",
                             "had", "has", "have", "not", "to"}  # "that would support": no noun after "that"
_EN_OF_AGENT_TYPES = {"REQUEST", "SUPPORT", "AID", "CONSULT"}  # "the request of", "the support of", "a visit of"
_EN_FROM_AGENT_TYPES = {"REQUEST", "ACCUSE", "SUPPORT", "AID", "THREATEN", "PROTEST", "CONSULT"}
# nouns whose "of" names the one who suffers them ("the invasion of Iraq"), unlike "the support of Russia"
_EN_OF_PATIENT_TYPES = {"ASSAULT", "COERCE", "ACCUSE", "SANCTION"}
EN_SUBJECT_NOUNS = {"officials", "government", "leader", "leaders", "forces", "troops", "army", "military",
                    "authorities", "ministers", "diplomats", "president", "prime", "foreign", "navy", "jets",
                    "warplanes", "police", "envoy", "ambassador"}

# words that may stand between a verb and its subject
_ADVERBIALS = {"اليوم", "امس", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "ايضا",
               "بدوره", "بدورها", "رسميا", "مجددا", "مساء", "صباح", "ليل", "فجر", "الماضي", "الماضيه", "قبل",
               "ايام", "يوم", "حتي", "الان", "قد", "لقد", "اول", "من", "جهته", "جهتها", "جانبه", "جانبها"}

# nouns whose ل-complement is the one speaking: "بيان للخارجية", "مصدر لوزارة الدفاع"
_SPEAKER_NOUNS = {"بيان", "مصدر", "متحدث", "ناطق", "مسوول", "مسيول", "رساله", "تصريح", "تصريحات", "مذكره"}

# in a relative clause after a masdar: a verb carrying a pronoun for the masdar ("نفذتها", "وقعته") or followed
# by one ("قامت بها") has the next actor as its subject; تعرض makes that actor the one who suffers the masdar
_RESUMPTIVE_VERB_ENDINGS = ("ه", "ها", "هم", "هما")
_OBJECT_PRONOUNS = ("ها", "هم", "هما")  # "ه" alone also ends roots (وجه، نبه)
_POSSESSIVES = _OBJECT_PRONOUNS  # the same endings on a noun: "حربها", "دعمهم"
_NISBA_ENDINGS = {"", "ه", "ا", "ين", "ون", "ات"}  # after a nisba's ي, folded: غربي، غربيه، غربيا، غربيين
_NISBA_FORMS = ("ي", "يه", "يا", "يين", "يون")  # a phrase trigger ending in an adjective: "دعما عسكريا"
# "إليها", "عليها", "ضدها": a preposition whose pronoun stands for the one an act is aimed at
_AIMED_PRONOUNS = {p + e for p in ("الي", "علي", "ضد", "بحق", "تجاه") for e in ("ها", "ه", "هم", "هما")}
_RESUMPTIVE_WORDS = {"بها", "به", "له", "لها", "عليها", "عليه", "فيها", "فيه"}
# "التي جمعت", "الذي جمع بين", "التي تجمع": a meeting that brought its parties together
_BRINGS_TOGETHER_CLAUSE = re.compile(r"(?:^|\s)(?:التي|الذي)\s[وف]?(?:جمعت|جمع|تجمع|يجمع|ستجمع|سيجمع)(?:\sبين)?$")
_UNDERGO = re.compile(r"^[وف]?(?:تعرض|يتعرض|تتعرض|سيتعرض|ستتعرض|واجه|يواجه|تواجه)")

LAM_AGENT_TYPES = {"ASSAULT"}  # nouns of force whose ل-genitive names who used it
# types whose bare genitive after a masdar is usually the agent, not the patient
GENITIVE_AGENT_TYPES = {"CONSULT", "AGREE", "COOPERATE", "RETREAT", "MOBILIZE", "PROTEST", "REQUEST", "AID",
                        "THREATEN", "REJECT", "CONCEDE"}

_AR_SPEECH_VERBS = (
    "قال قالت اكد اكدت اعلن اعلنت اضاف اضافت شدد شددت اشار اشارت اعتبر اعتبرت اوضح اوضحت صرح صرحت ذكر ذكرت تابع تابعت "
    "افاد افادت لفت لفتت يقول تقول يؤكد تؤكد اعرب اعربت عبر عبرت دعا دعت طالب طالبت حذر حذرت"
).split()
# a whole word (white space after it): any order of the alternatives matches alike, and a trie is read faster
_AR_SPEECH_VERB = rf"[وف]?(?:{word_alternation(_AR_SPEECH_VERBS)})(?=\s)"
# a speech verb at the start of the text or after a space: "(?:^|\s)" + verb as two patterns, because a pattern
# that opens with a space is searched for much faster than one that opens with an alternative
_AR_SPEECH_AT_START = re.compile(_AR_SPEECH_VERB)
_AR_SPEECH = re.compile(r"\s" + _AR_SPEECH_VERB)
_EN_PRONOUN = re.compile(r"(?:But |And )?(?:He|She)\b")
_EN_ARTICLE = re.compile(r"\bthe$")
_EN_TITLE_BEFORE = re.compile(r"(?:^|\s)([A-Z][A-Za-z]+)\.?[ \t]+$")  # "Mr ", "Sheikh ", "Dr. " before a name
# what opens an aside between a subject and its verb: a relative pronoun, or an apposition's determiner or
# possessive ("Russia, which ...,", "China, North Korea's closest ally,", "Ukraine, a close partner,")
_EN_RELATIVES = {"who", "which", "whose"}
_EN_PRONOUN_SAID = re.compile(r"(?:he|she) (?:said|says|added|told)\b")
_EN_QUOTE_CLOSE = re.compile(r"[,.!?]?[\"”]\s")  # the end of a quotation: '," Mr Johnson said'"
_EN_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "any", "no", "every"}
_EN_ASIDE_OPEN = re.compile(r",\s+(who|which|whose|a|an|the|its|his|her|their|\S+'s)\s")
_EN_POSSESSOR = re.compile(r"(?:\w['’]s|s['’]|^(?:its|his|her|their|our))$")  # "Russia's", "allies'", "its"
_EN_SPEECH = re.compile(r"\b(?:said|says|told|added|stated|insisted|argued|warned|urged|called)\b")
# capitalised words standing alone right before a speech verb, after a comma or opening the sentence: the
# verb's subject. When no actor is among them, "the British newspaper the Independent, Mr Abbas said" is said
# by someone the lexicon does not know, neither by Britain before nor by Israel after ("said Israel must")
_EN_OTHER_SUBJECT = re.compile(r"(?:^|[,;:]\s+)(?:[A-Z][\w'.-]*\s+){1,4}$")
OWN_COUNTRY = {
    "ar": re.compile(r"(?:^|\s)[وبلف]*(?:بلاده|بلادها|بلادنا|حكومته|حكومتها|حكومتنا|دولته|دولتها)(?=\W|$)"),
    "en": re.compile(r"\b(?:his|her|its|their|our) (?:country|government|nation)\b", re.I),
}


@dataclass(slots=True)
class Slots:
    sources: list[ActorRef] = field(default_factory=list)
    targets: list[ActorRef] = field(default_factory=list)
    src_rule: str = ""
    tgt_rule: str = ""
    src_conf: float = 0.0
    tgt_conf: float = 0.0
    # "دعما غربيا": the group an adjective names as the agent; a source must belong to it
    agent_group: frozenset[str] | None = None

    def swap(self) -> None:
        self.sources, self.targets = self.targets, self.sources
        self.src_rule, self.tgt_rule = self.tgt_rule, self.src_rule
        self.src_conf, self.tgt_conf = self.tgt_conf, self.src_conf


class RoleFinder:
    """Fills source/target slots for the triggers of one document."""

    def __init__(self, doc: Document, refs: list[ActorRef]) -> None:
        self.doc = doc
        self.text = doc.text
        self.lang = doc.lang
        self.by_sentence: dict[int, list[ActorRef]] = {}
        for r in refs:
            if not r.dateline:
                self.by_sentence.setdefault(doc.sentence_of(r.start), []).append(r)
        self._last_subject: dict[int, tuple[int, list[ActorRef], float]] = {}
        self._title_start: dict[int, int] = {}  # by id(ref): see _ts
        self.speakers: dict[int, ActorRef | None] = {}
        self.previous_speaker: dict[int, ActorRef | None] = {}
        self._person_before: dict[int, ActorRef | None] = {}  # who "he" means at the start of each sentence
        last: ActorRef | None = None
        last_person: ActorRef | None = None
        for si, span in enumerate(doc.sentences):
            self.previous_speaker[si] = last
            self._person_before[si] = last_person
            sp = self._speaker(span.start, span.end, self.by_sentence.get(si, []))
            if sp is None and self.lang == "en" and last_person is not None and _EN_PRONOUN.match(
                    self.doc.text, span.start):
                sp = last_person  # "He also spoke on the telephone to ...": the last person leading a sentence
            people_here = [r for r in self.by_sentence.get(si, []) if r.country and r.kind == "leader"]
            if people_here:
                last_person = people_here[0]  # the sentence's subject, most often: what "he" goes on to mean
            self.speakers[si] = sp
            if sp is not None:
                last = sp
            else:
                people = [r for r in self.by_sentence.get(si, []) if r.country and (r.kind == "leader" or r.role)]
                if people:
                    last = people[0]

    def refs(self, si: int) -> list[ActorRef]:
        return self.by_sentence.get(si, [])

    def slots(self, trig: Trigger, si: int) -> Slots:
        span = self.doc.sentences[si]
        refs = [r for r in self.refs(si) if r.country is not None or r.kind in ("non-state", "igo", "bloc")]
        slots = Slots()
        if trig.pos == "verb" and self._purpose_lam(trig):
            trig = replace(trig, pos="noun")  # "لدعم إيران": a past verb form behind ل is a masdar
        # an actor inside a multi-word trigger ("استدعت [وزارة الخارجية] الروسية") follows its verb
        after = [r for r in refs
                 if r.token_start >= trig.end or (r.token_start > trig.token_start and r.end > trig.end)]
        before = [r for r in refs if r.end <= trig.token_start]
        if self.lang == "en":
            # "Russian forces crossed into", "Indian warplanes struck": a trigger phrase that opens with the head
            # of a state's forces has that state as its subject
            before += [r for r in refs if r.token_start < trig.token_start < r.end <= trig.end]
        if self.lang == "ar":
            envoy = next((r for r in after if trig.token_start < r.token_start < trig.end and r.kind == "diplomat"),
                         None)
            if envoy is not None:
                # the trigger ends in its object's head noun: "استدعت السفير البريطاني", "طردت دبلوماسيين
                # روسيين" (a ministry inside the phrase, "استدعت وزارة الخارجية الإيرانية", is its subject)
                slots.targets = self._coordinated(envoy, after)
                slots.tgt_rule, slots.tgt_conf = "envoy-object", 0.7
                after = [r for r in after if r not in slots.targets]
            antecedent = self._object_antecedent(trig, before) if trig.is_verbal and envoy is None else None
            if antecedent is not None:
                # "العلاقات مع قطر التي اتهمتها بدعم الإرهاب": the state a relative verb's pronoun stands for is
                # its object; its subject is sought further back
                slots.targets, slots.tgt_rule, slots.tgt_conf = [antecedent], "relative-object", 0.6
            subject = (self._adjacent_subject(trig, before)
                       if (trig.is_verbal or self._verb_phrase(trig)) and antecedent is None
                       and not self._first_person(trig) else None)
            if subject is not None:
                # SVO, as in headlines and present-tense reports: "أمريكا وبريطانيا تحذر إيران"
                slots.sources = self._coordinated_back(subject, before)
                slots.src_rule, slots.src_conf = "svo-adjacent", 0.7
                obj = self._object_after(trig.end, after)
                if obj is not None:
                    slots.targets = self._coordinated(obj, after)
                    slots.tgt_rule, slots.tgt_conf = "svo-object", 0.65
            elif envoy is None and antecedent is None:
                self._arabic_after(trig, after, slots, before)
            if not slots.sources and trig.is_verbal and trig.prefix[:1] in ("و", "ف"):
                self._shared_subject(trig, si, slots)
            if trig.is_verbal and slots.sources and slots.src_rule in ("vso-subject", "svo-adjacent",
                                                                        "shared-subject", "speaker-noun"):
                self._last_subject[si] = (trig.end, slots.sources, slots.src_conf)
        else:
            self._english_after(trig, after, slots)
        self._prepositions(trig, after, slots)
        if not slots.sources and not trig.is_verbal and trig.subject_is != "target":
            slots.agent_group = self._agent_group(trig, after)
        if not slots.sources and self.lang == "ar" and not trig.is_verbal:
            self._own_genitive(trig, si, slots)
        if not slots.sources and self.lang == "ar" and trig.pos == "noun":
            self._possessive_agent(trig, before, slots)
        if not slots.sources and self.lang == "en":
            self._en_modifier_agent(trig, before, slots)
        if not slots.sources and self.lang == "en":
            self._pronoun_subject(trig, si, before, slots)
        if not slots.sources and self.lang == "ar" and self._first_person(trig):
            self._fallback_source(trig, si, span.start, slots)  # "نرفض ...", قال الجبير: the one who speaks
        if not slots.sources:
            self._subject_before(trig, before, slots)
        if not slots.sources and self.lang == "ar":
            # "التحالف الذي تقوده السعودية": an actor whose phrase holds the whole trigger is its agent
            holder = next((r for r in refs if r.token_start <= trig.token_start and r.end > trig.end and r.country
                           and r.via == "coalition" and r not in slots.targets), None)
            if holder is not None:
                slots.sources, slots.src_rule, slots.src_conf = [holder], "holder-agent", 0.6
        if not slots.sources and self.lang == "en":
            self._en_fronted_subject(trig, si, after, slots)
        if self.lang == "en" and slots.src_rule == "svo-subject":
            self._en_speaker_goes_on(trig, si, slots)
        if (not slots.sources and self.lang == "en" and trig.type in SYMMETRIC_TYPES and not self._en_verbal(trig)
                and slots.tgt_rule in ("prep-with", "prep-between")):
            # "Libya has agreed to dismantle its programmes ..., after nine months of secret negotiations with
            # Britain and the United States": talks with someone named late in a clause are its subject's
            self._subject_before(trig, before, slots, limit=30, rule="clause-subject")
        if not slots.sources:
            self._fallback_source(trig, si, span.start, slots)
        group = slots.agent_group
        if group is not None and slots.sources and not all(r.country in group for r in slots.sources):
            # "قال الأسد إن روسيا تواجه دعما عسكريا غربيا": the speaker or subject is no Western state
            slots.sources, slots.src_rule, slots.src_conf = [], "", 0.0
        # the doer of the conduct is accused, unless it is who speaks ("قالت السفارة الروسية إن القرار عمل عدائي")
        speaking = self.speakers.get(si) or self.previous_speaker.get(si)
        conduct = self._names_conduct(trig) and not (speaking is not None and speaking.country in {
            r.country for r in slots.sources})
        if trig.subject_is == "target" or self._undergoes(trig) or conduct:
            slots.swap()
            if not slots.sources and (trig.subject_is == "target" or conduct) and trig.type in _SAID_TYPES:
                # "أنشطة إيران الخبيثة" in a statement: the state named is its object, the speaker its source
                self._fallback_source(trig, si, span.start, slots)
        if (trig.type in SYMMETRIC_TYPES and slots.tgt_rule.endswith(("بين", "between")) and len(slots.targets) > 1
                and (not slots.sources or slots.src_rule in _FALLBACK_SOURCES
                     or (not trig.is_verbal and slots.src_rule == "svo-subject"))):
            # "تم توقيع الاتفاق بين إيران والقوى العظمى": the first party "between" faces the others; after a
            # noun, "between" names the parties even when an earlier subject stands before it ("قرر ترامب
            # الانسحاب من الاتفاق الذي تم توقيعه بين طهران والقوى العظمى")
            slots.sources, slots.src_rule, slots.src_conf = slots.targets[:1], "between-first", 0.6
            slots.targets = slots.targets[1:]
        if (self.lang == "en" and trig.type in SYMMETRIC_TYPES and not slots.targets and self._en_verbal(trig)
                and len({r.country for r in slots.sources}) > 2 and slots.src_rule not in _FALLBACK_SOURCES
                and len({(r.start, r.end) for r in slots.sources}) == len(slots.sources)
                and not self._en_object_of(slots.sources[0], EN_TARGET_PREPS | EN_PARTNER_PREPS)):
            # "an alliance of the US, India, Australia and Japan will co-ordinate": as with "between", the first
            # of more than two parties named one by one faces the others (not the states one word stands for,
            # nor a list a preposition takes: "signed agreements with Jordan, Libya and Lebanon under which those
            # countries promise")
            slots.targets, slots.tgt_rule, slots.tgt_conf = slots.sources[1:], "listed-parties", slots.src_conf
            slots.sources = slots.sources[:1]
        if not slots.targets and self.lang == "en" and slots.sources:
            self._en_pronoun_object(trig, before, slots)
        if not slots.targets and not (trig.type in SYMMETRIC_TYPES and len(slots.sources) > 1):
            self._fallback_target(trig, refs, slots)
        return slots

    # ------------------------------------------------------------ helpers

    def _ts(self, r: ActorRef) -> int:
        """Where an actor's phrase starts: its word with its clitics, and in English the titles before a name
        ("Mr Morsi", "Sheikh Tamim"), which are no words between it and what precedes it."""
        start = self._title_start.get(id(r))
        if start is None:
            start = r.token_start
            if self.lang == "en":
                while True:
                    m = _EN_TITLE_BEFORE.search(self.text, max(0, start - 24), start)
                    if m is None or m.group(1) not in honorifics():
                        break
                    start = m.start(1)
            self._title_start[id(r)] = start
        return start

    def _tokens(self, a: int, b: int) -> list[str]:
        return TOKEN.findall(self.text, a, b) if b > a else []

    def _arabic_after(self, trig: Trigger, after: list[ActorRef], slots: Slots,
                      before: list[ActorRef]) -> None:
        if not after:
            return
        tail = self._object_gap_end(trig)
        if tail is not None:
            # "حملت بريطانيا روسيا المسؤولية", "يحمل الأسد والروس مسؤولية": the last actors before the tail are
            # the object; an actor before them in the gap is the subject
            inside = [r for r in after if r.end <= tail]
            groups: list[list[ActorRef]] = []
            while inside:
                groups.append(self._coordinated(inside[0], inside))
                inside = [r for r in inside if r.start > groups[-1][-1].end]
            if groups:
                slots.targets, slots.tgt_rule, slots.tgt_conf = groups[-1], "gap-object", 0.7
            if len(groups) > 1 and groups[0][0].bare:
                slots.sources, slots.src_rule, slots.src_conf = groups[0], "vso-subject", 0.7
            return
        first = after[0]
        gap = self.text[trig.end:first.token_start]
        if PUNCT_BREAK.search(gap) or COMMA.search(gap):
            return
        toks = self._tokens(trig.end, first.token_start)
        n_gap = len(toks)
        prefix = first.prefix
        # a phrase that opens with the article is nominal, also behind a clitic: "العمليات العسكرية",
        # "للعمليات العسكرية", "بالعملية العسكرية"
        nominal_phrase = trig.pos == "phrase" and bool(_DEFINITE.match(self.text, trig.token_start))
        # a phrase may be verbal ("سيرد على"): only a verb right after it can open a relative clause on it
        if (first.bare and not first.conj and (trig.pos == "noun" or trig.pos == "phrase" and n_gap == 1)
                and not _DEFINITE.match(self.text, trig.token_start) and _indefinite_relative(toks)):
            # "اتهامات وجهها المغرب إليها", "غارات شنتها إسرائيل على دمشق": an indefinite noun's relative clause
            # needs no التي; the subject of its verb is the agent of the act
            slots.sources = self._coordinated(first, after)
            slots.src_rule, slots.src_conf = "relative-agent", 0.7
            self._pronoun_object(trig, before, slots)
            return
        if trig.is_verbal and first.prep == "ل" and any(t in _SPEAKER_NOUNS for t in toks[:2]) and n_gap <= 3:
            # "اتهم بيان للبيت الأبيض إيران": the statement of X is X speaking
            slots.sources = [first]
            slots.src_rule, slots.src_conf = "speaker-noun", 0.65
            rest = [r for r in after if r.start > first.end]
            obj = self._object_after(first.end, rest)
            if obj:
                slots.targets = self._coordinated(obj, rest)
                slots.tgt_rule, slots.tgt_conf = "vso-object", 0.65
            return
        if self._agent_from(trig):
            # "تقدمت القوات العراقية بدعم من فرنسا": a phrase ending in the agent's من names the one who acts
            # right after it ("من قبل", "من جانب" too). When the slots are swapped once filled (subject_is target)
            # the agent goes where the object would, and the one backed before it is sought as the subject;
            # otherwise the agent is the source and the one before its object ("from-patient")
            if (not first.conj and (first.bare or first.modifier) and n_gap <= 1
                    and all(t in _AGENT_FROM_NOUNS for t in toks)):
                if trig.subject_is == "target":
                    slots.targets = self._coordinated(first, after)
                    slots.tgt_rule, slots.tgt_conf = "from-agent", 0.7
                else:
                    slots.sources = self._coordinated(first, after)
                    slots.src_rule, slots.src_conf = "from-agent", 0.7
                    patient = Slots()
                    self._subject_before(trig, before, patient)
                    if patient.sources and patient.src_rule == "svo-subject":
                        slots.targets, slots.tgt_rule, slots.tgt_conf = patient.sources, "from-patient", 0.6
            return
        if trig.is_verbal or (trig.pos == "phrase" and not nominal_phrase):
            preposition_between = any(t in AR_TARGET_PREPS | AR_PARTNER_PREPS | AR_FROM_PREPS for t in toks)
            if trig.pos == "phrase" and self._ends_in_preposition(trig):
                return  # "طلبت من تركيا", "دافع عن إيران": the actor after is the preposition's object
            # VSO: the subject follows the verb directly or after adverbials ("أكدت الخميس روسيا");
            # after another noun it is that noun's genitive ("أيدت حق إسرائيل")
            # and after a resumptive pronoun: "الاتفاق الذي وقعت عليه إيران"
            adverbial_gap = all(t in _ADVERBIALS or t in _RESUMPTIVE_WORDS for t in toks)
            if (first.bare and not first.modifier and n_gap <= 3 and not (first.conj and n_gap == 0)
                    and not preposition_between and adverbial_gap and self._disagrees(trig, first)):
                # "واتهم روسيا بالتواطؤ": a masculine verb does not agree with a feminine state; the state is
                # its object, and its subject (a person, a shared subject, the speaker) is sought as for a verb
                # without one
                slots.targets = self._coordinated(first, after)
                slots.tgt_rule, slots.tgt_conf = "gender-object", 0.65
                return
            if (first.bare and n_gap <= 3 and not (first.conj and n_gap == 0) and not preposition_between
                    and adverbial_gap and self._first_person(trig)):
                # "ندعو الإدارة الأمريكية": a verb in the first person has its subject in itself (the speaker);
                # the actor after it is its object
                slots.targets = self._coordinated(first, after)
                slots.tgt_rule, slots.tgt_conf = "first-person-object", 0.65
                return
            if (first.bare and not first.modifier and n_gap <= 3 and not (first.conj and n_gap == 0)
                    and not preposition_between and adverbial_gap):
                slots.sources = self._coordinated(first, after)
                slots.src_rule, slots.src_conf = "vso-subject", 0.75
                rest = [r for r in after if r.start > slots.sources[-1].end]
                obj = self._object_after(slots.sources[-1].end, rest)
                if obj:
                    slots.targets = self._coordinated(obj, rest)
                    slots.tgt_rule, slots.tgt_conf = "vso-object", 0.65
                elif (obj := self._object_after_aside(slots.sources[-1].end, rest)) is not None:
                    slots.targets = self._coordinated(obj, rest)
                    slots.tgt_rule, slots.tgt_conf = "aside-object", 0.6
            return
        if trig.pos == "participle":
            # "محملا النظام السوري مسؤولية": the participle's object follows; its subject is the clause's
            if first.bare and not first.conj and n_gap <= 2:
                slots.targets = self._coordinated(first, after)
                slots.tgt_rule, slots.tgt_conf = "participle-object", 0.65
            return
        # nominal trigger (masdar)
        relative = self._relative_clause(toks)
        if relative is None and trig.type in SYMMETRIC_TYPES and _BRINGS_TOGETHER_CLAUSE.search(" ".join(toks[-4:])):
            relative = "parties"
        if relative is not None and first.bare:
            if relative == "parties":
                # "القمة التي جمعت ترمب بكيم", "اللقاء الذي جمع بين الوزيرين": the ones it brought together
                rest = [r for r in after if r.start > first.end]
                partner = rest[0] if rest and (rest[0].prep == "ب" or rest[0].conj) and self.doc.count_tokens(
                    first.end, rest[0].token_start) <= 3 and not PUNCT_BREAK.search(
                    self.text, first.end, rest[0].token_start) else None
                if partner is not None:
                    slots.sources, slots.src_rule, slots.src_conf = [first], "brought-together", 0.7
                    slots.targets = self._coordinated(partner, rest)
                    slots.tgt_rule, slots.tgt_conf = "brought-together", 0.7
                return
            if relative == "agent":
                # "الضربات (العسكرية) التي نفذتها الولايات المتحدة", "العمليات التي قامت بها"
                slots.sources = self._coordinated(first, after)
                slots.src_rule, slots.src_conf = "relative-agent", 0.75
                self._pronoun_object(trig, before, slots)
            else:
                # "الهجوم الذي تعرضت له إيران", "الضربة التي استهدفت سوريا": the actor suffers it
                slots.targets = self._coordinated(first, after)
                slots.tgt_rule, slots.tgt_conf = "relative-patient", 0.65
            return
        indefinite = not prefix and n_gap == 0 and not trig.prefix.endswith(("ال", "لل"))
        if first.modifier and (prefix == "ال" and n_gap <= 2 or indefinite):
            # "الضربات الإسرائيلية", and indefinite "قصف إسرائيلي", "ضغوطا أمريكية"
            slots.sources = [first]
            slots.src_rule, slots.src_conf = "nisba-agent", 0.8
            return
        if first.bare and not first.conj and n_gap == 0 and not first.modifier:
            rest = [r for r in after if r.start > first.end]
            marked = self._marked_target(first.end, rest, first)
            # "تزويد روسيا بالأسلحة": a ب-object after the genitive makes the genitive the recipient
            with_object = self.text[first.end:first.end + 12].split()[:1]
            recipient = bool(with_object) and with_object[0].startswith(("ب", "وب")) and marked is None
            if marked is None and self._purpose_lam(trig):
                # "خرج بتصريحات لدعم إيران", "لمساعدة سوريا": a masdar of purpose takes the clause's subject as
                # its agent; its genitive is its object
                slots.targets = self._coordinated(first, after)
                slots.tgt_rule, slots.tgt_conf = "purpose-object", 0.65
            elif (marked is not None or trig.type in GENITIVE_AGENT_TYPES) and not recipient:
                slots.sources = self._coordinated(first, after)
                slots.src_rule, slots.src_conf = "genitive-agent", 0.7
                if marked is not None:
                    slots.targets = self._coordinated(marked, rest)
                    slots.tgt_rule, slots.tgt_conf = "masdar-lam", 0.7
            else:
                slots.targets = self._coordinated(first, after)
                slots.tgt_rule, slots.tgt_conf = "genitive-patient", 0.65
            return
        if first.prep == "ل" and n_gap == 0 and trig.type in LAM_AGENT_TYPES:
            # "هجوم للحوثيين على ناقلة", "غارات لإسرائيل على دمشق": the ل-genitive of an attack is its author
            slots.sources = self._coordinated(first, after)
            slots.src_rule, slots.src_conf = "lam-agent", 0.65
            rest = [r for r in after if r.start > slots.sources[-1].end]
            marked = self._marked_target(slots.sources[-1].end, rest)
            if marked is not None:
                slots.targets = self._coordinated(marked, rest)
                slots.tgt_rule, slots.tgt_conf = "masdar-lam", 0.7
            return
        if first.prep == "ل" and n_gap <= 2:
            slots.targets = self._coordinated(first, after)
            slots.tgt_rule, slots.tgt_conf = "lam-patient", 0.65

    def _verb_phrase(self, trig: Trigger) -> bool:
        """An Arabic trigger phrase that opens with a verb ("زار", "حمل … المسؤولية", "انسحبت من"): not with the
        article, a preposition or a noun the trigger families list."""
        if trig.pos != "phrase" or trig.prefix.lstrip("وف") or self._subject_gap(trig):
            return False
        first = self.doc.match_text[trig.start:trig.end].split()[0]
        nouns, _ = arabic_trigger_forms()
        clitic = first[:1] in ("ب", "ل") and (first[1:] in nouns or first[1:].startswith("ال"))  # "بدعم من"
        masdar = _derived_masdar(first)
        return not (first.startswith("ال") or first in _MASDAR_GOVERNORS or first in nouns or clitic or masdar
                    or first.endswith(("ه", "ات")) or first in ("لدي", "اثناء", "لقاء") or self._agent_from(trig))

    def _names_conduct(self, trig: Trigger) -> bool:
        """An Arabic accusation phrase that names the accused's conduct ("التدخل في شؤون", "المزعزعة للاستقرار",
        `events/conduct.yaml`): its doer is the one accused."""
        return (self.lang == "ar" and trig.type == "ACCUSE" and trig.subject_is != "target"
                and self.doc.match_text[trig.start:trig.end] in word_set("events/conduct.yaml", "ar"))

    def _first_person(self, trig: Trigger) -> bool:
        """An Arabic imperfect in the first person ("ندين", "سنرد", "أؤكد"): its person prefix, the first
        letter of the trigger word, is ن or ا."""
        return trig.pos == "imperfect" and self.lang == "ar" and self.doc.match_text[trig.start:trig.start + 1] in (
            "ن", "ا")

    def _purpose_lam(self, trig: Trigger) -> bool:
        """An Arabic masdar or past verb form behind the ل of purpose ("لدعم", "ولمواجهة"; not "للقاء", which
        is ل with the article)."""
        return self.lang == "ar" and trig.pos in ("verb", "noun") and trig.prefix.lstrip("وف") == "ل"

    def _disagrees(self, trig: Trigger, r: ActorRef) -> bool:
        """Whether an Arabic trigger verb stands in its masculine singular form without a pronoun and `r` is a
        state named by a feminine name or a capital, so that `r` cannot be its subject ("واتهم روسيا", "يدين
        إيران", not "اتهمت روسيا", "أعلن العراق", "نفتها موسكو"). Forms also listed as nouns ("دعم إيران
        لقطر") are left alone."""
        if trig.pos not in ("verb", "imperfect") or r.kind != "state" or r.via not in ("name", "capital"):
            return False
        word = self.doc.match_text[trig.start:trig.end]
        nouns, masculine = arabic_trigger_forms()
        if word not in masculine or word in nouns or trig.prefix.strip("وفس"):
            return False  # "لضرب سوريا", "بالبحث": a clitic preposition or article makes it a masdar
        before = self.doc.match_text[max(0, trig.token_start - 16):trig.token_start].split()[-1:]
        if before and before[0] in _MASDAR_GOVERNORS:
            return False  # "بسبب فرض الولايات المتحدة عقوبات": a masdar after a preposition
        return r.via == "capital" or self.doc.match_text[r.start:r.end] not in _masculine_state_names()

    def _ends_in_preposition(self, trig: Trigger) -> bool:
        """Whether an Arabic trigger phrase ends in a preposition that names its object ("دافع عن", "الحرب على",
        "طلبت من"). "من" after a noun names the agent ("بدعم من", "بطلب من"), so only a request verb counts with it."""
        words = self.doc.match_text[trig.start:trig.end].split()
        if len(words) < 2:
            return False
        if words[-1] in AR_FROM_PREPS:
            # a verb's, also an imperfect's behind ل ("لتطلب من"); not a masdar's behind ب or ل ("بطلب من")
            clitic = trig.prefix.strip("وفس")
            return trig.type == "REQUEST" and (not clitic or clitic == "ل" and words[0][:1] in ("ي", "ت", "ن"))
        return words[-1] in AR_TARGET_PREPS | AR_PARTNER_PREPS

    def _object_gap_end(self, trig: Trigger) -> int | None:
        """Where the tail of a gapped trigger begins when its family reads the actor between as the object
        (`between: object`, "حمّل … مسؤولية"); None for other triggers."""
        if trig.pos != "phrase":
            return None
        reading = self._gapped_reading(trig)
        return reading[1].end(3) if reading is not None and reading[0] == "object" else None

    def _gapped_reading(self, trig: Trigger) -> tuple[str, re.Match[str]] | None:
        """The gapped form of the trigger's family whose head the trigger is, as its `between` and its match."""
        for g in gapped_triggers(self.lang):
            if g.entry.family == trig.family and g.entry.type == trig.type:
                m = g.pattern.match(self.doc.match_text, trig.token_start)
                if m is not None and m.end(2) == trig.end:
                    return g.between, m
        return None

    def _subject_gap(self, trig: Trigger) -> bool:
        """Whether the trigger is the head of a gapped phrase whose family reads the actor between as its subject
        ("سحب [الولايات المتحدة] من الاتفاق")."""
        reading = self._gapped_reading(trig)
        return reading is not None and reading[0] != "object"

    def _agent_from(self, trig: Trigger) -> bool:
        """Whether an Arabic trigger phrase is a masdar with its agent's "من": after ب ("بدعم من", "باعتراض من",
        "بطلب من") or in the accusative ("لاقى اعتراضا من"). A verb's "من" ("طلبت من", "لتطلب من", "تنصلت من")
        and a longer phrase's ("استدعاء سفيرها من") name its object or a place."""
        words = self.doc.match_text[trig.start:trig.end].split()
        if trig.pos != "phrase" or len(words) != 2 or words[-1] not in AR_FROM_PREPS:
            return False
        return words[0].startswith("ب") or trig.prefix.endswith("ب") or (
            words[0].endswith("ا") and not self._ends_in_preposition(trig))

    def _pronoun_object(self, trig: Trigger, before: list[ActorRef], slots: Slots) -> None:
        """"ونفت الجزائر اتهامات وجهها المغرب إليها": a preposition with a pronoun right after a relative clause's
        subject points back to the one the act is aimed at, the actor nearest before the noun in its clause."""
        last = slots.sources[-1]
        nxt = self.doc.match_text[last.end:last.end + 16].split()[:1]
        if not nxt or nxt[0] not in _AIMED_PRONOUNS:
            return
        for r in reversed(before):
            if PUNCT_BREAK.search(self.text, r.end, trig.token_start):
                return
            if r.bare and not r.modifier:
                slots.targets, slots.tgt_rule, slots.tgt_conf = [r], "relative-object", 0.55
                return

    @staticmethod
    def _relative_clause(toks: list[str]) -> str | None:
        """Whether the words between a masdar and the next actor are a relative clause whose verb has that
        actor as its subject ("agent": "التي نفذتها", "التي قامت بها") or as its object or sufferer
        ("patient": "التي استهدفت", "الذي تعرضت له"); None when they are no relative clause."""
        rel = next((i for i, t in enumerate(toks[:3]) if t in AR_RELATIVE), None)
        if rel is None or not all(t.startswith(("ال", "وال")) for t in toks[:rel]):
            return None  # only adjectives of the masdar may stand before the relative pronoun
        clause = toks[rel + 1:]
        if not clause or len(clause) > 3:
            return None
        if _UNDERGO.match(clause[0]):
            return "patient"
        resumptive = clause[0].endswith(_RESUMPTIVE_VERB_ENDINGS) or any(t in _RESUMPTIVE_WORDS for t in clause[1:2])
        return "agent" if resumptive else "patient" if len(clause) == 1 else None

    def _undergoes(self, trig: Trigger) -> bool:
        """"تعرضت إيران لهجوم", "came under attack": the subject suffers the event."""
        if self.lang == "ar":
            if trig.prefix[-1:] != "ل" and not trig.prefix.endswith("لل"):
                return False
            before = self.doc.match_text[max(0, trig.token_start - 40):trig.token_start].split()[-3:]
            return any(_UNDERGO.match(t) for t in before)
        preceding = self.doc.match_text[max(0, trig.token_start - 24):trig.token_start]
        return preceding.rstrip().endswith(("came under", "come under", "comes under", "was under", "is under"))

    def _shared_subject(self, trig: Trigger, si: int, slots: Slots) -> None:
        """"نددت الولايات المتحدة بالهجمات ... وأيدت حق إسرائيل": a coordinated verb keeps the subject."""
        last = self._last_subject.get(si)
        if last is None or last[0] > trig.token_start:
            return
        if PUNCT_BREAK.search(self.text, last[0], trig.token_start):
            return
        slots.sources, slots.src_rule, slots.src_conf = list(last[1]), "shared-subject", min(0.6, last[2])

    def _object_antecedent(self, trig: Trigger, before: list[ActorRef]) -> ActorRef | None:
        """The actor right before "التي/الذي + verb-with-object-pronoun" ("قطر التي اتهمتها")."""
        if not before:
            return None
        r = before[-1]
        word = self.doc.match_text[trig.token_start:trig.end]
        if not r.bare or " " in word or not word.endswith(_OBJECT_PRONOUNS):
            return None
        gap = self._tokens(r.end, trig.token_start)
        return r if len(gap) == 1 and gap[0] in AR_RELATIVE else None

    def _adjacent_subject(self, trig: Trigger, before: list[ActorRef]) -> ActorRef | None:
        """An actor right before a verb (at most one word between) that can be its subject."""
        if not before:
            return None
        r = before[-1]
        if not r.bare or r.modifier:
            return None
        gap = self.text[r.end:trig.token_start]
        if PUNCT_BREAK.search(gap) or COMMA.search(gap) or self.doc.count_tokens(r.end, trig.token_start) > 1:
            return None
        if gap.strip() and _relative_agent_verb().match(self.doc.match_text[trig.token_start:trig.end]):
            return None  # "رفضت موسكو عقوبات فرضتها واشنطن": a relative clause on the noun between; its subject follows
        words_before = self.doc.match_text[max(0, r.token_start - 12):r.token_start].split()
        if words_before and words_before[-1] in AR_TARGET_PREPS | AR_PARTNER_PREPS | AR_FROM_PREPS | {"في"}:
            return None  # "... من سوريا وأيدت": the object of a preposition is not the next verb's subject
        return r

    def _english_after(self, trig: Trigger, after: list[ActorRef], slots: Slots) -> None:
        after = [r for r in after if not self._en_indefinite_modifier(r)]
        if not after:
            return
        first = after[0]
        if PUNCT_BREAK.search(self.text[trig.end:self._ts(first)]):
            return
        tail = self._object_gap_end(trig)
        if tail is not None and first.end <= tail:
            # "encouraged Saudi Arabia and Qatar to sit down" (`between: object`): the actors before the tail
            inside = [r for r in after if r.end <= tail]
            slots.targets, slots.tgt_rule, slots.tgt_conf = self._coordinated(inside[0], inside), "gap-object", 0.7
            return
        words = [w.lower() for w in self._tokens(trig.end, self._ts(first))]
        # a passive phrase ends in its agent's "by" ("backed by", subject_is target): what follows is its object
        # here and its source once the slots are swapped
        passive = trig.subject_is == "target" and self.doc.match_text[trig.start:trig.end].endswith(" by")
        if (passive or self._en_verbal(trig)) and not en_strip_lead(words):
            slots.targets = self._coordinated(first, after)
            slots.tgt_rule, slots.tgt_conf = "en-object", 0.7
        elif words and words[-1] in EN_AGENT_PREPS and len(words) <= 3:
            agents = self._coordinated(first, after)
            if trig.subject_is == "target":
                # "was accused by Qatar": the slots are swapped once filled, so the agent goes where the
                # object would, and the subject before ("Saudi Arabia was accused") is sought as for an active verb
                slots.targets, slots.tgt_rule, slots.tgt_conf = agents, "en-by-agent", 0.75
            else:
                slots.sources, slots.src_rule, slots.src_conf = agents, "en-by-agent", 0.75

    def _en_indefinite_modifier(self, r: ActorRef) -> bool:
        """"the first by an EU head of state": an organisation or bloc right after "a"/"an" with another actor's
        noun right after it only qualifies that noun, which names one person of some member state, not the
        organisation: the modifier is no party of its own (a state there, "a US head of state", is the head's)."""
        if r.country is not None:
            return False
        words = self.doc.match_text[max(0, self._ts(r) - 8):self._ts(r)].split()
        if not words or words[-1] not in ("a", "an"):
            return False
        return any(o.token_start >= r.end and not self.text[r.end:o.token_start].strip()
                   for o in self.refs(self.doc.sentence_of(r.start)))

    def _en_active_verb(self, trig: Trigger) -> bool:
        """An English verb in the active voice: a "by" after it and its object heads the object's own agent
        ("rejected claims by the Libyan government", "supported the steps taken by Azerbaijan"), not the verb's.
        Not after a form of "be"/"get" ("was attacked on Sunday by"), nor a trigger ending in "by" ("stand by")."""
        if trig.subject_is == "target" or not self._en_verbal(trig):
            return False
        if self.doc.match_text[trig.start:trig.end].endswith(" by"):
            return False
        words = self.doc.match_text[max(0, trig.token_start - 30):trig.token_start].split()[-3:]
        if (words and (words[-1] in _EN_DETERMINERS or _EN_POSSESSOR.search(words[-1]))) or self.doc.match_text[
                trig.end:trig.end + 4] == " of ":
            return False  # "the release", "a visit by", "release of": a noun the lexicon also lists as a verb
        return not any(w in word_set("events/passive_auxiliaries.yaml", "en") for w in words)

    def _en_verbal(self, trig: Trigger) -> bool:
        """A verb, or a phrase that opens with a listed verb form and does not end in a preposition, or that
        ends in one after no determiner ("is to visit", "due to attend", "formally recognised"; not "paid a
        visit", "during his visit")."""
        if trig.is_verbal:
            return True
        if trig.pos != "phrase":
            return False
        words = self.doc.match_text[trig.start:trig.end].split()
        if words[-1] in _EN_PHRASE_OPEN_ENDS:
            return False
        return words[0] in english_verb_forms() or (
            words[-1] in english_verb_forms() and words[-2] not in _EN_DETERMINERS
            and not _EN_POSSESSOR.search(words[-2]))

    def _object_after(self, pos: int, rest: list[ActorRef]) -> ActorRef | None:
        for r in rest:
            if PUNCT_BREAK.search(self.text[pos:r.token_start]):
                return None
            toks = self._tokens(pos, r.token_start)
            if len(toks) > 4:
                return None
            if toks and toks[-1] in AR_FROM_PREPS | AR_FORCE_PLACE:
                return None  # "تؤيد العمليات العسكرية في سوريا": the object of من or في is not the verb's
            if r.bare and not r.conj and (not r.modifier or toks):
                return r
            if r.prep == "ل":
                return r
            if toks and toks[-1] in AR_TARGET_PREPS | AR_PARTNER_PREPS:
                return r
        return None

    def _object_after_aside(self, pos: int, rest: list[ActorRef]) -> ActorRef | None:
        """"ناشد الوزير البريطاني، الذي زار القرية في مايو، إسرائيل بضبط النفس", "واتهم الرئيس هادي في خطاب
        متلفز ...، إيران بالاستمرار": after a verb's subject and an aside or phrase that a comma closes, a bare
        actor right after that comma is the verb's object (not after a comma that opens a clause of its own)."""
        for r in rest:
            if PUNCT_BREAK.search(self.text, pos, r.token_start) or self.doc.count_tokens(pos, r.token_start) > 20:
                return None
            if not self.text[pos:r.token_start].rstrip().endswith(("،", ",")):
                continue
            if not r.bare or r.conj or r.modifier or self._comma_clause(pos, r.token_start) or any(
                    t in _COMPLEMENTIZERS for t in self._tokens(pos, r.token_start)):
                return None
            return r
        return None

    def _marked_target(self, pos: int, rest: list[ActorRef], genitive: ActorRef | None = None) -> ActorRef | None:
        """An actor marked as patient right after a genitive: "تزويد إيران لروسيا". A name in apposition to
        the genitive is stepped over: "عقوبات إدارة الرئيس الأمريكي، دونالد ترامب، المفروضة على موسكو"."""
        for r in rest:
            toks = self._tokens(pos, r.token_start)
            if PUNCT_BREAK.search(self.text[pos:r.token_start]) or len(toks) - (toks[:1] == ["،"]) > 3:
                return None
            if genitive is not None and r.country == genitive.country and r.bare and toks and COMMA.match(toks[0]):
                pos = r.end
                continue
            if r.prep == "ل" or (toks and toks[-1] in AR_TARGET_PREPS):
                return r
        return None

    def _prepositions(self, trig: Trigger, after: list[ActorRef], slots: Slots) -> None:
        """Targets and partners introduced by prepositions after the trigger, within the clause."""
        if slots.targets:
            return
        limit = 14 if self.lang == "ar" else 12
        pos = trig.end
        seen = 0
        prev: ActorRef | None = None  # the last actor passed over
        for r in after:
            if r in slots.sources:
                pos = r.end
                continue
            if PUNCT_BREAK.search(self.text[pos:self._ts(r)]):
                return
            if self.doc.count_tokens(trig.end, self._ts(r)) > limit:
                return
            if self.lang == "ar" and self._comma_clause(pos, r.token_start):
                return
            if self.names_a_place(r, trig):
                pos = r.end  # "رفضها لاستخدام الأسلحة على الأراضي السورية": where, not whom
                continue
            if self.lang == "en" and self._en_indefinite_modifier(r):
                continue  # "by an EU head of state": a word of the next actor's phrase, whose lead-in it joins
            near = [t.lower() for t in self._tokens(pos, self._ts(r))]
            seen += 1
            prep = near[-1] if near else ""
            if self.lang == "ar":
                # a target preposition a few words back heads the noun phrase this actor ends
                # ("على المواقع العسكرية الإيرانية", "على جبهات مدينة عفرين في شمال سوريا")
                # force on a place is force on its state (GUIDELINE convention 7): "غارات ... في سوريا",
                # "ضربة أمريكية استهدفت قاعدة الشعيرات في وسط سوريا"
                window = near[-7:] if r.bare and len(near) <= 7 else []
                if _inside_clause(near, pos == trig.end):
                    return  # "على أن القرار الأميركي", "غلوشكوف الذي كان يقيم في بريطانيا": another clause
                prep_any = next((t for t in reversed(window) if t in AR_TARGET_PREPS | AR_PARTNER_PREPS), None)
                if prep_any is None and trig.type == "ASSAULT":
                    prep_any = next(("استهدف" if _AIM_VERB.match(t) else t for t in reversed(window)
                                     if t in AR_FORCE_PLACE or _AIM_VERB.match(t)), None)
                if r.prep in ("ل", "ب") and trig.type in SYMMETRIC_TYPES | {"SUPPORT", "AID"}:
                    self._set_target(r, after, "lam-target", 0.6, slots)
                    return
                if r.prep == "ل" and len(near) <= 2:
                    self._set_target(r, after, "lam-target", 0.6, slots)
                    return
                if r.modifier and len(near) == 1 and near[0].startswith(("لل", "ولل")) and not prep_any:
                    # the nisba of a ل-object: "دعمها للقضية الفلسطينية", "تهديد للأمن القومي الأمريكي"
                    self._set_target(r, after, "lam-nisba", 0.6, slots)
                    return
                if not near and pos == trig.end and prep_any is None and self._ends_in_preposition(trig):
                    # the trigger phrase ends in its preposition: "طلبت من تركيا", "الحرب على إيران"
                    prep = self.doc.match_text[trig.start:trig.end].rsplit(" ", 1)[-1]
                    if prep in AR_FROM_PREPS and trig.type not in ("REQUEST", "RETREAT", "REJECT", "CONCEDE"):
                        prep = ""
                if prep in AR_TARGET_PREPS | AR_PARTNER_PREPS or prep_any:
                    self._set_target(r, after, f"prep-{prep_any or prep}", 0.7, slots)
                    return
                if prep in AR_FROM_PREPS and trig.type in ("REQUEST", "RETREAT", "REJECT", "CONCEDE"):
                    self._set_target(r, after, "prep-min", 0.55, slots)
                    return
                if any(" ".join(near[-2:]).endswith(p) for p in AR_AGENT_PHRASES) and not slots.sources:
                    slots.sources = self._coordinated(r, after)
                    slots.src_rule, slots.src_conf = "agent-phrase", 0.7
                    pos = slots.sources[-1].end
                    continue
            else:
                if prev is not None and _EN_ARTICLE.sub("", self.text[prev.end:self._ts(r)].lower()).strip() in (
                        ",", "and", ", and", "or", ", or"):
                    # "the leaders of China, South Korea and Japan": a list member after one passed over is no
                    # partner of an "and"; lists the trigger reaches are taken whole from their first member
                    prev = r
                    pos = r.end
                    continue
                if any(t.endswith(",") and u in _en_clause_links() for t, u in zip(near, near[1:])):
                    return  # "for talks with the new government, and US Secretary of State John Kerry is expected"
                lead = en_strip_lead(near)
                prep = lead[-1] if lead else ""
                if prep == "including" and len(lead) <= 7:
                    # "negotiated with about ten other countries, including Algeria and Lebanon": the members
                    # a preposition's object is spelled out as are its objects too
                    # "strikes by several states, including France and Britain": so are the agents of a "by"
                    prep = next((w for w in reversed(lead[:-1])
                                 if w in EN_TARGET_PREPS | EN_AGENT_PREPS | {"with", "between"}), "including")
                if prep in ("", "including") and pos == trig.end and trig.subject_is != "target":
                    # the trigger phrase ends in its preposition: "spoke on the telephone to X"
                    last_word = self.doc.match_text[trig.start:trig.end].rsplit(" ", 1)[-1]
                    prep = last_word if last_word in EN_TARGET_PREPS | EN_PARTNER_PREPS else ""
                if prep == "against" and trig.subject_is == "target":
                    return  # "Israel's right to defend itself against Iran": the subject undergoes or is backed;
                    # whom it stands against is neither party
                if prep in EN_TARGET_PREPS | EN_PARTNER_PREPS:
                    self._set_target(r, after, f"prep-{prep}", 0.7, slots)
                    self._en_repeated_preposition(prep, after, slots)
                    if not slots.sources and trig.subject_is != "target":
                        self._en_agent_after(slots.targets[-1], after, slots)
                    return
                if (prep == "of" and pos == trig.end and len(near) <= 2 and (
                        (trig.type in _EN_OF_PATIENT_TYPES and not self._en_verbal(trig)) or self._en_possessed(trig))):
                    # "the invasion of Iraq", "its condemnation of Russia": after a noun of force, coercion, blame
                    # or sanction, "of" names who suffers it; and after any noun whose possessor is its agent
                    # ("Washington's recognition of Kosovo", "Israel's bombing of Lebanon"): "of" is then no agent
                    self._set_target(r, after, "prep-of", 0.65, slots)
                    return
                if (prep == "of" and pos == trig.end and len(near) <= 2 and not slots.sources
                        and trig.type in _EN_OF_AGENT_TYPES and self._en_noun(trig) and not self._en_possessed(trig)):
                    # "at the request of the Malian government", "with the support of Russia": "of" after a noun
                    # of asking, backing or giving that no possessor holds names who does it
                    slots.sources = self._coordinated(r, after)
                    slots.src_rule, slots.src_conf = "of-agent", 0.6
                    pos = slots.sources[-1].end
                    continue
                if prep in ("in", "inside") and trig.type == "ASSAULT" and r.bare:
                    # force in a place is force on its state (GUIDELINE convention 7): "Russia's offensive in Ukraine"
                    self._set_target(r, after, "prep-in", 0.6, slots)
                    return
                if prep in EN_AGENT_PREPS and trig.type in _STANCE_TYPES and self._en_active_verb(trig):
                    # "rejected claims by the Libyan government", "welcomed the progress made by Libya": a stance
                    # on an act is toward its author (the agent of the verb's object)
                    self._set_target(r, after, "object-agent", 0.6, slots)
                    return
                agent_rule: tuple[str, float] | None = None
                if (not slots.sources and pos == trig.end and trig.type in _EN_FROM_AGENT_TYPES
                        and self._en_noun(trig) and "from" in lead[-3:] and all(
                            w.isalpha() and w not in EN_OBJECT_PREPS for w in lead[lead.index("from") + 1:])):
                    # "criticism from some senior American officers", "a formal request from US commanders",
                    # "drawing angry protests from Beijing": after a noun of saying or giving, "from" names who
                    # does it, as "by" does
                    agent_rule = ("from-agent", 0.65)
                elif prep in EN_AGENT_PREPS and not slots.sources and not self._en_active_verb(trig):
                    agent_rule = ("by-agent", 0.75)
                if agent_rule is not None:
                    agents = self._coordinated(r, after)
                    rule, conf = agent_rule
                    if trig.subject_is == "target":
                        # "was criticised by several countries, including France": the slots are swapped once
                        # filled, so the agents go where the object would
                        slots.targets, slots.tgt_rule, slots.tgt_conf = agents, rule, conf
                        return
                    slots.sources, slots.src_rule, slots.src_conf = agents, rule, conf
                    pos = slots.sources[-1].end
                    continue
            pos = r.end
            prev = r
            if seen >= 3:
                return

    def _en_repeated_preposition(self, prep: str, after: list[ActorRef], slots: Slots) -> None:
        """"spoke to President Obama and to French President Sarkozy", "to her Chinese counterpart, Li
        Zhaoxing, and to the US Secretary of State": a coordination that repeats the preposition adds targets,
        also after an apposition to the one before."""
        pattern = _repeated_preposition(prep)
        while True:
            last = slots.targets[-1]
            nxt = next((r for r in after if self._ts(r) >= last.end), None)
            if nxt is None or self.doc.count_tokens(last.end, self._ts(nxt)) > 9:
                return
            words = en_strip_lead([w.lower() for w in self._tokens(last.end, self._ts(nxt))])
            if not pattern.match(" ".join(words)) or nxt.modifier != slots.targets[0].modifier:
                return
            slots.targets += [r for r in self._coordinated(nxt, after) if r not in slots.targets]

    def _en_possessed(self, trig: Trigger) -> bool:
        """Whether an English trigger word has a possessor before it, right before or across one adjective
        ("Russia's annexation", "its continued defence", "Britain's formal recognition")."""
        if trig.pos == "phrase" and self._en_verbal(trig):
            return False
        words = self.doc.match_text[max(0, trig.token_start - 40):trig.token_start].split()[-2:]
        return any(_EN_POSSESSOR.search(w) for w in words[-1:]) or (
            len(words) == 2 and _EN_POSSESSOR.search(words[0]) is not None and words[1].isalpha())

    def _comma_clause(self, a: int, b: int) -> bool:
        """Whether a comma between a and b opens a new clause: a word of `events/clause_openers.yaml` or a
        speech verb right after it ("، وذلك خلال زيارته إلى أنقرة", "، وقالت"), unlike an aside ("، الخميس،")."""
        for m in COMMA.finditer(self.text, a, b):
            nxt = self.doc.match_text[m.end():m.end() + 24].split()[:1]
            if not nxt:
                continue
            speech = _AR_SPEECH_AT_START.match(nxt[0] + " ")
            if nxt[0] in word_set("events/clause_openers.yaml", "ar") or (
                    speech is not None and speech.end() == len(nxt[0])):
                return True
        return False

    def _en_agent_after(self, last: ActorRef, after: list[ActorRef], slots: Slots) -> None:
        """"sanctions imposed on Iran by the United States": a "by" right after the target names the agent."""
        nxt = next((r for r in after if r.start >= last.end and not self._en_indefinite_modifier(r)), None)
        if nxt is None or PUNCT_BREAK.search(self.text[last.end:self._ts(nxt)]):
            return
        words = [w.lower() for w in self._tokens(last.end, self._ts(nxt))]
        if words and words[-1] == "the":
            words = words[:-1]
        if words and words[-1] in EN_AGENT_PREPS and len(words) <= 2:
            slots.sources = self._coordinated(nxt, after)
            slots.src_rule, slots.src_conf = "by-agent", 0.7

    def _set_target(self, r: ActorRef, after: list[ActorRef], rule: str, conf: float, slots: Slots) -> None:
        slots.targets = self._coordinated(r, after)
        if rule.endswith(("بين", "between")):
            slots.targets += self._listed_members(slots.targets[-1], after, slots.targets)
        slots.tgt_rule, slots.tgt_conf = rule, conf

    def _listed_members(self, last: ActorRef, after: list[ActorRef], taken: list[ActorRef]) -> list[ActorRef]:
        """"بين إيران والقوى العظمى (الصين، الولايات المتحدة، فرنسا …)": the states a group noun is spelled out
        as, in brackets right after it, are parties too."""
        m = _OPEN_BRACKET.search(self.text, last.end, min(len(self.text), last.end + 80))
        if m is None or PUNCT_BREAK.search(self.text, last.end, m.start()):
            return []
        close = _CLOSE_BRACKET.search(self.text, m.end(), min(len(self.text), m.end() + 300))
        end = close.start() if close else m.end()
        seen = {r.country for r in taken}
        members = []
        for r in after:
            if m.end() <= r.start < end and r.country and r.country not in seen:
                seen.add(r.country)
                members.append(r)
        return members

    def _subject_before(self, trig: Trigger, before: list[ActorRef], slots: Slots, limit: int = 0,
                        rule: str = "svo-subject") -> None:
        """SVO subject: the nearest bare actor before the trigger, in the same clause (within `limit` words)."""
        limit = limit or (10 if trig.is_verbal or trig.pos == "participle" or self.lang == "en" else 6)
        aside = self._en_aside(trig) if self.lang == "en" else None
        for r in reversed(before):
            if PUNCT_BREAK.search(self.text[r.end:trig.token_start]):
                return
            if aside is not None and r.end > aside[0]:
                continue  # "Russia, which is building Iran's reactor, called on": no actor of the aside
            toks = self._tokens(r.end, trig.token_start)
            if aside is not None:
                toks = self._tokens(r.end, aside[0]) + self._tokens(aside[1], trig.token_start)
            if len(toks) > limit:
                return
            if r in slots.targets:
                continue
            if self.lang == "ar":
                if not r.bare:
                    continue
                if r.modifier:
                    continue  # "المنشآت النووية الإيرانية" is not a subject; "الجيش الإسرائيلي" is
            else:
                lowered = [t.lower() for t in toks]
                if len(lowered) == 1 and lowered[0] in EN_TARGET_PREPS | {"of", "in", "from"}:
                    continue
                if self._after_en_preposition(r):
                    continue  # "raised human rights with the Chinese leader, and urged Beijing"
                if r.modifier and self.text[r.end:r.end + 2] != "'s":
                    nxt = self.text[r.end:r.end + 14].lower().split()
                    if not nxt or nxt[0] not in EN_SUBJECT_NOUNS:
                        continue
            slots.sources = self._coordinated_back(r, before)
            slots.src_rule, slots.src_conf = rule, 0.6 if len(toks) <= 4 else 0.5
            return

    def _en_pronoun_object(self, trig: Trigger, before: list[ActorRef], slots: Slots) -> None:
        """"Antony Blinken called Mr Aliyev on Tuesday and urged him to stop": "him"/"her" right after an English
        verb is the person named last before it in the sentence who is not its subject."""
        if not self._en_verbal(trig) or trig.subject_is == "target":
            return
        if self.doc.match_text[trig.end:trig.end + 5].split()[:1] not in (["him"], ["her"]):
            return
        subject = slots.sources[0]
        if slots.src_rule == "svo-subject" and subject.kind == "leader" and subject in before:
            # "Blinken called Mr Aliyev on Tuesday and urged him": the person nearest before the verb is the one
            # "him" stands for when another person leads the clause; that one is the subject
            lead = next((r for r in before[:before.index(subject)] if r.kind == "leader" and r.country
                         and r.country != subject.country and not self._after_en_preposition(r)
                         and not PUNCT_BREAK.search(self.text, r.end, trig.token_start)), None)
            if lead is not None:
                slots.sources, slots.targets = [lead], [subject]
                slots.tgt_rule, slots.tgt_conf = "pronoun-object", 0.55
                return
        own = {r.country for r in slots.sources}
        person = next((r for r in reversed(before) if r.kind == "leader" and r.country and r not in slots.sources),
                      None)
        if person is not None and person.country not in own:
            slots.targets, slots.tgt_rule, slots.tgt_conf = [person], "pronoun-object", 0.55

    def _en_aside(self, trig: Trigger) -> tuple[int, int] | None:
        """The span of a relative clause or an apposition set off by commas between a subject and its verb
        ("Russia, which is building Iran's first reactor, called on Tehran", "China, North Korea's closest
        ally, said"): its actors are not the subject, and its words do not count toward the subject's
        distance. None when the trigger does not follow such an aside."""
        span = self.doc.sentences[self.doc.sentence_of(trig.token_start)]
        text = self.text
        close = text.rfind(",", span.start, trig.token_start)
        if close < 0:
            return None
        tail = self.doc.match_text[close + 1:trig.token_start].split()
        if len(tail) > 4 or any(w in _en_clause_links() for w in tail):
            return None  # ", and urged", ", saying": a clause of its own, not the end of an aside
        for m in _EN_ASIDE_OPEN.finditer(self.doc.match_text, span.start, close):
            inside = self.doc.match_text[m.end():close].split()
            if m.group(1) in _EN_RELATIVES:
                return m.start(), close + 1
            if len(inside) <= 6 and "," not in self.doc.match_text[m.end():close]:
                return m.start(), close + 1  # an apposition: ", Serbia's closest ally,", ", a close ally,"
        return None

    def _en_noun(self, trig: Trigger) -> bool:
        """An English noun trigger, or a phrase that opens with the first word of a listed noun ("attack on",
        "air strikes against"; not "hold talks", "in a phone call", "to press", "warned that")."""
        if trig.pos == "verb":
            # "at the request of", "a formal request from": a form the lexicon lists as a verb, after a determiner
            # or a possessor, is a noun
            words = self.doc.match_text[max(0, trig.token_start - 30):trig.token_start].split()[-2:]
            return " " not in self.doc.match_text[trig.start:trig.end] and any(
                w in _EN_DETERMINERS or _EN_POSSESSOR.search(w) for w in words[-1:]) or (
                len(words) == 2 and words[0] in _EN_DETERMINERS and words[1].isalpha() and words[1].islower()
                and words[1] not in _EN_AUXILIARIES_AFTER_DET)
        if self._en_verbal(trig) or trig.pos not in ("noun", "phrase"):
            return False
        first = self.doc.match_text[trig.start:trig.end].split()[0]
        return trig.pos == "noun" or (first in english_noun_heads() and first not in EN_OBJECT_PREPS)

    def _en_modifier_agent(self, trig: Trigger, before: list[ActorRef], slots: Slots) -> None:
        """"an Iranian missile attack", "Britain's expulsion of four Russian diplomats", "US strikes on": a state
        named right before an English noun trigger, as its adjective, its possessor or an attributive name, across
        at most two lower-case modifiers ("Britain's formal recognition"), is the agent of the act (its patient
        once a `subject_is: target` family swaps the slots: "Iran's human rights record")."""
        if not before or not self._en_noun(trig):
            return
        r = before[-1]
        if not r.country:
            return
        gap = self.text[r.end:trig.token_start]
        possessive = gap[:2] in ("'s", "’s") or gap[:1] in ("'", "’")
        if possessive:
            gap = gap[2:] if gap[1:2] == "s" else gap[1:]
        words = gap.split()
        if gap[:1] not in ("", " ") or len(words) > 2 or any(
                not w.isalpha() or not w.islower() or w in _EN_DETERMINERS or w in EN_OBJECT_PREPS
                or w in ("and", "or") or w in _en_clause_links() for w in words):
            return
        if words and not possessive and not r.modifier:
            return  # "the US military strikes": a name two words back may head its own phrase
        slots.sources = self._coordinated_back(r, before)
        slots.src_rule, slots.src_conf = "en-modifier-agent", 0.7

    def _en_speaker_goes_on(self, trig: Trigger, si: int, slots: Slots) -> None:
        """"Mr Biden said Israel had the right to defend itself but urged it not to be consumed by rage": a verb of
        saying coordinated ("and", "but") after the clause a speaker reports goes on from the speech verb, so its
        subject is the speaker, not the reported clause's subject the nearest name before it stands for."""
        if trig.type not in _SAID_TYPES or not self._en_verbal(trig):
            return
        speaker = self.speakers.get(si)
        subject = slots.sources[0]
        if speaker is None or not speaker.country or speaker.end > subject.token_start or speaker in slots.sources:
            return
        words = self.doc.match_text[max(0, trig.token_start - 30):trig.token_start].split()[-3:]
        while words and words[-1] in ("also", "had", "has", "have", "then"):
            words.pop()
        if not words or words[-1] not in ("and", "but"):
            return
        if _EN_SPEECH.search(self.doc.match_text, speaker.end, subject.token_start) is None:
            return
        slots.sources, slots.src_rule, slots.src_conf = [speaker], "speaker-goes-on", 0.55

    def _pronoun_subject(self, trig: Trigger, si: int, before: list[ActorRef], slots: Slots) -> None:
        """"..., where he met President Bush": "he"/"she" right before the verb is the person who leads the
        sentence, else the one who led the last sentence naming a person."""
        words = self.doc.match_text[max(0, trig.token_start - 24):trig.token_start].split()[-2:]
        if not any(w in ("he", "she") for w in words):
            return
        people = [r for r in before if r.country and r.kind == "leader" and not self._after_en_preposition(r)]
        person = people[0] if people else self._person_before.get(si)
        if person is not None:
            slots.sources, slots.src_rule, slots.src_conf = [person], "en-pronoun", 0.5

    def _en_fronted_subject(self, trig: Trigger, si: int, after: list[ActorRef], slots: Slots) -> None:
        """"After talks with President Bashir in Khartoum, Mr Straw said", "Speaking at a news conference with
        the Iraqi President, Jalal Talabani, the prime minister said": a trigger in a phrase fronted before the
        subject (opened by a word of `events/fronted_openers.yaml`, no comma before the trigger) is the act of
        the main clause's subject: the first actor right after a comma that no comma follows (not an
        apposition), or the person "he"/"she" there stands for. Only for meetings, agreements and co-operation,
        which the subject takes part in, and for participles ("After meeting Mr Putin, Mr Blair said"); never for
        a subject of the state the phrase names as the other party."""
        if trig.type not in SYMMETRIC_TYPES and not self.doc.match_text[trig.start:trig.end].split()[0].endswith("ing"):
            return  # "After the attack on Israel, the US said": an act named by a noun may be anyone's
        span = self.doc.sentences[si]
        low = self.doc.match_text
        head = low[span.start:trig.token_start]
        first = head.split()[:1] or low[trig.token_start:trig.end].split()[:1]
        if not first or first[0] not in word_set("events/fronted_openers.yaml", "en") or "," in head or (
                PUNCT_BREAK.search(self.text, span.start, trig.token_start)):
            return
        # whom the phrase names as the other party ("with Mr Straw", "at Downing Street") is not its subject
        partners = {r.country for r in slots.targets}
        for comma in COMMA.finditer(low, trig.end, span.end):
            if PUNCT_BREAK.search(self.text, trig.end, comma.start()):
                return
            words = low[comma.end():comma.end() + 40].split()
            if words and words[0] in ("he", "she"):
                person = self._person_before.get(si)
                if person is not None and person.country and person.country not in partners:
                    slots.sources, slots.src_rule, slots.src_conf = [person], "fronted-subject", 0.55
                return
            r = next((r for r in after if self._ts(r) >= comma.end()), None)
            if r is None:
                return
            lead = [w.lower() for w in self._tokens(comma.end(), self._ts(r))]
            if en_strip_lead(lead) or lead[-1:] == ["the"] and len(lead) > 1:
                continue  # ", on Thursday, the prime minister": words of the phrase before the subject
            group = self._coordinated(r, after)
            if low[group[-1].end:group[-1].end + 2].strip()[:1] in (",", ""):
                continue  # ", Jalal Talabani, on Thursday": an apposition inside the phrase
            if not partners & {g.country for g in group}:
                slots.sources, slots.src_rule, slots.src_conf = group, "fronted-subject", 0.6
            return

    def _en_object_of(self, r: ActorRef, preps: set[str]) -> bool:
        """Whether one of `preps` stands right before r, or before its article."""
        words = self.doc.match_text[max(0, self._ts(r) - 24):self._ts(r)].split()[-2:]
        if len(words) == 2 and words[-1] in ("the", "a"):
            words = words[:1]
        return bool(words) and words[-1] in preps

    def _after_en_preposition(self, r: ActorRef) -> bool:
        """"with Mr Straw", "to the Chinese leader": the object of a preposition is no subject (but the one a
        spokesman or adviser speaks "for" is)."""
        words = self.doc.match_text[max(0, self._ts(r) - 36):self._ts(r)].split()[-3:]
        if len(words) > 1 and words[-1] in ("the", "a"):
            words = words[:-1]
        if len(words) > 1 and words[-1] in ("for", "to") and words[-2] in _acting_for():
            return False  # "an adviser to Prime Minister Nouri al-Maliki rejected": the side the adviser acts for
        return bool(words) and words[-1] in EN_OBJECT_PREPS

    def _agent_group(self, trig: Trigger, after: list[ActorRef]) -> frozenset[str] | None:
        """The members of the group an adjective of `events/unnamed_agents.yaml` names as the agent of a noun
        trigger: the first word after an Arabic masdar, or the second after another adjective ("دعما عسكريا
        غربيا", "العقوبات النفطية الأوروبية", not "لقاء الأطراف الأوروبية"); in English the word right before
        ("Western support"). Not when the adjective is coordinated ("الجانبان الأوروبي والأميركي", "US and
        Arab jets"): the group is then one agent of several."""
        groups = group_adjectives(self.lang)
        if self.lang == "en":
            if self._en_verbal(trig):
                return None
            words = self.doc.match_text[max(0, trig.token_start - 24):trig.token_start].split()
            if not words or (len(words) > 1 and (words[-2] in ("and", "or") or words[-2].endswith(","))):
                return None
            return groups.get(words[-1])
        if trig.is_verbal or trig.pos == "participle" or (
                trig.pos == "phrase" and not _DEFINITE.match(self.text, trig.token_start)
                              and not self.text[trig.start:trig.end].split()[-1].endswith(_NISBA_FORMS)):
            return None
        stop = min(after[0].token_start if after else len(self.text), trig.end + 60)
        toks = self._tokens(trig.end, stop)[:3]
        for i, tok in enumerate(toks[:2]):
            if PUNCT_BREAK.search(tok) or COMMA.search(tok):
                return None
            stem = tok[2:] if tok.startswith("ال") else tok
            cut = stem.rfind("ي")
            if cut <= 0 or stem[cut + 1:] not in _NISBA_ENDINGS:
                return None  # not an adjective: the words after it belong to another noun
            members = groups.get(stem[:cut + 1])
            if members is not None:
                nxt = toks[i + 1] if i + 1 < len(toks) else ""
                coordinated = (nxt.startswith("و") and nxt.endswith(_NISBA_FORMS)) or (
                    not nxt and bool(after) and after[0].conj)
                return None if coordinated else members
        return None

    def _own_genitive(self, trig: Trigger, si: int, slots: Slots) -> None:
        """"عبر المصدر عن تأييد بلاده": a masdar whose genitive is "his country" is the speaker's state's act."""
        if not OWN_COUNTRY["ar"].match(self.text, trig.end):
            return
        who = self.speakers.get(si) or self.previous_speaker.get(si)
        if who is not None and who.country:
            slots.sources, slots.src_rule, slots.src_conf = [who], "own-genitive", 0.6

    def _possessive_agent(self, trig: Trigger, before: list[ActorRef], slots: Slots) -> None:
        """"زودت إيران روسيا بمعدات استخدمتها في حربها": a masdar with a possessive pronoun (ها، هم، هما) is the
        act of the state the pronoun stands for, the nearest one named before it in the sentence, whatever its
        preposition ("لروسيا")."""
        if not self.doc.match_text[trig.start:trig.end].endswith(_POSSESSIVES):
            return
        for r in reversed(before):
            if r.country and not r.modifier and r.kind in ("state", "government", "military", "leader"):
                slots.sources, slots.src_rule, slots.src_conf = [r], "possessive", 0.55
                return

    def _fallback_source(self, trig: Trigger, si: int, s_start: int, slots: Slots) -> None:
        speaker = self.speakers.get(si)
        if self.lang == "en":
            # '"We deplore Russia's continued defence of the Assad regime," Mr Johnson said': who speaks right
            # after the quotation is who acts in it; '," he said': the person last named
            quoted_by = self._en_quoted_by(trig, si, speaker)
            if quoted_by is not None and quoted_by.country:
                slots.sources, slots.src_rule, slots.src_conf = [quoted_by], "quote-speaker", 0.5
                return
        if speaker is not None and speaker.end <= trig.token_start and speaker.country:
            slots.sources, slots.src_rule, slots.src_conf = [speaker], "speaker", 0.45
            return
        own = OWN_COUNTRY[self.lang].search(self.text, s_start, trig.start)
        previous = self.previous_speaker.get(si)
        if previous is not None and previous.country and (own is not None or speaker is None):
            slots.sources, slots.src_rule, slots.src_conf = [previous], "previous-speaker", 0.35

    def _en_quoted_by(self, trig: Trigger, si: int, speaker: ActorRef | None) -> ActorRef | None:
        """Who speaks the quotation the trigger stands in: the sentence's speaker right after it closes ('," Mr
        Johnson said'), or, when the sentence names no speaker, the person last named before '," he said'."""
        m = _EN_QUOTE_CLOSE.search(self.text, trig.end, self.doc.sentences[si].end)
        if m is None:
            return None
        if speaker is not None:
            return speaker if 0 <= speaker.token_start - m.end() <= 40 else None
        return self._person_before.get(si) if _EN_PRONOUN_SAID.match(self.doc.match_text, m.end()) else None

    def _fallback_target(self, trig: Trigger, refs: list[ActorRef], slots: Slots) -> None:
        """The one other state near the trigger in its clause, when roles gave none (low confidence)."""
        src = {s.country for s in slots.sources}
        window = [r for r in refs if r.country and r.country not in src and abs(r.start - trig.start) < 80
                  and not self.names_a_place(r, trig)
                  and not PUNCT_BREAK.search(self.text[min(r.end, trig.end):max(self._ts(r), trig.token_start)])]
        if slots.src_rule == "en-modifier-agent":
            # "to help it defend itself against a possible Russian invasion": the state a clause before the act's
            # own agent names is that clause's, not the act's target
            window = [r for r in window if r.start > trig.start]
        if window and len({r.country for r in window}) == 1 and slots.sources and not self._topic_or_place(
                window[0], trig):
            slots.targets = [window[0]]
            slots.tgt_rule, slots.tgt_conf = "only-other", 0.35

    def names_a_place(self, r: ActorRef, trig: Trigger) -> bool:
        """"على الأراضي السورية", "الساحة السورية", "on British soil": a state's adjective on a word for its
        land says where something happens; only force and deployments there are toward the state."""
        if not r.modifier or trig.type in _FORCE_ON_PLACE:
            return False
        places = word_set("events/place_nouns.yaml", self.lang)
        if self.lang == "ar":
            words = self.doc.match_text[max(0, r.token_start - 20):r.token_start].split()
            return bool(words) and (words[-1] in places or AR_ARTICLE_CLITICS.sub("ال", words[-1], count=1) in places)
        words = self.doc.match_text[r.end:r.end + 16].split()
        return bool(words) and words[0].rstrip(",.;:") in places

    def _topic_or_place(self, r: ActorRef, trig: Trigger) -> bool:
        """"talked about Afghanistan", "بشأن سوريا", "met in Egypt": what an event is about, or in English
        where it happens, is no party to it (force excepted: force in a place is force on its state). Arabic
        "في" stays out: "مباحثات في القاهرة" so often names a party that dropping it cost more than it saved."""
        if trig.type == "ASSAULT":
            return False
        words = self.doc.match_text[max(0, self._ts(r) - 16):self._ts(r)].split()
        word = words[-1] if words else ""
        if self.lang == "en" and word == "the" and len(words) > 1:
            words = words[:-1]
            word = words[-1]
        if self.lang == "en" and word in ("of", "to") and len(words) > 1 and words[-2] in _EN_TOPIC_HEADS:
            return True  # "in respect of Iraq", "with regard to Syria"
        return word in _TOPIC_OR_PLACE[self.lang]

    def _coordinated(self, first: ActorRef, pool: list[ActorRef]) -> list[ActorRef]:
        """first and the actors coordinated with it: "X وY وZ", "X, Y and Z", "X، Y، وZ"."""
        group = [first]
        if first not in pool:
            return group
        for r in pool[pool.index(first) + 1:]:
            if r.via == "pair" and first.via == "pair" and (r.start, r.end) == (first.start, first.end):
                group.append(r)  # "الجانبان": both states at one word
                continue
            gap = self.text[group[-1].end:self._ts(r)].strip()
            if self.lang == "ar":
                ok = ((r.conj and gap in ("", "،", ",")) or (gap in ("،", ",") and r.bare and not r.conj)
                      or (r.bare and _ALLY_APPOSITION.match(gap) is not None))  # "سوريا وحليفتها روسيا"
            else:
                ok = _EN_ARTICLE.sub("", gap.lower()).strip() in (",", "and", ", and", "&", "or", ", or")
            if not ok or r.modifier != first.modifier:
                break
            group.append(r)
        return group

    def _coordinated_back(self, last: ActorRef, before: list[ActorRef]) -> list[ActorRef]:
        group = [last]
        for r in reversed(before[:before.index(last)]):
            if r.via == "pair" and last.via == "pair" and (r.start, r.end) == (last.start, last.end):
                group.insert(0, r)
                continue
            gap = self.text[r.end:self._ts(group[0])].strip()
            if self.lang == "ar":
                ok = group[0].conj and gap in ("", "،", ",")
            else:
                # "Saudi Arabia, the United Arab Emirates, Bahrain and Egypt": an article is no break, unless the
                # one before it is the object of a preposition ("relations with Iran, and the UAE has downgraded")
                ok = gap.lower() in (",", "and", ", and") or (
                    _EN_ARTICLE.sub("", gap.lower()).strip() in (",", "and", ", and")
                    and not self._after_en_preposition(r))
            if not ok:
                break
            group.insert(0, r)
        return group

    @staticmethod
    def _speaker_phrase(words: list[str], r: ActorRef) -> bool:
        """"مصدر ب[وزارة الخارجية]", "المتحدث باسم [الخارجية]", "بيان ل[لكرملين]": who speaks for r."""
        if not words or len(words) > 2:
            return False
        head = words[0][2:] if words[0].startswith("ال") else words[0]
        if head not in _SPEAKER_NOUNS:
            return False
        if len(words) == 2:
            return words[1] in ("باسم", "في") and r.bare
        return r.prep in ("ب", "ل")

    def _speaker(self, s_start: int, s_end: int, refs: list[ActorRef]) -> ActorRef | None:
        """Who speaks in this sentence: the subject of قال/أكد/said, or "X: ..." in a headline."""
        if not any(r.country for r in refs):
            return None  # the speaker is always one of the sentence's states: no need to look for a speech verb
        for r in refs[:2]:
            if r.country and r.token_start - s_start <= 30 and self.text[r.end:r.end + 2].strip()[:1] == ":":
                return r
        if self.lang == "ar":
            m = _AR_SPEECH_AT_START.match(self.text, 0, s_end) if s_start == 0 else None
            if m is None:
                m = _AR_SPEECH.search(self.text, s_start, s_end)
            if not m:
                return None
            for r in refs:
                if r.token_start >= m.end() and r.country:
                    words = self._tokens(m.end(), r.token_start)
                    if r.bare:
                        if len(words) <= 3:
                            return r
                        break
                    if self._speaker_phrase(words, r):  # "قال مصدر بوزارة الخارجية السعودية"
                        return r
            # the speaker before the verb: "المتحدث باسم الخارجية المصرية عبر عن قلق بلاده"
            for r in reversed(refs):
                if r.end <= m.start() and r.country and self.doc.count_tokens(r.end, m.start()) <= 1:
                    words_before = self.doc.match_text[max(s_start, r.token_start - 24):r.token_start].split()
                    if self._speaker_phrase(words_before[-2:], r) and not PUNCT_BREAK.search(
                            self.text, r.end, m.start()):
                        return r
                    break
            return None
        low = self.doc.match_text
        for m in _EN_SPEECH.finditer(low, s_start, s_end):
            other = _EN_OTHER_SUBJECT.search(self.text, s_start, m.start())
            if other is not None:
                # the verb's own subject: "..., President Xi Jinping said", not a state named before it
                subject = next((r for r in refs if r.country and other.start() <= r.start < m.start()), None)
                if subject is not None:
                    return subject
                continue  # "the British newspaper the Independent, Mr Abbas said": someone the lexicon does not know
            for r in refs:
                if r.country and (0 <= m.start() - r.end <= 40 or 0 <= self._ts(r) - m.end() <= 6):
                    return r
        return None


_COMPLEMENTIZERS = {"ان", "بان", "لان"}  # أن, بأن, لأن as folded
# words after which a trigger verb form is read as a masdar: prepositions and their like
_MASDAR_GOVERNORS = (AR_TARGET_PREPS | AR_PARTNER_PREPS | AR_FROM_PREPS | AR_FORCE_PLACE
                     | {"بسبب", "بعد", "قبل", "منذ", "اثر", "عقب", "خلال", "رغم", "حول", "بشان", "عبر", "دون"})


@cache
def _masculine_state_names() -> frozenset[str]:
    """`events/masculine_states.yaml`, folded and without ال, as an actor's words stand after its clitics."""
    return frozenset(n[2:] if n.startswith("ال") else n for n in word_set("events/masculine_states.yaml", "ar"))


@cache
def _relative_agent_verb() -> re.Pattern[str]:
    """`events/relative_agent_verbs.yaml` as one pattern: a past or present form of a listed verb with a
    pronoun object ("شنتها", "نفذوه", "تفرضها", "سيطلقها")."""
    data = load_yaml("events/relative_agent_verbs.yaml") or {}
    past = word_alternation(sorted({fold(str(w)) for w in as_list(data.get("past"))}))
    present = word_alternation(sorted({fold(str(w)) for w in as_list(data.get("imperfect"))}))
    return re.compile(rf"^[وف]?(?:(?:{past})(?:ت|تا|و|ا)?|س?[يتن](?:{present})(?:و|ا)?)(?:ه|ها|هم|هما)$")


def _derived_masdar(word: str) -> bool:
    """Whether a folded Arabic word has the shape of a derived verb's masdar, never of a past verb: "اطلاق",
    "استخدام", "اعتراف" (إفعال، افتعال، استفعال), "تقديم", "تسليم" (تفعيل)."""
    return len(word) > 4 and word[-2] == ("ا" if word[0] == "ا" else "ي" if word[0] == "ت" else "")


def _indefinite_relative(toks: list[str]) -> bool:
    """Whether the words between an indefinite noun and an actor are a relative clause without التي whose
    verb has that actor as its subject: a listed verb with a pronoun for the noun, after at most two of the
    noun's adjectives ("ضربات جوية شنتها", "اتهامات وجهها")."""
    if not toks or len(toks) > 3 or not _relative_agent_verb().match(toks[-1]):
        return False
    return all(len(t) > 3 and not t.startswith(("ال", "وال")) and t.endswith(_NISBA_FORMS + ("ه",))
               for t in toks[:-1])


@cache
def _repeated_preposition(prep: str) -> re.Pattern[str]:
    """The words between two objects that repeat `prep`: "and to", ", and to", ", Li Zhaoxing, and to"."""
    return re.compile(r"^(?:,\s*(?:[^,.;:!?]{1,40},\s*)?)?(?:and|or)\s+" + re.escape(prep) + "$")


def _en_clause_links() -> frozenset[str]:
    """English words that, after a comma, start a clause or phrase of their own rather than close an aside
    (`events/clause_openers.yaml`)."""
    return word_set("events/clause_openers.yaml", "en")


def _inside_clause(near: list[str], from_trigger: bool) -> bool:
    """Whether an actor after these words (`from_trigger`: counted from the trigger, else from an earlier actor)
    stands in a clause of its own, not in a phrase of the trigger's: after "أن" ("اتفقا على أن القرار الأميركي"),
    or in a relative clause on another noun or actor ("قتل غلوشكوف الروسي الذي كان يقيم في بريطانيا"). A
    relative clause on the trigger itself, after its adjectives, is the trigger's ("الغارات الأخيرة التي شنتها
    على سوريا")."""
    if any(t in _COMPLEMENTIZERS for t in near):
        return True
    rel = next((i for i, t in enumerate(near) if t in AR_RELATIVE), None)
    if rel is None:
        return False
    # after another actor the clause is on that actor ("الروسي الذي كان يقيم في بريطانيا")
    return not from_trigger or not all(t.startswith(("ال", "وال")) for t in near[:rel])



@cache
def group_adjectives(lang: str) -> dict[str, frozenset[str]]:
    """`events/unnamed_agents.yaml`: each adjective (folded Arabic nisba, lower-case English) → the ISO3 codes
    of the group it names."""
    out: dict[str, frozenset[str]] = {}
    for group in load_yaml("events/unnamed_agents.yaml") or []:
        members = frozenset(as_list(group.get("members")))
        for form in as_list(group.get(lang)):
            out[fold(form) if lang == "ar" else form.lower()] = members
    return out


@cache
def _object_heads() -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """`events/object_heads.yaml`: the head nouns (as word tuples) of a phrase that leads to its state(s) by
    "of"/"from", and the determiners that may open it."""
    data = load_yaml("events/object_heads.yaml") or {}
    heads = frozenset(tuple(str(h).lower().split()) for h in as_list(data.get("heads")))
    return heads, frozenset(str(d).lower() for d in as_list(data.get("determiners")))


@cache
def _acting_for() -> frozenset[str]:
    """`events/object_heads.yaml` `acting_for`: nouns for those who speak or act for the one named after
    "for"/"to" ("a spokesman for Mr Blair", "an adviser to Prime Minister Nouri al-Maliki")."""
    return frozenset(str(w).lower() for w in as_list((load_yaml("events/object_heads.yaml") or {}).get("acting_for")))


def en_strip_lead(words: list[str]) -> list[str]:
    """The lower-cased words before an English actor without the lead-in of the actor's noun phrase: a head
    noun for those who act for a state with its "of"/"from" ("the leaders of China", "representatives of
    Iran"), and a determiner with at most two modifiers after it ("both China", "his new French counterpart",
    "the two other leaders of")."""
    heads, dets = _object_heads()
    if len(words) >= 2 and words[-1] in ("of", "from"):
        n = next((n for n in (3, 2, 1) if len(words) > n and tuple(words[-1 - n:-1]) in heads), 0)
        if n:
            words = words[:-1 - n]
    for k in range(3):
        if len(words) > k and words[-1 - k] in dets and not any(
                w in EN_OBJECT_PREPS or w in _en_clause_links() or not w.isalpha() for w in words[len(words) - k:]):
            return words[:-1 - k]
    return words
