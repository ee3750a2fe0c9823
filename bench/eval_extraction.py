"""Score casus extraction against gold sets with the project scorer (../shared/eval/score.py).

usage: python bench/eval_extraction.py [dev|dev_en|silver|synthetic_en ...] [--verbose] [--save DIR]

`dev` and `dev_en` are the shared gold sets (held out); `silver` is
annotations/silver/ (our annotations of ANT articles, texts read from
../shared/corpus) and `synthetic_en` annotations/synthetic_en/ (texts shipped
with it): both are training data, so their figures here are in-sample (the
training's cross-validation gives the honest ones). Prints the scorer's
figures per set; --save keeps the predictions as JSONL.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

from casus.extract.pipeline import analyze
from casus.ingest.readers import read_jsonl
from casus.model import Article

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"scorer not found under {SHARED / 'eval'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def articles_for(name: str) -> tuple[Path, list[Article]]:
    if name in ("dev", "dev_en"):
        gold = SHARED / "eval" / name
        arts = [a for a in read_jsonl(gold / "articles.jsonl") if isinstance(a, Article)]
        return gold, arts
    gold = ROOT / "annotations" / name
    wanted = {p.stem for p in gold.glob("*.json")}
    if (gold / "articles.jsonl").exists():  # annotations that ship their own texts (synthetic_en)
        return gold, [a for a in read_jsonl(gold / "articles.jsonl") if isinstance(a, Article) and a.id in wanted]
    corpus = SHARED / "corpus" / "ant_ar_world_mideast_2018.jsonl"
    arts = [a for a in read_jsonl(corpus) if isinstance(a, Article) and a.id in wanted]
    return gold, arts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="*", default=["dev", "dev_en"])
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--save", type=Path)
    args = ap.parse_args()
    scorer = _scorer()
    for name in args.sets:
        gold, arts = articles_for(name)
        out = (args.save / f"{name}.jsonl") if args.save else Path(tempfile.mkstemp(suffix=".jsonl")[1])
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as fh:
            for art in arts:
                fh.write(json.dumps(analyze(art).to_dict(), ensure_ascii=False) + "\n")
        res = scorer.score(str(gold), str(out), verbose=args.verbose)
        if args.verbose:
            for row in res["per_article"]:
                if row["missed"] or row["spurious"] or row["actors_missed"] or row["actors_spurious"]:
                    print(f"  {row['id']}: missed {row['missed']} spurious {row['spurious']} "
                          f"actors -{row['actors_missed']} +{row['actors_spurious']}")
        ev, ac = res["events"], res["actors"]
        print(f"{name:8s} articles {res['articles']:3d}  event P {ev['precision']:.3f} R {ev['recall']:.3f} "
              f"F1 {ev['f1']:.3f}  actor F1 {ac['f1']:.3f} (P {ac['precision']:.3f} R {ac['recall']:.3f})  "
              f"dyad F1 {res['dyads']['f1']:.3f}  modality {res['modality_accuracy']}")


if __name__ == "__main__":
    main()
