"""The JSON API, in-process (FastAPI TestClient): records, filters, limits and error messages."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from casus.cli import app as cli_app

from .webseed import SEED, SEED_TEXT, SEED_TITLE


def test_analyze_returns_the_casus_extract_record(client: TestClient) -> None:
    cli = CliRunner().invoke(cli_app, ["extract", str(SEED)])
    assert cli.exit_code == 0, cli.output
    expected = json.loads(cli.stdout.splitlines()[0])
    r = client.post("/api/analyze", json={"text": SEED_TEXT, "id": SEED.stem})
    assert r.status_code == 200
    assert r.json() == expected
    assert r.json()["events"] and r.json()["lang"] == "ar"


def test_analyze_title_and_date(client: TestClient) -> None:
    body = "Russia and Iran signed a comprehensive strategic partnership treaty in Moscow on Friday."
    r = client.post("/api/analyze", json={"text": body, "title": "Russia and Iran sign a treaty",
                                          "pub_date": "2025-01-18"})
    assert r.status_code == 200
    rec = r.json()
    assert rec["title"] == "Russia and Iran sign a treaty"
    assert rec["pub_date"] == "2025-01-18"
    assert rec["id"].startswith("web-")
    assert {a["code"] for a in rec["actors"]} >= {"RUS", "IRN"}


@pytest.mark.parametrize("payload, status, words", [
    ({"text": "   "}, 400, "empty"),
    ({"text": "Iran", "pub_date": "18/01/2025"}, 400, "YYYY-MM-DD"),
    ({"title": "no text"}, 422, "text"),
    ({"text": "x" * (2 * 1024 * 1024 + 10)}, 413, "2 MB"),
])
def test_analyze_bad_input_is_a_clear_4xx(client: TestClient, payload: dict, status: int, words: str) -> None:
    r = client.post("/api/analyze", json=payload)
    assert r.status_code == status
    assert words in json.dumps(r.json()["detail"])


def test_oversized_body_is_refused_before_parsing(client: TestClient) -> None:
    r = client.post("/api/analyze", content=b"{" + b" " * (3 * 1024 * 1024) + b"}",
                    headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert "limit is 2 MB" in r.json()["detail"]


def test_oversized_chunked_body_is_refused(client: TestClient) -> None:
    chunks = (b"x" * 100_000 for _ in range(30))  # no Content-Length: sent chunked
    r = client.post("/api/analyze", content=chunks, headers={"content-type": "application/json"})
    assert r.status_code == 413 and "limit is 2 MB" in r.json()["detail"]
    small = client.post("/api/analyze", content=iter([b'{"text": "Iran ', b'and Russia."}']),
                        headers={"content-type": "application/json"})
    assert small.status_code == 200 and small.json()["lang"] == "en"


def test_upload_types_and_sizes(client: TestClient) -> None:
    ok = client.post("/api/analyze/file", files={"file": ("seed_ar_russia_iran.txt", SEED.read_bytes(), "text/plain")})
    assert ok.status_code == 200 and ok.json()["id"] == "seed_ar_russia_iran"
    html = ("<html><head><title>Sanctions on Iran</title></head><body><nav>Home | World</nav><article>"
            "<p>Russia and Iran signed a comprehensive strategic partnership treaty in Moscow on Friday.</p>"
            "<p>The United States imposed new sanctions on Iran on Sunday, the Treasury said.</p>"
            "</article></body></html>")
    r = client.post("/api/analyze/file", files={"file": ("page.html", html.encode(), "text/html")})
    assert r.status_code == 200
    assert r.json()["title"] == "Sanctions on Iran" and r.json()["id"] == "page"
    assert {"RUS", "IRN", "USA"} <= {a["code"] for a in r.json()["actors"]}
    bad = client.post("/api/analyze/file", files={"file": ("data.pdf", b"%PDF-1.4", "application/pdf")})
    assert bad.status_code == 415 and ".txt, .html or .htm" in bad.json()["detail"]
    big = client.post("/api/analyze/file", files={"file": ("big.txt", b"a" * (2 * 1024 * 1024 + 1), "text/plain")})
    assert big.status_code == 413
    binary = client.post("/api/analyze/file", files={"file": ("x.txt", b"\x00\x01\x02" * 100, "text/plain")})
    assert binary.status_code == 400 and "binary" in binary.json()["detail"]


def test_upload_name_never_becomes_a_path(client: TestClient) -> None:
    r = client.post("/api/analyze/file",
                    files={"file": ("../../etc/passwd.txt", b"Iran and Russia signed a treaty.", "text/plain")})
    assert r.status_code == 200
    assert r.json()["id"] == "passwd"


def test_events_filters(client: TestClient) -> None:
    all_events = client.get("/api/events", params={"limit": 1000}).json()
    assert all_events["total"] == len(all_events["events"]) >= 5
    pair = client.get("/api/events", params={"a": "RUS", "b": "IRN", "limit": 1000}).json()
    assert pair["total"] > 0
    assert all({e["source_country"], e["target_country"]} == {"RUS", "IRN"} for e in pair["events"])
    directed = client.get("/api/events", params={"a": "RUS", "b": "IRN", "directed": True, "limit": 1000}).json()
    assert 0 < directed["total"] < pair["total"]
    assert all(e["source_country"] == "RUS" for e in directed["events"])
    common = max({e["type"] for e in all_events["events"]},
                 key=lambda t: sum(e["type"] == t for e in all_events["events"]))
    typed = client.get("/api/events", params={"type": common.lower(), "modality": "asserted"}).json()
    assert {e["type"] for e in typed["events"]} <= {common}
    assert {e["modality"] for e in typed["events"]} <= {"asserted"}
    dated = client.get("/api/events", params={"since": "2025-03", "until": "2025-03"}).json()
    assert dated["total"] > 0 and all(e["day"].startswith("2025-03") for e in dated["events"])
    assert client.get("/api/events", params={"until": "1999"}).json()["total"] == 0
    days = [e["day"] for e in all_events["events"] if e["day"]]
    assert days == sorted(days, reverse=True)


@pytest.mark.parametrize("params, words", [
    ({"type": "BOMB"}, "not a PLOVER type"),
    ({"modality": "maybe"}, "asserted"),
    ({"since": "last year"}, "YYYY"),
    ({"a": "RUS"}, "give both a and b"),
    ({"actor": "<script>"}, "not an actor code"),
])
def test_events_bad_filters(client: TestClient, params: dict, words: str) -> None:
    r = client.get("/api/events", params=params)
    assert r.status_code == 400
    assert words in r.json()["detail"]


def test_articles_and_one_article(client: TestClient) -> None:
    listing = client.get("/api/articles").json()
    assert listing["total"] == 1
    art = listing["articles"][0]
    assert art["title"] == SEED_TITLE and art["pub_date"] == "2025-03-01" and art["events"] > 0
    assert client.get("/api/articles", params={"actor": "RUS"}).json()["total"] == 1
    assert client.get("/api/articles", params={"actor": "BRA"}).json()["total"] == 0
    assert client.get("/api/articles", params={"q": "بوتين"}).json()["total"] == 1
    for ref in (art["key"], art["id"]):
        rec = client.get(f"/api/articles/{ref}").json()
        assert rec["key"] == art["key"] and rec["text"].startswith(SEED_TITLE)
        assert len(rec["events"]) == art["events"]
        ev = rec["events"][0]
        assert rec["text"][ev["evidence"]["start"]:ev["evidence"]["end"]] == ev["evidence"]["text"]
    assert client.get("/api/articles/nope").status_code == 404


def test_dyad_matches_the_cli(client: TestClient, seed_db) -> None:
    cli = CliRunner().invoke(cli_app, ["dyad", "RUS", "IRN", "--db", str(seed_db), "--json"])
    assert cli.exit_code == 0, cli.output
    expected = json.loads(cli.stdout)
    got = client.get("/api/dyad/rus/irn").json()
    assert got["periods"] == expected["periods"] and got["dyad"] == ["RUS", "IRN"]
    assert got["names"] == {"RUS": "Russia", "IRN": "Iran"}
    asserted = sum(p["events"] for p in got["periods"])
    assert sum(m.get("asserted", 0) for m in got["totals"].values()) >= asserted > 0
    assert got["latest"] and len(got["latest"]) <= 20
    assert client.get("/api/dyad/RUS/IRN", params={"by": "decade"}).status_code == 422


def test_graph_and_actors(client: TestClient) -> None:
    g = client.get("/api/graph").json()
    codes = {n["code"] for n in g["nodes"]}
    assert {"RUS", "IRN"} <= codes
    edge = next(e for e in g["edges"] if {e["a"], e["b"]} == {"IRN", "RUS"})
    assert edge["events"] > 0 and -10 <= edge["mean"] <= 10
    assert all(-1.0001 <= n["x"] <= 1.0001 and -1.0001 <= n["y"] <= 1.0001 for n in g["nodes"])
    assert client.get("/api/graph", params={"since": "2030"}).json() == {"nodes": [], "edges": []}
    actors = client.get("/api/actors", params={"top": 5}).json()
    assert len(actors) == 5 and {"IRN", "RUS"} <= {a["code"] for a in actors}


def test_save_article_is_idempotent(fresh_client: TestClient) -> None:
    assert fresh_client.get("/api/health").json()["status"] == "missing"
    assert fresh_client.get("/api/events").status_code == 503
    body = {"text": SEED_TEXT, "pub_date": "2025-03-01", "id": "seed"}
    first = fresh_client.post("/api/articles", json=body).json()
    assert first["added"] is True and first["events"] > 0
    again = fresh_client.post("/api/articles", json=body).json()
    assert again["added"] is False and again["key"] == first["key"]
    health = fresh_client.get("/api/health").json()
    assert health["status"] == "ok" and health["counts"]["articles"] == 1
    assert health["counts"]["ingest_runs"] == 1
    assert fresh_client.get(first["url"]).status_code == 200


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/analyze", "/api/assess", "/api/ask", "/api/events", "/api/articles", "/api/dyad/{a}/{b}",
                 "/api/graph", "/api/actors"):
        assert path in paths
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/analyze" in docs.text and "cdn" not in docs.text.lower()


def test_security_headers_and_assets(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert b"plotly.js" in js.content[:200]
    assert client.get("/static/..%2Fapp.py").status_code == 404
    assert client.get("/static/app.py").status_code == 404


def test_assess_is_what_the_cli_prints(client: TestClient, seed_db) -> None:
    from casus.web import assessment

    if not assessment.available():
        pytest.skip("casus.assess.api is not installed yet")
    args = {"patron": "RUS", "client": "IRN", "attacker": "ISR", "as_of": "2025-03-15"}
    cli = CliRunner().invoke(cli_app, ["assess", "--patron", "RUS", "--client", "IRN", "--attacker", "ISR",
                                       "--as-of", "2025-03-15", "--db", str(seed_db), "--json"])
    assert cli.exit_code == 0, cli.output
    assert client.get("/api/assess", params=args).json() == json.loads(cli.stdout)
    bad = client.get("/api/assess", params={"patron": "RUS", "client": "QQQ"})
    assert bad.status_code == 400 and "QQQ" in bad.json()["detail"]
