"""Loopback load test of the web stage: 200 concurrent requests to /api/analyze and the dyad endpoint.

    /work/venv/bin/python bench/web_load.py                 # temp store: seed + 500 corpus articles
    /work/venv/bin/python bench/web_load.py --db casus.duckdb --concurrency 200 --requests 1000

Starts `casus serve` on a free 127.0.0.1 port in a subprocess (so client and
server do not share a GIL), keeps `--concurrency` requests in flight until
`--requests` have completed per phase, and reports p50/p95/p99/max latency,
throughput and errors. Bounded: loopback only, a fixed number of requests,
a per-request timeout and a wall-clock cap per phase.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "src" / "casus" / "examples" / "seed_ar_russia_iran.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "ant_ar_world_mideast_2018.jsonl"
CASUS = str(Path(sys.executable).parent / "casus")


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0
    max_in_flight: int = 0

    def report(self) -> dict[str, object]:
        lat = sorted(self.latencies)

        def pct(p: float) -> float:
            return round(lat[min(len(lat) - 1, int(p * len(lat)))] * 1000, 1) if lat else float("nan")

        return {"phase": self.name, "ok": len(lat), "errors": sum(self.errors.values()), "error_kinds": self.errors,
                "max_in_flight": self.max_in_flight, "p50_ms": pct(0.50), "p95_ms": pct(0.95), "p99_ms": pct(0.99),
                "max_ms": round(lat[-1] * 1000, 1) if lat else None,
                "mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else None,
                "req_per_s": round(len(lat) / self.wall, 1) if self.wall else None, "wall_s": round(self.wall, 1)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(path: Path, articles: int) -> None:
    """Seed article (pub_date 2025-03-01) plus the first `articles` corpus articles, if the corpus is present."""
    sources = [str(SEED)]
    if articles and CORPUS.exists():
        subset = path.parent / "corpus_subset.jsonl"
        with CORPUS.open(encoding="utf-8") as src, subset.open("w", encoding="utf-8") as out:
            out.writelines(islice(src, articles))
        sources.append(str(subset))
    elif articles:
        print(f"note: {CORPUS} not found; the store holds the seed article only", file=sys.stderr)
    subprocess.run([CASUS, "ingest", *sources, "--db", str(path), "--pub-date", "2025-03-01", "-j", "2"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


async def run_phase(name: str, base: str, make_request, total: int, concurrency: int, timeout: float,
                    cap: float) -> Phase:
    phase = Phase(name)
    sem = asyncio.Semaphore(concurrency)
    in_flight = 0
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:

        async def one(i: int) -> None:
            nonlocal in_flight
            async with sem:
                in_flight += 1
                phase.max_in_flight = max(phase.max_in_flight, in_flight)
                start = time.perf_counter()
                try:
                    r = await make_request(client, i)
                    if r.status_code == 200:
                        phase.latencies.append(time.perf_counter() - start)
                    else:
                        key = f"HTTP {r.status_code}"
                        phase.errors[key] = phase.errors.get(key, 0) + 1
                except httpx.HTTPError as exc:
                    key = type(exc).__name__
                    phase.errors[key] = phase.errors.get(key, 0) + 1
                finally:
                    in_flight -= 1

        start = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(one(i) for i in range(total))), timeout=cap)
        phase.wall = time.perf_counter() - start
    return phase


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="existing store to serve (default: build a temporary one)")
    ap.add_argument("--articles", type=int, default=500, help="corpus articles in the temporary store")
    ap.add_argument("--concurrency", type=int, default=200)
    ap.add_argument("--requests", type=int, default=600, help="requests per phase")
    ap.add_argument("--timeout", type=float, default=120.0, help="per-request timeout (s)")
    ap.add_argument("--cap", type=float, default=600.0, help="wall-clock cap per phase (s)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="casus-load-"))
    db = args.db
    if db is None:
        db = tmp / "load.duckdb"
        t = time.perf_counter()
        build_store(db, args.articles)
        print(f"store: {db} built in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp / "server.log"
    log = log_path.open("wb")
    server = subprocess.Popen([CASUS, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=log, stderr=subprocess.STDOUT, env={**os.environ})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(base + "/api/health", timeout=2).json()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("server did not start: "
                                     + log_path.read_text(errors="replace")[-2000:]) from None
                time.sleep(0.2)
        seed_text = SEED.read_text(encoding="utf-8")

        async def analyze(client: httpx.AsyncClient, i: int) -> httpx.Response:
            return await client.post("/api/analyze", json={"text": seed_text, "pub_date": "2025-03-01"})

        async def dyad(client: httpx.AsyncClient, i: int) -> httpx.Response:
            return await client.get("/api/dyad/RUS/IRN")

        async def mixed(client: httpx.AsyncClient, i: int) -> httpx.Response:
            return await (analyze if i % 2 else dyad)(client, i)

        # warm-up: lexicons, models and the DuckDB file cache
        asyncio.run(run_phase("warm-up", base, mixed, 10, 2, args.timeout, args.cap))
        load_before = os.getloadavg()[0]
        results = []
        for name, fn in (("analyze", analyze), ("dyad", dyad), ("mixed", mixed)):
            phase = asyncio.run(run_phase(name, base, fn, args.requests, args.concurrency, args.timeout, args.cap))
            results.append(phase.report())
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        server_log = log_path.read_text(errors="replace")
        shutil.rmtree(tmp, ignore_errors=True)

    load_after = os.getloadavg()[0]
    info = {"cpus": os.cpu_count(), "python": platform.python_version(), "store": health.get("counts", {}),
            "loadavg_1min_before": round(load_before, 2), "loadavg_1min_after": round(load_after, 2),
            "concurrency": args.concurrency, "requests_per_phase": args.requests,
            "analyze_payload": f"{SEED.name} ({len(seed_text)} chars)"}
    print(f"casus web load test: {args.concurrency} concurrent requests, {args.requests} per phase, "
          f"{info['cpus']} CPUs, store {info['store'].get('articles', '?')} articles / "
          f"{info['store'].get('events', '?')} events; 1-min load average {load_before:.1f} before, "
          f"{load_after:.1f} after (other processes share these CPUs)")
    print(f"{'phase':<8} {'ok':>5} {'err':>4} {'in-flight':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
          f"{'max ms':>8} {'req/s':>7}")
    for r in results:
        print(f"{r['phase']:<8} {r['ok']:>5} {r['errors']:>4} {r['max_in_flight']:>9} {r['p50_ms']:>8} "
              f"{r['p95_ms']:>8} {r['p99_ms']:>8} {r['max_ms']:>8} {r['req_per_s']:>7}")
    if args.json:
        args.json.write_text(json.dumps({"info": info, "results": results}, indent=1), encoding="utf-8")
    if any(r["errors"] for r in results):
        print("server log (tail):\n" + server_log[-3000:], file=sys.stderr)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
