"""Language id by script: it picks the lexicons, so a wrong guess loses every actor and event."""

from __future__ import annotations

import pytest

from casus.text.lang import arabic_share, detect_language


@pytest.mark.parametrize(("text", "lang"), [
    ("فرضت الولايات المتحدة عقوبات جديدة على إيران بسبب برنامجها النووي.", "ar"),
    ("The United States imposed new sanctions on Iran on Sunday, the Treasury said.", "en"),
    ("قالت وكالة رويترز (Reuters) إن طهران (Tehran) نفت التقرير.", "ar"),            # Arabic with Latin names
    ("Iran's foreign minister Abbas Araghchi (عباس عراقجي) spoke in Geneva.", "en"),  # English with an Arabic name
    ("پوتین و پزشکیان در مسکو دیدار کردند", "ar"),                                 # Persian script reads as Arabic
    ("١٧ يناير ٢٠٢٥", "ar"),
])
def test_language_follows_the_dominant_script(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_text_without_letters_defaults_to_english() -> None:
    assert detect_language("") == "en"
    assert detect_language("2025-01-17 12:00") == "en"


def test_only_the_head_is_sampled() -> None:
    """A long English appendix after an Arabic article does not flip its language."""
    text = "روسيا وإيران توقعان معاهدة شراكة استراتيجية. " * 100 + "English boilerplate " * 5000
    assert detect_language(text) == "ar"


def test_arabic_share_judges_a_decoding() -> None:
    assert arabic_share("روسيا وإيران") == 1.0
    assert arabic_share("Russia") == 0.0
    assert arabic_share("ÑæÓíÇ æÅíÑÇä") == 0.0  # Windows-1256 bytes misread as Latin-1: no Arabic letters
    assert arabic_share("...") == 0.0
