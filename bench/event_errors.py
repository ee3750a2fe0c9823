"""Show event-coding errors against a gold set, for developers tuning rules.

usage: python bench/event_errors.py dev|dev_en|silver [--only missed|spurious] [--type T] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from eval_extraction import articles_for  # noqa: E402

from casus.extract.actors import find_actors  # noqa: E402
from casus.extract.document import Document  # noqa: E402
from casus.extract.events import code_events  # noqa: E402
from casus.extract.pipeline import analyze  # noqa: E402
from casus.extract.triggers import find_triggers  # noqa: E402

SYM = {"AGREE", "CONSULT", "COOPERATE"}


def key(s, t, typ):
    return (min(s, t), max(s, t), typ) if typ in SYM else (s, t, typ)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("set")
    ap.add_argument("--only")
    ap.add_argument("--type")
    ap.add_argument("--limit", type=int, default=1000)
    args = ap.parse_args()
    gold_dir, arts = articles_for(args.set)
    shown = 0
    for art in arts:
        gold = json.loads((gold_dir / f"{art.id}.json").read_text())
        g = {}
        for e in gold["events"]:
            if (e.get("modality") or "asserted") == "asserted":
                g.setdefault(key(e["source"], e["target"], e["type"]), e["text"])
        res = analyze(art)
        doc = Document.from_article(art)
        coded = code_events(doc, find_actors(doc), find_triggers(doc))
        rules = {}
        for c, ev in zip(coded, res.events):
            rules.setdefault((ev.source.country, ev.target.country, ev.type), (c.rule, ev.modality))
        p = {}
        for ev in res.events:
            if ev.modality == "asserted":
                p.setdefault(key(ev.source.country, ev.target.country, ev.type),
                             (ev.evidence.text, rules.get((ev.source.country, ev.target.country, ev.type))))
        allp = {key(ev.source.country, ev.target.country, ev.type): ev.modality for ev in res.events}
        lines = []
        if args.only in (None, "missed"):
            for k, text in g.items():
                if k not in p and (not args.type or k[2] == args.type):
                    lines.append(f"  MISSED {k} [{allp.get(k, '-')}] | {text[:150]}")
        if args.only in (None, "spurious"):
            for k, (text, rule) in p.items():
                if k not in g and (not args.type or k[2] == args.type):
                    lines.append(f"  SPURIOUS {k} {rule} | {text[:150]}")
        if lines:
            print(art.id)
            print("\n".join(lines))
            shown += len(lines)
        if shown >= args.limit:
            break


if __name__ == "__main__":
    main()
