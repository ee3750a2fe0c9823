"""HTML pages in-process: what a user sees, escaping of untrusted text, readable errors."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from casus.web import assessment

from .webseed import SEED_TEXT, SEED_TITLE

PAYLOAD = ('Russia attacked Iran. <script>window.__xss=1</script> <img src=x onerror="window.__xss=2"> '
           '"><svg onload="window.__xss=3"> Iran accused Russia.')


def test_analyse_page_shows_annotated_rtl_article(client: TestClient) -> None:
    r = client.post("/analyse", data={"text": SEED_TEXT})
    assert r.status_code == 200
    html = r.text
    assert '<div class="article-text" dir="rtl" lang="ar" id="article-text"' in html
    assert html.count('<p dir="rtl"') > 10
    assert 'class="seg m k-state"' in html and "trg" in html
    assert 'name="article_id" value="seed_ar' not in html  # pasted text gets a content id
    assert re.search(r'data-ann="[^"]*e0', html)
    assert SEED_TITLE in html


def test_untrusted_text_is_escaped_everywhere(fresh_client: TestClient) -> None:
    r = fresh_client.post("/analyse", data={"text": PAYLOAD, "title": '"><img src=y onerror=alert(4)>'})
    assert r.status_code == 200
    for raw in ("<script>window.__xss", "<img src=x", "<svg onload", "<img src=y"):
        assert raw not in r.text
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in r.text
    saved = fresh_client.post("/api/articles", json={"text": PAYLOAD, "title": '"><img src=y onerror=alert(4)>'})
    page = fresh_client.get(saved.json()["url"] + "?hl=" + "<script>")
    assert page.status_code == 200
    for raw in ("<script>window.__xss", "<img src=x", "<svg onload", "<img src=y"):
        assert raw not in page.text
    for listing in (fresh_client.get("/events"), fresh_client.get("/articles")):
        assert "<img src=y" not in listing.text and "&lt;img src=y" in listing.text


def test_upload_errors_are_pages_with_messages(client: TestClient) -> None:
    r = client.post("/analyse", files={"file": ("report.docx", b"PK\x03\x04", "application/octet-stream")})
    assert r.status_code == 415
    assert "upload a .txt, .html or .htm file" in r.text and "<html" in r.text
    big = client.post("/analyse", files={"file": ("big.txt", b"a" * (3 * 1024 * 1024), "text/plain")})
    assert big.status_code == 413 and "the limit is 2 MB" in big.text
    empty = client.post("/analyse", data={"text": "  "})
    assert empty.status_code == 400 and "empty" in empty.text
    date = client.post("/analyse", data={"text": "Iran", "pub_date": "tomorrow"})
    assert date.status_code == 400 and "YYYY-MM-DD" in date.text


def test_save_from_the_analyse_page(fresh_client: TestClient) -> None:
    r = fresh_client.post("/analyse/save", data={"text": SEED_TEXT, "article_id": "seed", "pub_date": "2025-03-01"},
                          follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("saved=1")
    page = fresh_client.get(r.headers["location"])
    assert "Saved to the store" in page.text
    again = fresh_client.post("/analyse/save", data={"text": SEED_TEXT, "article_id": "seed"})
    assert "already in the store" in again.text


def test_article_page_highlights_the_linked_sentence(client: TestClient) -> None:
    rec = client.get("/api/articles/seed_ar_russia_iran").json()
    i = len(rec["events"]) // 2
    ev = rec["events"][i]
    page = client.get(f"/article/{rec['key']}", params={"ev": ev["seq"]})
    assert page.status_code == 200
    assert page.text.count('id="hl"') == 1 and "focus" in page.text
    assert f'data-focus="e{i}"' in page.text
    hl = client.get(f"/article/{rec['key']}", params={"hl": ev["evidence"]["text"]})
    assert hl.text.count('id="hl"') == 1
    missing = client.get(f"/article/{rec['key']}", params={"hl": "words that are not in it"})
    assert "could not be found" in missing.text
    assert client.get("/article/unknown").status_code == 404


def test_lists_link_to_highlighted_sentences(client: TestClient) -> None:
    events = client.get("/events", params={"a": "RUS", "b": "IRN", "modality": "asserted"})
    assert events.status_code == 200
    assert re.search(r'href="/article/[0-9a-f]+\?ev=\d+#hl"', events.text)
    assert "Dyad view of RUS – IRN" in events.text
    arts = client.get("/articles", params={"lang": "ar"})
    assert SEED_TITLE in arts.text and 'dir="rtl"' in arts.text
    bad = client.get("/events", params={"since": "yesterday"})
    assert bad.status_code == 400 and "YYYY" in bad.text


def test_dyad_and_graph_pages(client: TestClient) -> None:
    page = client.get("/dyad/RUS/IRN")
    assert page.status_code == 200
    assert "Russia (RUS) – Iran (IRN)" in page.text
    assert 'data-figure="fig-dyad"' in page.text and "/static/plotly.min.js" in page.text
    assert 'id="type-counts"' in page.text and 'class="badge t-' in page.text
    empty = client.get("/dyad/RUS/IRN", params={"since": "2030"})
    assert "No dated asserted events" in empty.text
    assert client.get("/dyad", params={"a": "rus", "b": "irn"}, follow_redirects=False).headers["location"] == \
        "/dyad/RUS/IRN"
    graph = client.get("/graph")
    assert graph.status_code == 200 and 'data-figure="fig-graph"' in graph.text and "IRN" in graph.text


def test_missing_store_is_explained(fresh_client: TestClient) -> None:
    r = fresh_client.get("/events")
    assert r.status_code == 503 and "No store at" in r.text and "casus ingest" in r.text
    home = fresh_client.get("/")
    assert home.status_code == 200 and "No store at" in home.text


def test_unknown_page_is_a_readable_404(client: TestClient) -> None:
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "There is no page at this address" in r.text


FAKE_RESULT = {
    "patron": "RUS", "client": "IRN", "attacker": "ISR", "as_of": "2025-03-01", "probability": 0.18,
    "interval": [0.08, 0.33], "base_rate": 0.25, "model": "test",
    "factors": [{"name": "alliance", "value": True, "effect": 0.4,
                 "evidence": [{"kind": "news", "text": "وقع الرئيس الروسي فلاديمير بوتين",
                               "source": "seed_ar_russia_iran", "date": "2025-01-17",
                               "article": "seed_ar_russia_iran", "title": "<i>title</i>"},
                              {"kind": "reference", "text": "ATOP 4.01 alliance", "source": "ATOP v4 row 1",
                               "date": None, "href": "javascript:alert(1)", "url": "https://www.atopdata.org/"},
                              {"kind": "reference", "text": "bad link", "source": "x",
                               "url": "javascript:alert(2)"}]},
                {"name": "war elsewhere", "value": 1, "effect": -0.9, "evidence": []}],
    "source_claims": [{"phrase": "من غير المرجح", "band": "unlikely", "probability": 0.2,
                       "text": "<b>claim</b>", "source": "seed_ar_russia_iran"}],
}


@pytest.fixture
def fake_assessor(monkeypatch: pytest.MonkeyPatch) -> list:
    calls: list = []

    def assess_json(patron, client, attacker=None, as_of=None, db=None, scale="war"):
        calls.append(("assess", patron, client, attacker, as_of) + (() if scale == "war" else (scale,)))
        return dict(FAKE_RESULT, factors=[dict(f, evidence=[dict(e) for e in f["evidence"]])
                                          for f in FAKE_RESULT["factors"]])

    def ask_json(question, as_of=None, db=None, scale="war"):
        calls.append(("ask", question, as_of))
        if "?" not in question and "؟" not in question:
            return {"error": "not a question", "missing": ["patron"], "suggestion": "Would Russia defend Iran?"}
        return assess_json("RUS", "IRN", "ISR", as_of, db)

    monkeypatch.setattr(assessment, "_api", lambda: SimpleNamespace(assess_json=assess_json, ask_json=ask_json))
    return calls


def test_ask_page_links_evidence_to_articles(client: TestClient, fake_assessor: list) -> None:
    r = client.get("/ask", params={"q": SEED_TITLE})
    assert r.status_code == 200
    assert fake_assessor[0] == ("ask", SEED_TITLE, None)
    assert 'id="probability">18%' in r.text and "8.0%–33%" in r.text
    link = re.search(r'href="(/article/[0-9a-f]+\?hl=[^"]+#hl)"', r.text)
    assert link, "article evidence must link to its sentence"
    assert 'href="javascript:' not in r.text
    assert 'href="https://www.atopdata.org/"' in r.text and "&lt;i&gt;title&lt;/i&gt;" in r.text
    assert "&lt;b&gt;claim&lt;/b&gt;" in r.text
    target = client.get(link.group(1).replace("&amp;", "&"))
    assert target.status_code == 200 and target.text.count('id="hl"') == 1
    unclear = client.get("/ask", params={"q": "Russia"})
    assert "not a question" in unclear.text and "Would Russia defend Iran?" in unclear.text


def test_assess_api_passes_through(client: TestClient, fake_assessor: list) -> None:
    r = client.get("/api/assess", params={"patron": "rus", "client": "irn", "attacker": "isr",
                                          "as_of": "2025-03-01"})
    assert r.status_code == 200 and r.json()["probability"] == 0.18
    assert fake_assessor[-1] == ("assess", "RUS", "IRN", "ISR", "2025-03-01")
    several = client.get("/api/assess", params={"patron": "RUS", "client": "IRN", "attacker": "isr, usa",
                                                "scale": "strike"})
    assert several.status_code == 200 and fake_assessor[-1] == ("assess", "RUS", "IRN", "ISR,USA", None, "strike")
    client.get("/api/assess", params={"patron": "RUS", "client": "IRN", "attacker": "none"})
    assert fake_assessor[-1] == ("assess", "RUS", "IRN", "none", None)
    assert client.get("/api/assess", params={"patron": "RUS", "client": "IRN", "scale": "nuclear"}).status_code == 400
    assert client.get("/api/assess", params={"patron": "RUS"}).status_code == 422
    assert client.get("/api/assess", params={"patron": "RUS", "client": "IRN", "as_of": "soon"}).status_code == 400
    ask = client.post("/api/ask", json={"question": SEED_TITLE})
    assert ask.status_code == 200 and ask.json()["patron"] == "RUS"
