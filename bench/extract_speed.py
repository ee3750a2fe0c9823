"""Extraction speed on one core: casus's full pipeline vs spaCy's bare Arabic tokenizer on the same articles.

usage: python bench/extract_speed.py [--corpus PATH] [--runs 3] [--limit N] [--cpu K]

Reads ../shared/corpus/ant_ar_world_mideast_2018.jsonl (17k real Arabic news articles) unless --corpus says
otherwise; when the corpus is absent it says so and exits 0. The corpus is streamed (one line at a time, through
casus's own JSONL reader for both contenders, so reading and JSON parsing cost the same); it is never loaded whole.

Each measurement runs in a fresh process pinned to one CPU, so peak RSS is that of one contender alone and
lexicon/model loading is timed separately from the loop. Prints the median of --runs runs of articles/s and
MB/s (UTF-8 article text) and the peak RSS, plus RSS after the first 1,000 articles and at the end (flat =
streaming works). The issue's target: casus at least as fast as the bare tokenizer.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ant_ar_world_mideast_2018.jsonl"
ONE_CORE_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def articles(path: Path, limit: int | None) -> Iterator:
    """The corpus's articles, streamed; unreadable lines are skipped (counted by neither contender)."""
    from casus.ingest.readers import read_jsonl
    from casus.model import Article

    return (a for a in islice(read_jsonl(path), limit) if isinstance(a, Article))


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB on Linux


def measure(kind: str, path: Path, limit: int | None) -> dict[str, float]:
    """One timed pass over the corpus in this process (the child side)."""
    t0 = time.perf_counter()
    if kind == "casus":
        from casus.extract.pipeline import analyze
        from casus.model import Article

        analyze(Article(id="warm-up", text="روسيا وإيران توقعان معاهدة شراكة"))  # loads every lexicon
        analyze(Article(id="warm-up", text="Russia and Iran sign a partnership treaty"))
        work = analyze
    else:
        import spacy

        tokenizer = spacy.blank("ar").tokenizer

        def work(article):  # noqa: ANN001, ANN202 - same call shape as analyze
            return tokenizer(article.text)
    load = time.perf_counter() - t0

    n = 0
    size = 0
    rss_1k = 0.0
    start = time.perf_counter()
    for article in articles(path, limit):
        work(article)
        n += 1
        size += len(article.text.encode("utf-8"))
        if n == 1000:
            rss_1k = rss_mb()
    seconds = time.perf_counter() - start
    return {"articles": n, "mb": size / 1e6, "seconds": seconds, "load_seconds": load,
            "rss_1k_mb": rss_1k or rss_mb(), "rss_end_mb": rss_mb(), "peak_rss_mb": peak_rss_mb()}


def run_child(kind: str, path: Path, limit: int | None, cpu: int | None) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--_child", kind, "--corpus", str(path)]
    if limit:
        cmd += ["--limit", str(limit)]
    if cpu is not None:
        cmd += ["--cpu", str(cpu)]
    out = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, **ONE_CORE_ENV}, check=False)
    if out.returncode != 0:
        sys.exit(f"{kind} run failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def summarise(label: str, runs: list[dict[str, float]]) -> dict[str, float]:
    rate = statistics.median(r["articles"] / r["seconds"] for r in runs)
    mbs = statistics.median(r["mb"] / r["seconds"] for r in runs)
    peak = max(r["peak_rss_mb"] for r in runs)
    r0 = runs[0]
    each = ", ".join(f"{r['articles'] / r['seconds']:,.0f}" for r in runs)
    load = statistics.median(r["load_seconds"] for r in runs)
    print(f"{label:<30} {rate:>10,.0f} {mbs:>8.2f} {peak:>9.0f} MB   "
          f"{r0['rss_1k_mb']:>5.0f} → {r0['rss_end_mb']:<5.0f}MB   {load:>6.2f} s   [{each}]")
    return {"articles_per_s": rate, "mb_per_s": mbs, "peak_rss_mb": peak}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--runs", type=int, default=3, help="runs per contender; the median is reported (default 3)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (quick runs)")
    ap.add_argument("--cpu", type=int, default=None, help="pin each run to this CPU (default: the first allowed)")
    ap.add_argument("--skip-spacy", action="store_true", help="measure casus only")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--_child", choices=["casus", "spacy"], help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args._child:
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {args.cpu if args.cpu is not None else min(os.sched_getaffinity(0))})
        print(json.dumps(measure(args._child, args.corpus, args.limit)))
        return 0

    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (the shared ANT corpus is not on this machine); nothing measured")
        return 0
    contenders = ["casus"]
    try:
        import spacy  # noqa: F401
        contenders.append("spacy")
    except ImportError:
        print("spaCy is not installed (pip install spacy): the tokenizer reference is skipped")
    if args.skip_spacy and "spacy" in contenders:
        contenders.remove("spacy")

    size_mb = args.corpus.stat().st_size / 1e6
    print(f"corpus: {args.corpus} ({size_mb:.1f} MB on disk){f', first {args.limit} articles' if args.limit else ''}; "
          f"{args.runs} run(s) each, one process pinned to one CPU per run")
    results: dict[str, list[dict[str, float]]] = {k: [] for k in contenders}
    for _ in range(args.runs):
        for kind in contenders:  # interleaved, so drifting machine load hits both alike
            results[kind].append(run_child(kind, args.corpus, args.limit, args.cpu))
    n = results["casus"][0]["articles"]
    print(f"{n:,} articles, {results['casus'][0]['mb']:.1f} MB of article text\n")
    print(f"{'':<30} {'articles/s':>10} {'MB/s':>8} {'peak RSS':>12}   {'RSS 1k → end':>14}   {'load':>8}   runs")
    from casus import compiled

    label = "casus (compiled)" if compiled() else "casus (pure Python)"
    figures = {"casus": summarise(label, results["casus"])}
    if "spacy" in results:
        figures["spacy"] = summarise('spaCy blank("ar") tokenizer', results["spacy"])
        ratio = figures["casus"]["articles_per_s"] / figures["spacy"]["articles_per_s"]
        print(f"\ncasus / bare tokenizer: {ratio:.2f}× (target ≥ 1.0×: {'met' if ratio >= 1 else 'NOT met'})")
        figures["ratio"] = {"casus_over_tokenizer": ratio}
    if args.json:
        args.json.write_text(json.dumps({"articles": n, **figures}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
