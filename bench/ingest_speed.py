"""Ingest speed and memory: `casus ingest` of the real Arabic corpus into a fresh DuckDB at -j1 and -j2.

usage: python bench/ingest_speed.py [--corpus PATH] [--jobs 1 2] [--limit N] [--skip-spacy]
       python bench/ingest_speed.py --repeat 10 [--vary] [--jobs 2] [--limit N]

Default mode runs the real command (`casus ingest CORPUS --db TMP -j N`) in a subprocess per job count and prints
articles/s, MB/s (JSONL bytes on disk / wall time, start-up included; the same MB for the tokenizer) and the peak
RSS of the whole process tree (sampled every 50 ms), then the bare spaCy `blank("ar")` tokenizer on one core over
the same articles as the reference (the issue's target: ingest -j2 ≥ 1.5× the tokenizer's articles/s; peak RSS
< 1 GB).

--repeat K feeds the corpus K times through the local engine from a generator (streamed again on each pass, never
held in memory) and prints the process tree's peak RSS per pass: flat means memory does not grow with the corpus.
Identical text is the same article, so passes after the first only hash and skip; --vary appends a per-pass
suffix to every article so all K × N articles are new and fully extracted and stored.
When the corpus is absent the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_speed import CORPUS, run_child  # noqa: E402

CASUS = str(Path(sys.executable).parent / "casus")


class TreeSampler:
    """Peak resident memory of a process and all its children, sampled in a background thread."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.proc = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.marks: list[int] = []  # peak since the previous mark
        self._since_mark = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _rss(self) -> int:
        total = 0
        try:
            procs = [self.proc, *self.proc.children(recursive=True)]
        except psutil.Error:
            return 0
        for p in procs:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                continue  # the process ended between listing and reading it
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            rss = self._rss()
            self.peak = max(self.peak, rss)
            self._since_mark = max(self._since_mark, rss)
            self._stop.wait(self.interval)

    def mark(self) -> None:
        """Close a period: its peak (sampled now too, so a period shorter than the interval still counts)."""
        self.marks.append(max(self._since_mark, self._rss()))
        self._since_mark = 0

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def limited_corpus(corpus: Path, limit: int | None, tmp: Path) -> Path:
    """The corpus itself, or its first `limit` lines copied line by line into a temp file."""
    if not limit:
        return corpus
    out = tmp / f"first_{limit}.jsonl"
    with corpus.open("rb") as src, out.open("wb") as dst:
        for line in islice(src, limit):
            dst.write(line)
    return out


def count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def bench_cli(corpus: Path, jobs: int, tmp: Path) -> dict[str, float]:
    db = tmp / f"j{jobs}.duckdb"
    cmd = [CASUS, "ingest", str(corpus), "--db", str(db), "-j", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    sampler = TreeSampler(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.stop()
    if proc.returncode not in (0, 1):  # 1 = some inputs failed, still a complete run
        sys.exit(f"casus ingest -j{jobs} failed ({proc.returncode}):\n{err[-2000:]}")
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        stored, errors = con.execute("SELECT count(*) FILTER (status = 'ok'), count(*) FILTER (status = 'error') "
                                     "FROM articles").fetchone()
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    db.unlink()
    return {"jobs": jobs, "seconds": wall, "stored": stored, "errors": errors, "events": events,
            "peak_rss_mb": sampler.peak / 1e6, "cli_line": out.strip().splitlines()[-1] if out.strip() else ""}


# ------------------------------------------------------------------------------- repeat mode

def repeated(corpus: Path, times: int, vary: bool, limit: int | None) -> Iterator:
    """The corpus `times` times over, streamed anew each pass; announces each pass on stdout."""
    from casus.ingest.readers import read_jsonl
    from casus.model import Article

    for k in range(times):
        print(f"PASS {k}", flush=True)
        for item in islice(read_jsonl(corpus), limit):
            if vary and isinstance(item, Article):
                item.text = f"{item.text}\n(نسخة {k + 1})"
            yield item
    print("PASS end", flush=True)


def repeat_child(corpus: Path, times: int, vary: bool, jobs: int, limit: int | None, db: Path) -> None:
    """Runs the local engine with its reader replaced by the repeating generator (child process side)."""
    import casus.engines.local as local
    from casus.store.db import Store

    local.read_paths = lambda paths, pub_date=None: repeated(corpus, times, vary, limit)
    with Store(db) as store:
        report = local.ingest([str(corpus)], store, jobs=jobs)
    print(f"DONE {json.dumps({'seen': report.seen, 'added': report.added, 'skipped': report.skipped})}", flush=True)


def bench_repeat(corpus: Path, times: int, vary: bool, jobs: int, limit: int | None, tmp: Path) -> int:
    db = tmp / "repeat.duckdb"
    cmd = [sys.executable, __file__, "--_repeat_child", "--corpus", str(corpus), "--repeat", str(times),
           "--jobs", str(jobs), "--db", str(db)] + (["--vary"] if vary else []) + \
          (["--limit", str(limit)] if limit else [])
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    sampler = TreeSampler(proc.pid)
    pass_times: list[float] = []
    done = {}
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("PASS"):
            if pass_times:
                sampler.mark()
            pass_times.append(time.perf_counter())
        elif line.startswith("DONE"):
            done = json.loads(line[5:])
    proc.wait()
    sampler.stop()
    if proc.returncode != 0 or not done:
        sys.exit("repeat run failed")
    wall = time.perf_counter() - start
    per_pass = done["seen"] / times
    print(f"{times} passes × {per_pass:,.0f} articles, -j{jobs}, {'varied (all new)' if vary else 'identical (dedup)'}:"
          f" {done['seen']:,} seen, {done['added']:,} added, {done['skipped']:,} skipped in {wall:.1f} s "
          f"({done['seen'] / wall:,.0f} articles/s)")
    print("pass   seconds   peak RSS of the process tree")
    for k, peak in enumerate(sampler.marks[:times]):
        secs = pass_times[k + 1] - pass_times[k]
        print(f"{k + 1:>4} {secs:>9.1f}   {peak / 1e6:>8.0f} MB")
    # pass 1 includes start-up (pool workers load their lexicons while it runs), so compare passes 2-3 with the end
    early = max(sampler.marks[1:3] or sampler.marks[:1]) / 1e6
    late = max(sampler.marks[-3:]) / 1e6
    print(f"overall peak {sampler.peak / 1e6:.0f} MB; passes 2-3 {early:.0f} MB → last 3 passes {late:.0f} MB "
          f"({'flat' if late < early * 1.1 + 30 else 'GROWING'}); "
          f"peak < 1 GB: {'met' if sampler.peak < 1e9 else 'NOT met'}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--jobs", type=int, nargs="+", default=None, help="job counts to compare (default: 1 2; "
                    "with --repeat: 2)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (quick runs)")
    ap.add_argument("--repeat", type=int, default=None, help="feed the corpus this many times (memory check)")
    ap.add_argument("--vary", action="store_true", help="with --repeat: make every pass's articles new")
    ap.add_argument("--skip-spacy", action="store_true")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--_repeat_child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args._repeat_child:
        repeat_child(args.corpus, args.repeat, args.vary, args.jobs[0], args.limit, args.db)
        return 0
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (the shared ANT corpus is not on this machine); nothing measured")
        return 0

    with tempfile.TemporaryDirectory(prefix="casus-ingest-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if args.repeat:
            return bench_repeat(args.corpus, args.repeat, args.vary, (args.jobs or [2])[0], args.limit, tmp)

        corpus = limited_corpus(args.corpus, args.limit, tmp)
        n = count_lines(corpus)
        mb = corpus.stat().st_size / 1e6
        from casus import compiled

        print(f"corpus: {args.corpus} ({n:,} lines, {mb:.1f} MB){f', first {args.limit}' if args.limit else ''}; "
              f"{os.cpu_count()} CPUs; extraction {'compiled (mypyc)' if compiled() else 'pure Python'}")
        print(f"{'':<28} {'articles/s':>10} {'MB/s':>7} {'peak RSS':>10} {'wall':>8}   stored / errors / events")
        figures: dict[str, dict[str, float]] = {}
        for jobs in args.jobs or [1, 2]:
            r = bench_cli(corpus, jobs, tmp)
            rate = n / r["seconds"]
            figures[f"j{jobs}"] = {**r, "articles_per_s": rate, "mb_per_s": mb / r["seconds"]}
            print(f"{f'casus ingest -j{jobs}':<28} {rate:>10,.0f} {mb / r['seconds']:>7.2f} "
                  f"{r['peak_rss_mb']:>7.0f} MB {r['seconds']:>7.1f}s   "
                  f"{r['stored']:,} / {r['errors']:,} / {r['events']:,}")
        if not args.skip_spacy:
            try:
                t = run_child("spacy", corpus, None, None)
            except SystemExit as exc:
                print(f"tokenizer reference skipped: {exc}")
            else:
                rate = t["articles"] / t["seconds"]
                figures["tokenizer"] = {"articles_per_s": rate, "mb_per_s": mb / t["seconds"],
                                        "peak_rss_mb": t["peak_rss_mb"]}
                print(f"{'spaCy blank(ar) tokenizer':<28} {rate:>10,.0f} {mb / t['seconds']:>7.2f} "
                      f"{t['peak_rss_mb']:>7.0f} MB {t['seconds']:>7.1f}s   (one core, model load excluded)")
                best = figures.get("j2") or figures[max(figures)]
                ratio = best["articles_per_s"] / rate
                rss_ok = all(f["peak_rss_mb"] < 1000 for f in figures.values())
                print(f"\ningest -j2 / tokenizer: {ratio:.2f}× (target ≥ 1.5×: {'met' if ratio >= 1.5 else 'NOT met'})"
                      f"; peak RSS < 1 GB: {'met' if rss_ok else 'NOT met'}")
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
