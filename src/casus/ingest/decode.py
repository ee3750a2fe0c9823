"""Bytes → text for article files, with the encodings Arabic news really comes in.

UTF-8 first; UTF-16 (with or without a byte-order mark) and Windows-1256 are
recognised rather than rejected. Anything else is an error with a reason.
"""

from __future__ import annotations

import codecs

from casus.text.lang import arabic_share

MAX_BYTES = 20 * 1024 * 1024


class DecodeError(ValueError):
    """The bytes are not an article we can read; the message says why in a few words."""


def decode_article(data: bytes) -> str:
    """Decode one article's bytes, or raise DecodeError saying why not."""
    if len(data) > MAX_BYTES:
        raise DecodeError(f"file too large ({len(data) / 1e6:.1f} MB > {MAX_BYTES // (1024 * 1024)} MB limit)")
    if not data.strip():
        raise DecodeError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data:
        guess = _utf16_without_bom(data)
        if guess is None:
            raise DecodeError("binary file (contains NUL bytes), not text")
        return guess
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _windows_1256(data)
    if not text.strip():
        raise DecodeError("empty file")
    if _control_share(text) > 0.05:
        raise DecodeError("binary file (control characters), not text")
    return text


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"cannot decode as {encoding}: {exc.reason} at byte {exc.start}") from exc


def _utf16_without_bom(data: bytes) -> str | None:
    even_nul = data[0::2].count(0) / max(1, len(data[0::2]))
    odd_nul = data[1::2].count(0) / max(1, len(data[1::2]))
    odd_06 = data[1::2].count(6) / max(1, len(data[1::2]))
    even_06 = data[0::2].count(6) / max(1, len(data[0::2]))
    for encoding, nul_share, six_share in (("utf-16-le", odd_nul, odd_06), ("utf-16-be", even_nul, even_06)):
        # ASCII text in UTF-16 has NUL every other byte; Arabic (U+06xx) has 0x06 there instead
        if nul_share > 0.2 or six_share > 0.3:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _control_share(text) < 0.05:
                return text
    return None


def _windows_1256(data: bytes) -> str:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as exc:
        raise DecodeError("cannot decode: not UTF-8, UTF-16 or Windows-1256 text") from exc
    if arabic_share(text) < 0.5:
        raise DecodeError("cannot decode: not UTF-8, UTF-16 or Windows-1256 Arabic text")
    return text


def _control_share(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for c in sample if c < " " and c not in "\n\r\t\f\v")
    return bad / max(1, len(sample))
