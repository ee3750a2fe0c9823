"""Evidence and facts: every number in an assessment carries where it came from."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One supporting item: a reference-data row or a news sentence."""

    kind: str            # "reference" | "news"
    text: str
    source: str          # dataset + row, YAML entry + URL, or article id
    date: str | None = None
    url: str | None = None
    article: str | None = None   # article id (news only)
    title: str | None = None     # article title (news only)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None or k in ("kind", "text", "source", "date")}


@dataclass(slots=True)
class Fact(Generic[T]):
    """A looked-up value and the evidence for it."""

    value: T
    evidence: list[Evidence] = field(default_factory=list)


def ref(text: str, source: str, date: str | None = None, url: str | None = None) -> Evidence:
    return Evidence("reference", text, source, date, url)
