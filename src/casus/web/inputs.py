"""Untrusted request input → validated values and Articles.

Everything a browser or API client sends passes through here, so the limits
(size, file types, date and code formats) are enforced in one place and every
refusal carries a message a user can act on. Nothing here touches the
filesystem: an uploaded file's name is only used, sanitised, as the article id.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from casus.ingest.decode import DecodeError, decode_article
from casus.ingest.readers import html_article, text_article
from casus.model import MODALITIES, PLOVER_TYPES, Article

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
"""Largest article (pasted text or uploaded file) the web stage accepts."""
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * 1024
"""Largest request body: one article plus room for form fields and multipart framing."""
UPLOAD_SUFFIXES = (".txt", ".html", ".htm")

_CODE = re.compile(r"^[A-Z][A-Z0-9_:\-]{1,39}$")  # RUS, HEZBOLLAH, RUS:VLADIMIR_PUTIN
_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ID_CHARS = re.compile(r"[^\w.\-]+")


class WebInputError(ValueError):
    """Bad request input: `status` is the HTTP status to answer with, the message says what to fix."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def too_large_message(size: int | None = None) -> str:
    """The 413 text, shared by the body-size middleware and the per-field checks."""
    got = f" ({size / 1e6:.1f} MB)" if size else ""
    return f"Article too large{got}: the limit is {MAX_UPLOAD_BYTES // (1024 * 1024)} MB per article or upload."


def check_date(value: str | None, name: str = "pub_date") -> str | None:
    """A full ISO date (YYYY-MM-DD) or None; blank counts as None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise WebInputError(f"{name}: {value[:40]!r} is not a date in the form YYYY-MM-DD") from None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise WebInputError(f"{name}: {value[:40]!r} is not a date in the form YYYY-MM-DD")
    return value


def check_period(value: str | None, name: str) -> str | None:
    """YYYY, YYYY-MM or YYYY-MM-DD (what the store queries accept) or None."""
    value = (value or "").strip()
    if not value:
        return None
    if not _PERIOD.fullmatch(value):
        raise WebInputError(f"{name}: {value[:40]!r} is not a period (YYYY, YYYY-MM or YYYY-MM-DD)")
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise WebInputError(f"{name}: {value!r} is not a valid date") from None
    return value


def check_code(value: str | None, name: str = "code") -> str | None:
    """An actor/state code such as RUS (upper-cased) or None."""
    value = (value or "").strip().upper()
    if not value:
        return None
    if not _CODE.fullmatch(value):  # codes go into SQL only as parameters; the check is for clear messages
        raise WebInputError(f"{name}: {value[:20]!r} is not an actor code (e.g. RUS, IRN, USA)")
    return value


def check_attacker(value: str | None) -> str | None:
    """An attacker for the assessor: one code, several comma-separated ("ISR,USA"), or "none" (a non-state attacker)."""
    value = (value or "").strip()
    if not value:
        return None
    if value.lower() == "none":
        return "none"
    codes = [check_code(part, "attacker") for part in value.split(",") if part.strip()]
    return ",".join(c for c in codes if c) or None


def check_scale(value: str | None) -> str:
    """The attack the assessment is about: "war" (default) or a limited "strike"."""
    value = (value or "war").strip().lower()
    if value not in ("war", "strike"):
        raise WebInputError(f"scale: {value[:20]!r} is not war or strike")
    return value


def check_type(value: str | None) -> str | None:
    value = (value or "").strip().upper()
    if not value:
        return None
    if value not in PLOVER_TYPES:
        raise WebInputError(f"type: {value[:20]!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    return value


def check_modality(value: str | None) -> str | None:
    value = (value or "").strip().lower()
    if not value:
        return None
    if value not in MODALITIES:
        raise WebInputError(f"modality: {value[:20]!r} is not one of {', '.join(MODALITIES)}")
    return value


def safe_id(value: str | None, fallback: str) -> str:
    """An article id made only of word characters, dots and dashes (ids end up in URLs and tables)."""
    cleaned = _ID_CHARS.sub("-", (value or "").strip()).strip("-.")[:80]
    return cleaned or fallback


def _content_id(text: str) -> str:
    return "web-" + hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


def article_from_text(text: str | None, title: str | None = None, pub_date: str | None = None,
                      article_id: str | None = None) -> Article:
    """An Article from pasted text, built like `casus extract` builds one from a .txt file.

    A separate title is put on the first line (as the JSONL reader does), so
    the record is the same one the CLI would produce for that text.
    """
    text = text or ""
    if len(text.encode("utf-8")) > MAX_UPLOAD_BYTES:
        raise WebInputError(too_large_message(len(text.encode("utf-8"))), status=413)
    if not text.strip():
        raise WebInputError("The article text is empty: paste an article or choose a .txt/.html file.")
    pub_date = check_date(pub_date)
    title = (title or "").strip().replace("\n", " ")
    if len(title) > 300:
        raise WebInputError("title: longer than 300 characters")
    body = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    full = f"{title}\n{body.lstrip()}" if title and not body.lstrip().startswith(title) else body
    return text_article(safe_id(article_id, _content_id(full)), full, pub_date=pub_date)


def article_from_upload(filename: str | None, data: bytes, pub_date: str | None = None) -> Article:
    """An Article from an uploaded .txt or .html file (decoded like the CLI readers decode files)."""
    name = (filename or "").strip()
    lower = name.lower()
    if not lower.endswith(UPLOAD_SUFFIXES):
        shown = name[:60] or "(no file name)"
        raise WebInputError(f"{shown}: unsupported file type; upload a .txt, .html or .htm file.", status=415)
    if len(data) > MAX_UPLOAD_BYTES:
        raise WebInputError(too_large_message(len(data)), status=413)
    pub_date = check_date(pub_date)
    try:
        decoded = decode_article(data)
    except DecodeError as exc:
        raise WebInputError(f"{name[:60]}: {exc}") from None
    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem[: stem.lower().rfind(".")]
    if lower.endswith(".txt"):
        article = text_article(safe_id(stem, _content_id(decoded)), decoded)
    else:
        found = html_article(safe_id(stem, _content_id(decoded)), decoded)
        if found is None:
            raise WebInputError(f"{name[:60]}: no article text found in the HTML page")
        article = found
    if pub_date:
        article.pub_date = pub_date
    return article
