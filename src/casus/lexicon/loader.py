"""Read the lexicon data files that ship inside the package."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is ~10x faster; fall back to pure Python when libyaml is missing
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


class LexiconError(ValueError):
    """A data file is missing or malformed; the message names the file."""


def data_dir() -> Path:
    return Path(str(resources.files("casus.lexicon") / "data"))


@cache
def load_yaml(relative: str) -> Any:
    path = data_dir() / relative
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except FileNotFoundError as exc:
        raise LexiconError(f"{path}: lexicon file is missing") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML: {exc}") from exc


def load_yaml_glob(pattern: str) -> list[tuple[str, Any]]:
    """Every YAML file matching `pattern` under data/, in name order."""
    base = data_dir()
    return [(str(p.relative_to(base)), load_yaml(str(p.relative_to(base)))) for p in sorted(base.glob(pattern))]


@cache
def load_csv(relative: str) -> list[dict[str, str]]:
    path = data_dir() / relative
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            lines = (line for line in fh if not line.startswith("#"))
            return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(lines)]
    except FileNotFoundError as exc:
        raise LexiconError(f"{path}: lexicon file is missing") from exc


def load_csv_glob(pattern: str) -> list[dict[str, str]]:
    base = data_dir()
    rows: list[dict[str, str]] = []
    for p in sorted(base.glob(pattern)):
        rows.extend(load_csv(str(p.relative_to(base))))
    return rows


@cache
def word_set(relative: str, lang: str) -> frozenset[str]:
    """The `lang` list of a YAML word file ({ar: [...], en: [...]}), as the gazetteers see words: folded
    Arabic, lower-cased English."""
    from casus.text.normalize import fold

    forms = (load_yaml(relative) or {}).get(lang) or []
    return frozenset(fold(str(f)) if lang == "ar" else str(f).lower() for f in forms)


def as_list(value: Any) -> list[str]:
    """YAML fields may hold one string, a list, or nothing."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None and str(v).strip()]
