"""Where the gold events of a set are lost, stage by stage, for developers choosing what to improve next.

usage: python bench/role_coverage.py dev|dev_en|silver|synthetic_en

For each asserted gold event (source, target, type) it asks, in the sentence its evidence span lies in:
is there a trigger of its type, are both states named there, is there a candidate for the triple, did the
role rules give that candidate its source and target (ra=S, rb=T), and does the shipped scorer accept it.
The scorer accepts rule-backed candidates far more often than the others, so the counts say whether
triggers, actors, role rules or the scorer are the place to work. Silver and synthetic_en are training
data: their "accepted" figures are in-sample.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from eval_extraction import articles_for  # noqa: E402

from casus.extract.actors import find_actors  # noqa: E402
from casus.extract.document import Document  # noqa: E402
from casus.extract.event_model import load_event_model  # noqa: E402
from casus.extract.events import EventCoder  # noqa: E402
from casus.extract.training import GoldArticle, _gold_sentences, triple  # noqa: E402
from casus.extract.triggers import find_triggers  # noqa: E402


def stage_counts(gold: GoldArticle) -> Counter:
    """One count per asserted gold triple: the first stage that loses it, or how it is found."""
    doc = Document.from_article(gold.article)
    refs = find_actors(doc)
    triggers = find_triggers(doc)
    cands = EventCoder(doc, refs).candidates(triggers)
    model = load_event_model()
    out: Counter = Counter()
    events = {}
    for e in gold.gold.get("events", []):
        if (e.get("modality") or "asserted") == "asserted" and e["source"] != e["target"]:
            events.setdefault(triple(e["source"], e["target"], e["type"]), e)
    for key, e in events.items():
        sentences = _gold_sentences(doc, e.get("text", ""))
        if not sentences:
            out["evidence not found in the text"] += 1
            continue
        here = [c for c in cands if c.sentence in sentences
                and triple(c.source.country or "", c.target.country or "", c.trigger.type) == key]
        if not here:
            types = {t.type for t in triggers if doc.sentence_of(t.start) in sentences}
            states = {r.country for r in refs if doc.sentence_of(r.start) in sentences}
            if key[2] not in types:
                out["no trigger of its type in its sentence"] += 1
            elif not {e["source"], e["target"]} <= states:
                out["a party not named in its sentence"] += 1
            else:
                out["trigger and states, but no candidate"] += 1
            continue
        backed = [c for c in here if "ra=S|rb=T" in c.pair_features or "coordinated" in c.rule]
        pool = backed or here
        lang = doc.lang
        accepted = model is not None and any(
            model.decide(c.features, lang)[0] != "none" for c in pool)
        out[f"candidate {'with' if backed else 'without'} rule roles, "
            f"{'accepted' if accepted else 'rejected'} by the scorer"] += 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", choices=["dev", "dev_en", "silver", "synthetic_en"])
    args = ap.parse_args()
    gold_dir, arts = articles_for(args.set)
    import json

    total: Counter = Counter()
    for art in arts:
        gold = json.loads((gold_dir / f"{art.id}.json").read_text(encoding="utf-8"))
        total += stage_counts(GoldArticle(art, gold))
    n = sum(total.values())
    print(f"{args.set}: {n} asserted gold events")
    for stage, count in total.most_common():
        print(f"  {count:5d}  {count / n:6.1%}  {stage}")


if __name__ == "__main__":
    main()
