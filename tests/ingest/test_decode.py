"""Arabic news arrives as UTF-8, UTF-16 and Windows-1256; those must be read, anything else rejected with a reason."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.ingest.decode import MAX_BYTES, DecodeError, decode_article

ARTICLE = ("روسيا وإيران توقعان معاهدة شراكة استراتيجية\n"
           "وقع الرئيس الروسي فلاديمير بوتين ونظيره الإيراني مسعود بيزشكيان المعاهدة في موسكو.\n")


@pytest.mark.parametrize("encode", [
    lambda t: t.encode("utf-8"),
    lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
    lambda t: t.encode("utf-16"),                       # with BOM
    lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
    lambda t: t.encode("utf-16-le"),                    # without BOM (Windows "Unicode" exports)
    lambda t: t.encode("utf-16-be"),                    # without BOM, big-endian
    lambda t: t.encode("cp1256"),                       # Windows-1256 (Arabic Windows)
], ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom", "cp1256"])
def test_arabic_in_every_common_encoding_decodes_to_the_same_text(encode) -> None:
    assert decode_article(encode(ARTICLE)) == ARTICLE


def test_english_utf16_without_bom_decodes() -> None:
    text = "The United States imposed new sanctions on Iran on Sunday.\n"
    assert decode_article(text.encode("utf-16-le")) == text


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b" \n\t\r\n ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
    (bytes(range(1, 32)) * 40, "binary file (control characters)"),
    ("café au lait, naïve résumé, plain Latin-1 text".encode("latin-1"), "cannot decode"),
    (codecs.BOM_UTF8 + b"\xff\xfe\xfa broken", "cannot decode as utf-8"),
])
def test_unreadable_bytes_are_rejected_with_a_short_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_article(data)
    assert str(info.value).startswith(reason)
    assert "\n" not in str(info.value)


def test_oversized_input_is_refused_before_decoding() -> None:
    with pytest.raises(DecodeError, match=r"file too large \(.* > 20 MB limit\)"):
        decode_article(b"a" * (MAX_BYTES + 1))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_text_or_a_decode_error(data: bytes) -> None:
    """Whatever the bytes, the result is text or a DecodeError, never another exception."""
    try:
        assert isinstance(decode_article(data), str)
    except DecodeError as exc:
        assert str(exc)
