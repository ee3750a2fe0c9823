"""Readers: files and directories → a stream of Articles (or InputErrors).

Each reader yields one item per article and never raises for bad input: a bad
file or line becomes an `InputError` naming it, so a batch goes on past it.
Nothing is read whole into memory except a single article or feed file.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from casus.ingest.decode import MAX_BYTES, DecodeError, decode_article
from casus.model import Article

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
ALL_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + FEED_SUFFIXES
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class InputError:
    """One input that could not be read: which file (and line), and why."""

    path: str
    message: str
    line: int | None = None
    id: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


Item = Article | InputError


def kind_of(path: Path) -> str | None:
    name = path.name.lower()
    for kind, suffixes in (("jsonl", JSONL_SUFFIXES), ("text", TEXT_SUFFIXES),
                           ("html", HTML_SUFFIXES), ("feed", FEED_SUFFIXES)):
        if name.endswith(suffixes):
            return kind
    return None


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Expand directories (recursively, sorted); unknown file types inside directories are skipped."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if kind_of(child) is not None:
                    yield child
        elif path.is_file():
            if kind_of(path) is None:
                yield InputError(str(path), f"unsupported file type (expected one of {', '.join(ALL_SUFFIXES)})")
            else:
                yield path
        else:
            yield InputError(str(path), "no such file or directory")


def read_paths(paths: Iterable[str | Path], pub_date: str | None = None) -> Iterator[Item]:
    """Every article under `paths`, in order; `pub_date` fills in articles that carry none."""
    for path in iter_files(paths):
        if isinstance(path, InputError):
            yield path
            continue
        for item in read_file(path):
            if isinstance(item, Article) and pub_date and not item.pub_date:
                item.pub_date = pub_date
            yield item


def read_file(path: Path) -> Iterator[Item]:
    kind = kind_of(path)
    if kind == "jsonl":
        yield from read_jsonl(path)
    elif kind == "feed":
        yield from read_feed(path)
    else:
        try:
            text = decode_article(_read_limited(path))
        except (DecodeError, OSError) as exc:
            yield InputError(str(path), _reason(exc), id=_stem(path))
            return
        if kind == "html":
            yield from _html_article(path, text)
        else:
            yield text_article(_stem(path), text, path=str(path))


def _read_limited(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise DecodeError(f"file too large ({size / 1e6:.1f} MB > {MAX_BYTES // (1024 * 1024)} MB limit)")
    return path.read_bytes()


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return f"cannot read: {exc.strerror or exc}"
    return str(exc)


def _stem(path: Path) -> str:
    name = path.name
    for suffix in sorted(ALL_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def text_article(article_id: str, text: str, path: str | None = None, pub_date: str | None = None) -> Article:
    """A plain-text article: the first non-empty line is its title."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    stripped = text.lstrip()
    title = stripped.split("\n", 1)[0].strip()
    if len(title) > 300:  # a one-line article has no separate title
        title = ""
    return Article(id=article_id, text=stripped, title=title, pub_date=pub_date, path=path)


def _html_article(path: Path, html: str) -> Iterator[Item]:
    article = html_article(_stem(path), html, path=str(path))
    if article is None:
        yield InputError(str(path), "no article text found in the HTML page", id=_stem(path))
    else:
        yield article


def html_article(article_id: str, html: str, path: str | None = None) -> Article | None:
    """The main text of an HTML page (trafilatura) as an Article, or None if the page has none."""
    import trafilatura

    body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
    if not body or not body.strip():
        return None
    meta = trafilatura.extract_metadata(html)
    title = (meta.title or "").strip() if meta else ""
    date = meta.date if meta and meta.date and _DATE.match(meta.date) else None
    text = f"{title}\n{body}" if title and not body.startswith(title) else body
    art = text_article(article_id, text, path=path, pub_date=date)
    art.url = meta.url if meta else None
    return art


def read_jsonl(path: Path) -> Iterator[Item]:
    """One article per line: `id` and `text` required; `title`, `date`, `url`, `source`, `lang` optional."""
    try:
        raw = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")
    except OSError as exc:
        yield InputError(str(path), _reason(exc))
        return
    with raw as fh:
        stream = io.BufferedReader(fh) if not isinstance(fh, io.BufferedReader) else fh
        records = 0
        try:
            if b"\x00" in stream.peek(8192)[:8192]:
                yield InputError(str(path), "binary file (contains NUL bytes), not UTF-8 JSONL")
                return
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                records += 1
                yield _jsonl_item(path, number, line)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield InputError(str(path), f"cannot read compressed stream: {exc}")
            return
        if not records:
            yield InputError(str(path), "empty file")


def _jsonl_item(path: Path, number: int, line: bytes) -> Item:
    where = str(path)
    if len(line) > MAX_BYTES:
        return InputError(where, "line too large (> 20 MB)", number)
    try:
        obj = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return InputError(where, f"not valid JSON ({exc.__class__.__name__}: {str(exc)[:60]})", number)
    if not isinstance(obj, dict):
        return InputError(where, f"expected a JSON object, got {type(obj).__name__}", number)
    text, art_id = obj.get("text"), obj.get("id")
    if not isinstance(text, str):
        return InputError(where, "record has no 'text' string", number, _id(art_id))
    if art_id is None or str(art_id).strip() == "":
        return InputError(where, "record has no 'id'", number)
    if not text.strip():
        return InputError(where, "empty article text", number, _id(art_id))
    title = str(obj.get("title") or "").strip()
    body = text.replace("\r\n", "\n")
    full = f"{title}\n{body}" if title and not body.lstrip().startswith(title) else body.lstrip()
    date = obj.get("date") or obj.get("pub_date")
    date = str(date)[:10] if date and _DATE.match(str(date)[:10]) else None
    lang = obj.get("lang")
    return Article(id=str(art_id), text=full, title=title or full.split("\n", 1)[0].strip(), pub_date=date,
                   url=_label(obj.get("url")), source=_label(obj.get("source")),
                   lang=lang.strip().lower() if isinstance(lang, str) and lang.strip() else None,
                   path=f"{where}:{number}")


def _id(value: object) -> str | None:
    return None if value is None else str(value)


def _label(value: object) -> str | None:
    """An optional text field as text: numbers are written out; lists, objects and blanks are dropped
    rather than stored as their Python repr."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def read_feed(path: Path) -> Iterator[Item]:
    """An RSS/Atom file: each entry is an article (title + summary/content text)."""
    import feedparser

    try:
        data = _read_limited(path)
    except (DecodeError, OSError) as exc:
        yield InputError(str(path), _reason(exc))
        return
    if not data.strip():
        yield InputError(str(path), "empty file")
        return
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield InputError(str(path), f"not a readable RSS/Atom feed ({feed.bozo_exception.__class__.__name__})")
        return
    for n, entry in enumerate(feed.entries, 1):
        html = ""
        if entry.get("content"):
            html = " ".join(c.get("value", "") for c in entry.content)
        html = html or entry.get("summary", "")
        body = _html_to_text(html)
        title = (entry.get("title") or "").strip()
        if not body and not title:
            yield InputError(str(path), "feed entry has no text", n)
            continue
        date = None
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        if parsed:
            date = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
        art_id = entry.get("id") or entry.get("link") or f"{_stem(path)}-{n}"
        text = f"{title}\n{body}" if title else body
        yield Article(id=str(art_id), text=text, title=title, pub_date=date, url=entry.get("link"),
                      source=feed.feed.get("title"), path=f"{path}:{n}")


_TAG = re.compile(r"<[^>]+>")


def _html_to_text(html: str) -> str:
    import html as htmllib

    return re.sub(r"[ \t]+", " ", htmllib.unescape(_TAG.sub(" ", html))).strip()
