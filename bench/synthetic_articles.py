"""Rebuild annotations/synthetic_en/articles.jsonl from its .txt files (first line the headline).

Training reads the articles as JSONL; the .txt files are what the annotators wrote and edit, so this keeps
the two in step (the publication date comes from each article's gold file, null when it has none).
"""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIR = ROOT / "annotations" / "synthetic_en"

n = 0
with (DIR / "articles.jsonl").open("w", encoding="utf-8") as out:
    for txt in sorted(DIR.glob("*.txt")):
        gold = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        text = txt.read_text(encoding="utf-8").strip()
        record = {"id": txt.stem, "title": text.split("\n", 1)[0].strip(), "lang": "en", "text": text}
        if gold.get("pub_date"):
            record["date"] = gold["pub_date"]
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
print(f"{n} articles written to {DIR / 'articles.jsonl'}")
