"""Write the corpus articles behind annotations/silver/ to bench/out/silver_articles.jsonl.

The corpus stays outside the repository (its terms); this file is rebuilt from
../shared/corpus whenever the annotations change, and is what training and
evaluation read.
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ant_ar_world_mideast_2018.jsonl"

ids = {p.stem for p in (ROOT / "annotations" / "silver").glob("*.json")}
out_path = ROOT / "bench" / "out" / "silver_articles.jsonl"
out_path.parent.mkdir(parents=True, exist_ok=True)
n = 0
with CORPUS.open(encoding="utf-8") as src, out_path.open("w", encoding="utf-8") as out:
    for line in src:
        if json.loads(line)["id"] in ids:
            out.write(line)
            n += 1
print(f"{n} of {len(ids)} annotated articles written to {out_path}")
