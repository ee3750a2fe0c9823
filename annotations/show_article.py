"""Print corpus articles by id (title on the first line), for annotators.

usage: python annotations/show_article.py ID [ID ...]
"""
import json
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/ant_ar_world_mideast_2018.jsonl"

wanted = set(sys.argv[1:])
with CORPUS.open(encoding="utf-8") as fh:
    for line in fh:
        art = json.loads(line)
        if art["id"] in wanted:
            print(f"=== {art['id']}  pub_date={art['date']}  source={art['source']}")
            print(art["title"])
            print(art["text"])
            print()
