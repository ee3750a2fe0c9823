"""How good the role rules are on their own, before any scoring: a model-free check for rule changes.

usage: python bench/rule_pairs.py dev|dev_en|silver|synthetic_en [--by-rule]

Counts the candidate pairs whose source and target the role rules filled (ra=S, rb=T) and how many of them are
gold events of the set (any modality; symmetric types unordered), and how many gold events such a pair reaches.
Retraining the scorer moves the held-out figures by ±0.005 from one run to the next, so a rule change is best
judged here first, on the 760 silver articles (a change that helps dev but costs silver is probably dev's own
pattern). `--by-rule` breaks the pairs down by source and target rule.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from eval_extraction import articles_for  # noqa: E402

from casus.extract.actors import find_actors  # noqa: E402
from casus.extract.document import Document  # noqa: E402
from casus.extract.events import EventCoder  # noqa: E402
from casus.extract.training import triple  # noqa: E402
from casus.extract.triggers import find_triggers  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", choices=["dev", "dev_en", "silver", "synthetic_en"])
    ap.add_argument("--by-rule", action="store_true")
    args = ap.parse_args()
    gold_dir, arts = articles_for(args.set)
    found = spurious = n_gold = 0
    by_rule: Counter = Counter()
    for art in arts:
        gold = json.loads((gold_dir / f"{art.id}.json").read_text(encoding="utf-8"))
        events = {triple(e["source"], e["target"], e["type"]) for e in gold.get("events", [])
                  if e["source"] != e["target"]}
        doc = Document.from_article(art)
        ruled: dict[tuple[str, str, str], str] = {}
        for c in EventCoder(doc, find_actors(doc)).candidates(find_triggers(doc)):
            if "ra=S|rb=T" in c.pair_features:
                ruled.setdefault(triple(c.source.country or "", c.target.country or "", c.trigger.type), c.rule)
        found += len(ruled.keys() & events)
        spurious += len(ruled.keys() - events)
        n_gold += len(events)
        for key, rule in ruled.items():
            for part in (f"source {rule.partition('+')[0]}", f"target {rule.partition('+')[2]}"):
                by_rule[part, key in events] += 1
    print(f"{args.set}: rule pairs {found + spurious}: {found} gold, {spurious} not "
          f"(precision {found / max(1, found + spurious):.3f}); they reach {found} of {n_gold} gold events "
          f"({found / max(1, n_gold):.3f})")
    if args.by_rule:
        names = sorted({name for name, _ in by_rule}, key=lambda n: -(by_rule[n, True] + by_rule[n, False]))
        for name in names:
            tp, fp = by_rule[name, True], by_rule[name, False]
            print(f"  {name:32s} {tp + fp:5d} pairs  precision {tp / (tp + fp):.2f}")


if __name__ == "__main__":
    main()
