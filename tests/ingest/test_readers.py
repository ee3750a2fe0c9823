"""Readers turn files into Articles; every bad input becomes one error naming the file (and line)."""

from __future__ import annotations

import codecs
import gzip
from pathlib import Path

import pytest

from casus.extract.pipeline import analyze
from casus.ingest.readers import InputError, read_paths
from casus.model import Article
from conftest import AR_ARTICLE, AR_DRONES, AR_SANCTION, AR_TITLE, AR_TREATY, EN_SANCTION, jsonl_record, write_jsonl


def read(*paths: Path, pub_date: str | None = None) -> tuple[list[Article], list[InputError]]:
    items = list(read_paths(paths, pub_date=pub_date))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, InputError)]


def one_error(path: Path) -> InputError:
    arts, errs = read(path)
    assert not arts and len(errs) == 1, (arts, errs)
    err = errs[0]
    assert str(err).startswith(str(path)) and "\n" not in str(err)
    return err


# ------------------------------------------------------------------------------------ .txt

def test_txt_first_line_is_the_title_and_the_stem_the_id(tmp_path: Path) -> None:
    path = tmp_path / "treaty_2025.txt"
    path.write_text(AR_ARTICLE, encoding="utf-8")
    [art], errs = read(path)
    assert not errs
    assert (art.id, art.title) == ("treaty_2025", AR_TITLE)
    assert art.text.startswith(AR_TITLE + "\n" + AR_TREATY)
    assert art.body_offset == len(AR_TITLE) + 1


def test_txt_windows_line_endings_and_leading_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(("\r\n\r\n" + AR_TITLE + "\r\n" + AR_SANCTION + "\r\n").encode("utf-8"))
    [art], _ = read(path)
    assert art.title == AR_TITLE
    assert "\r" not in art.text


@pytest.mark.parametrize(("name", "data"), [
    ("cp1256.txt", (AR_TITLE + "\n" + AR_DRONES).encode("cp1256")),
    ("utf16.txt", (AR_TITLE + "\n" + AR_DRONES).encode("utf-16")),
    ("utf16le.txt", (AR_TITLE + "\n" + AR_DRONES).encode("utf-16-le")),
    ("bom.txt", codecs.BOM_UTF8 + (AR_TITLE + "\n" + AR_DRONES).encode("utf-8")),
])
def test_arabic_files_in_legacy_encodings_are_read_not_rejected(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [art], errs = read(path)
    assert not errs
    assert art.title == AR_TITLE and art.text.endswith(AR_DRONES)


def test_pub_date_option_fills_only_articles_without_a_date(tmp_path: Path) -> None:
    txt = tmp_path / "a.txt"
    txt.write_text(AR_ARTICLE, encoding="utf-8")
    jl = write_jsonl(tmp_path / "b.jsonl", [jsonl_record("dated", AR_SANCTION, date="2018-02-19")])
    arts, _ = read(txt, jl, pub_date="2025-01-20")
    assert {a.id: a.pub_date for a in arts} == {"a": "2025-01-20", "dated": "2018-02-19"}


# ----------------------------------------------------------------------------------- .html

ARTICLE_HTML = f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{AR_TITLE}</title><meta property="article:published_time" content="2025-01-17"></head><body>
<nav><a href="/">الرئيسية</a> | <a href="/world">العالم</a> | <a href="/sport">رياضة</a></nav>
<article><h1>{AR_TITLE}</h1>
<p>{AR_TREATY}</p>
<p>وقال الكرملين إن المعاهدة لا تتضمن بندا للدفاع المشترك، لكنها تنص على عدم مساعدة أي طرف يهاجم الطرف الآخر.</p>
<p>{AR_SANCTION}</p></article>
<footer>جميع الحقوق محفوظة 2025 - سياسة الخصوصية - اتصل بنا</footer></body></html>"""


def test_html_main_text_without_navigation_or_footer(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, encoding="utf-8")
    [art], errs = read(path)
    assert not errs
    assert art.id == "page" and art.title == AR_TITLE and art.pub_date == "2025-01-17"
    assert AR_TREATY in art.text and AR_SANCTION in art.text
    assert "الرئيسية" not in art.text and "سياسة الخصوصية" not in art.text
    assert art.text.count(AR_TITLE) == 1


def test_html_page_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.htm"
    path.write_text("<html><head><title></title></head><body><script>var x = 1;</script></body></html>")
    assert "no article text" in one_error(path).message


# ----------------------------------------------------------------------------------- .jsonl

def test_jsonl_required_and_optional_fields(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "ant.jsonl", [
        jsonl_record("AL-middleEast-1-20180219", AR_SANCTION, title="عقوبات أمريكية جديدة على إيران",
                     date="2018-02-19", url="http://www.alarabiya.net/x.html", source="alarabia", lang="ar"),
        jsonl_record(7, EN_SANCTION, date="2025-01-19T10:00:00Z"),
    ])
    [a, b], errs = read(path)
    assert not errs
    assert (a.id, a.title, a.pub_date, a.url, a.source, a.lang) == (
        "AL-middleEast-1-20180219", "عقوبات أمريكية جديدة على إيران", "2018-02-19", "http://www.alarabiya.net/x.html",
        "alarabia", "ar")
    assert a.text == "عقوبات أمريكية جديدة على إيران\n" + AR_SANCTION  # title becomes the first line
    assert a.path == f"{path}:1"
    assert (b.id, b.pub_date, b.title, b.url, b.lang) == ("7", "2025-01-19", EN_SANCTION, None, None)


def test_jsonl_optional_fields_of_the_wrong_type_are_not_passed_on(tmp_path: Path) -> None:
    # a number where text is expected is written out; a list or object is dropped, not stored as "['x']";
    # a language that is not text is detected from the article instead
    path = write_jsonl(tmp_path / "odd.jsonl", [
        jsonl_record("a1", AR_SANCTION, url=3, source=["alarabia"], lang=7, title=5),
        jsonl_record("a2", EN_SANCTION, url={"href": "x"}, source=" BBC ", lang=" EN "),
    ])
    [a, b], errs = read(path)
    assert not errs
    assert (a.url, a.source, a.lang, a.title) == ("3", None, None, "5")
    assert (b.url, b.source, b.lang) == (None, "BBC", "en")
    assert analyze(a).lang == "ar" and analyze(b).lang == "en"


def test_jsonl_gz_reads_like_jsonl(tmp_path: Path) -> None:
    lines = [jsonl_record(f"a{i}", f"{AR_SANCTION} ({i})") for i in range(3)] + ["[1]"]
    plain = write_jsonl(tmp_path / "x.jsonl", lines)
    gz = tmp_path / "x.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(plain.read_text(encoding="utf-8"))
    a_arts, a_errs = read(plain)
    b_arts, b_errs = read(gz)
    assert [(a.id, a.text) for a in a_arts] == [(b.id, b.text) for b in b_arts]
    assert [(e.line, e.message) for e in a_errs] == [(e.line, e.message) for e in b_errs] == [
        (4, "expected a JSON object, got list")]


def test_bad_jsonl_lines_are_reported_with_line_numbers_and_the_batch_continues(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "mixed.jsonl", [
        jsonl_record("ok1", AR_SANCTION),
        '["not", "an", "object"]',
        '{"id": "no-text", "title": "عنوان فقط"}',
        '{"id": "bad", "text": ',
        "",
        jsonl_record("blank", "   \n "),
        '{"text": "نص بلا معرف"}',
        '"just a string"',
        '{"id": "num", "text": 42}',
        jsonl_record("ok2", AR_DRONES),
    ])
    arts, errs = read(path)
    assert [a.id for a in arts] == ["ok1", "ok2"]
    assert [(e.line, e.message.split(" (")[0]) for e in errs] == [
        (2, "expected a JSON object, got list"),
        (3, "record has no 'text' string"),
        (4, "not valid JSON"),
        (6, "empty article text"),
        (7, "record has no 'id'"),
        (8, "expected a JSON object, got str"),
        (9, "record has no 'text' string"),
    ]
    assert str(errs[0]) == f"{path}:2: expected a JSON object, got list"
    assert all("\n" not in str(e) for e in errs)


def test_jsonl_line_with_undecodable_bytes_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bytes.jsonl"
    path.write_bytes(jsonl_record("ok", AR_SANCTION).encode() + b'\n{"id": "x", "text": "\xff\xfe\xc3"}\n')
    arts, errs = read(path)
    assert [a.id for a in arts] == ["ok"]
    assert [(e.line, e.message.split(" (")[0]) for e in errs] == [(2, "not valid JSON")]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.jsonl", b"", "empty file"),
    ("blank.jsonl", b"\n\n  \n", "empty file"),
    ("binary.jsonl", bytes(range(256)) * 20, "binary file"),
    ("fake.jsonl.gz", b"this is not gzip", "cannot read compressed stream"),
])
def test_unreadable_jsonl_files_give_one_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert one_error(path).message.startswith(message)


# ---------------------------------------------------------------------------- RSS and Atom

RAID = "شنت الطائرات الإسرائيلية غارات على مواقع قرب دمشق، وفق وسائل إعلام سورية."
RSS = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار العالم</title>
<link>https://example.org</link><description>world news</description>
<item><title>إسرائيل تقصف مواقع في سوريا</title><link>https://example.org/1</link><guid>https://example.org/1</guid>
<pubDate>Mon, 20 Jan 2025 08:00:00 GMT</pubDate>
<description>&lt;p&gt;{RAID}&lt;/p&gt;</description></item>
<item><title>US imposes new sanctions on Iran</title><link>https://example.org/2</link>
<pubDate>Sun, 19 Jan 2025 12:00:00 GMT</pubDate><description>{EN_SANCTION}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>World</title>
<id>urn:world</id><updated>2025-01-20T00:00:00Z</updated>
<entry><title>US imposes sanctions on Iran</title><id>urn:e1</id><link href="https://example.org/e1"/>
<updated>2025-01-20T10:00:00Z</updated><published>2025-01-19T10:00:00Z</published>
<content type="html">&lt;p&gt;{EN_SANCTION}&lt;/p&gt;</content></entry>
<entry><title>Turkey hosts talks</title><id>urn:e2</id><updated>2025-01-18T10:00:00Z</updated>
<summary>Turkey hosted talks between Russian and Ukrainian delegations in Istanbul.</summary></entry>
</feed>"""


def test_rss_items_are_articles_with_title_date_link_and_feed_source(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(RSS, encoding="utf-8")
    arts, errs = read(path)
    assert not errs
    assert [(a.id, a.title, a.pub_date, a.url, a.source) for a in arts] == [
        ("https://example.org/1", "إسرائيل تقصف مواقع في سوريا", "2025-01-20", "https://example.org/1", "أخبار العالم"),
        ("https://example.org/2", "US imposes new sanctions on Iran", "2025-01-19", "https://example.org/2",
         "أخبار العالم"),
    ]
    assert arts[0].text == "إسرائيل تقصف مواقع في سوريا\n" + RAID
    assert "<p>" not in arts[0].text


def test_atom_entries_use_content_then_summary_and_published_date(tmp_path: Path) -> None:
    path = tmp_path / "world.atom"
    path.write_text(ATOM, encoding="utf-8")
    arts, errs = read(path)
    assert not errs
    assert [(a.id, a.pub_date) for a in arts] == [("urn:e1", "2025-01-19"), ("urn:e2", "2025-01-18")]
    assert arts[0].text == "US imposes sanctions on Iran\n" + EN_SANCTION
    assert arts[1].text.endswith("delegations in Istanbul.")
    assert arts[0].source == "World"


def test_feed_as_xml_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.xml"
    path.write_text(RSS, encoding="utf-8")
    arts, _ = read(path)
    assert len(arts) == 2


@pytest.mark.parametrize(("name", "data", "message"), [
    ("broken.xml", b"this is not xml at all <<<", "not a readable RSS/Atom feed"),
    ("empty.rss", b"", "empty file"),
])
def test_unreadable_feeds_give_one_error(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert one_error(path).message.startswith(message)


# --------------------------------------------------------------------- directories, bad files

def test_directories_are_read_recursively_in_order_and_unknown_types_skipped(mixed_corpus: Path) -> None:
    arts, errs = read(mixed_corpus)
    assert [a.id for a in arts] == ["copy_of_treaty", "j1", "j3", "cp1256", "sanctions_en", "treaty"]
    assert sorted(Path(e.path).name + (f":{e.line}" if e.line else "") for e in errs) == [
        "empty.txt", "feed.jsonl:2", "feed.jsonl:4", "image.txt"]
    assert not any("notes.md" in str(e) for e in errs)


def test_explicitly_named_unknown_file_and_missing_path_are_errors(tmp_path: Path) -> None:
    md = tmp_path / "notes.md"
    md.write_text("# notes")
    assert one_error(md).message.startswith("unsupported file type")
    missing = tmp_path / "nope.txt"
    assert one_error(missing).message == "no such file or directory"


@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", b"", "empty file"),
    ("spaces.txt", b"   \n\n", "empty file"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary file"),
    ("latin1.txt", "café naïve résumé déjà vu à la carte".encode("latin-1"), "cannot decode"),
    ("empty.html", b"", "empty file"),
])
def test_bad_files_give_one_line_error_naming_the_file(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    err = one_error(path)
    assert err.message.startswith(message)
    assert err.id == Path(name).stem


@pytest.mark.parametrize("name", ["huge.txt", "huge.html", "huge.rss"])
def test_oversized_file_is_refused_without_reading_it(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with path.open("wb") as fh:  # sparse: 21 MB on paper, nothing on disk
        fh.truncate(21 * 1024 * 1024)
    assert one_error(path).message == "file too large (22.0 MB > 20 MB limit)"


def test_oversized_jsonl_line_is_one_error_and_other_lines_still_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("wb") as fh:
        fh.write(jsonl_record("before", AR_SANCTION).encode() + b"\n")
        fh.write(b'{"id": "huge", "text": "' + b"a" * (21 * 1024 * 1024) + b'"}\n')
        fh.write(jsonl_record("after", AR_DRONES).encode() + b"\n")
    arts, errs = read(path)
    assert [a.id for a in arts] == ["before", "after"]
    assert [(e.line, e.message) for e in errs] == [(2, "line too large (> 20 MB)")]


def test_unreadable_file_permission_is_an_error(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root can read anything")
    path = tmp_path / "secret.txt"
    path.write_text(AR_ARTICLE, encoding="utf-8")
    path.chmod(0)
    assert one_error(path).message.startswith("cannot read")
