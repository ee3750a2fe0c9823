"""Apply adjudicated decisions to the silver annotations (an audit trail of every change).

usage: python annotations/apply_adjudication.py DECISIONS.jsonl [--articles bench/out/silver_articles.jsonl]

Each line is one disputed (article, source, target, type) item with a decision: `keep`/`reject` change nothing,
`remove` deletes the asserted event of that triple, `add` records `new` as an asserted event, `change` does both.
An added event's `text` must occur in the article; codes must be states casus knows and types PLOVER's, or the
line is refused (printed) and nothing of it applied. Every applied change is noted in the file's `notes`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from casus.extract.training import triple
from casus.lexicon.actors import actor_lexicon
from casus.model import PLOVER_TYPES
from casus.text.normalize import fold

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("decisions", type=Path)
    ap.add_argument("--articles", type=Path, default=HERE.parent / "bench" / "out" / "silver_articles.jsonl")
    args = ap.parse_args()
    texts = {}
    for line in args.articles.open(encoding="utf-8"):
        art = json.loads(line)
        texts[art["id"]] = art["text"]
    states = set(actor_lexicon().states)
    counts: dict[str, int] = {}
    refused = 0
    for n, line in enumerate(args.decisions.open(encoding="utf-8"), 1):
        d = json.loads(line)
        decision = d.get("decision")
        path = HERE / "silver" / f"{d['id']}.json"
        if decision in ("keep", "reject"):
            counts[decision] = counts.get(decision, 0) + 1
            continue
        new = d.get("new") or {}
        if decision in ("add", "change"):
            problem = None
            if new.get("source") not in states or new.get("target") not in states or new["source"] == new["target"]:
                problem = f"not two distinct states: {new.get('source')} → {new.get('target')}"
            elif new.get("type") not in PLOVER_TYPES:
                problem = f"not a PLOVER type: {new.get('type')}"
            elif not new.get("text") or fold(new["text"]) not in fold(texts.get(d["id"], "")):
                problem = "text not found in the article"
            if problem:
                refused += 1
                print(f"line {n} ({d['id']}): refused, {problem}")
                continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        notes = gold.setdefault("notes", [])
        if decision in ("remove", "change"):
            gone = triple(d["source"], d["target"], d["type"])
            gold["events"] = [e for e in gold["events"] if (e.get("modality") or "asserted") != "asserted"
                              or triple(e["source"], e["target"], e["type"]) != gone]
        if decision in ("add", "change"):
            added = triple(new["source"], new["target"], new["type"])
            if not any((e.get("modality") or "asserted") == "asserted"
                       and triple(e["source"], e["target"], e["type"]) == added for e in gold["events"]):
                gold["events"].append({"source": new["source"], "target": new["target"], "type": new["type"],
                                       "modality": "asserted", "date": None, "text": new["text"]})
            gold["actors"] = sorted(set(gold["actors"]) | {new["source"], new["target"]})
        what = f"{d['source']}→{d['target']} {d['type']}"
        if decision != "remove":
            what += f" ⇒ {new['source']}→{new['target']} {new['type']}" if decision == "change" else ""
        notes.append(f"Adjudicated (model–annotator disagreement): {decision} {what}: {d.get('why', '')}".strip())
        path.write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        counts[decision] = counts.get(decision, 0) + 1
    print(f"applied {counts}; refused {refused}")


if __name__ == "__main__":
    main()
