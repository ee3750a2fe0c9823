"""Display values for an assessment result (`casus assess --json`), so templates do no number formatting.

Tolerant by design: the assessor's record may grow fields; anything missing
is simply not shown.
"""

from __future__ import annotations

import json
from typing import Any

EVIDENCE_SHOWN = 5


def pct(value: Any) -> str | None:
    """18%, 1.3%, 0.4%: one decimal below 10% so small probabilities are not all "1%"."""
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return None
    return f"{value:.1%}" if abs(value) < 0.1 else f"{value:.0%}"


def interval(value: Any) -> str | None:
    if isinstance(value, dict):
        value = (value.get("low", value.get("lo")), value.get("high", value.get("hi")))
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(pct(v) for v in value):
        return f"{pct(value[0])}–{pct(value[1])}"
    return None


def value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)[:200]
    return str(value)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def factor_rows(factors: Any) -> list[dict[str, Any]]:
    """Factors with their contribution: bar length on the log-odds scale, texts for pp and odds ratio."""
    rows = [f for f in factors or [] if isinstance(f, dict)]

    def size(f: dict[str, Any]) -> float | None:
        return _number(f.get("effect_log_odds")) if _number(f.get("effect_log_odds")) is not None \
            else _number(f.get("effect"))

    top = max((abs(size(f) or 0.0) for f in rows), default=0.0) or 1.0
    out = []
    for f in rows:
        s = size(f)
        effect = _number(f.get("effect"))
        odds = _number(f.get("odds_ratio"))
        evidence = [e for e in f.get("evidence") or [] if isinstance(e, dict)]
        out.append({**f, "title": f.get("label") or f.get("name") or "",
                    "value_text": value_text(f.get("value")),
                    "effect_text": f"{effect * 100:+.2f} pp" if effect is not None else value_text(f.get("effect")),
                    "odds_text": f"odds ×{odds:.2f}" if odds is not None else "",
                    "bar": round(50 * abs(s) / top) if s is not None else 0,
                    "bar_dir": "up" if s and s > 0 else "down" if s and s < 0 else "none",
                    "evidence_head": evidence[:EVIDENCE_SHOWN], "evidence_rest": evidence[EVIDENCE_SHOWN:]})
    return out


def present(result: dict[str, Any]) -> dict[str, Any]:
    """Everything the Ask page shows, formatted."""
    estimative = result.get("estimative") if isinstance(result.get("estimative"), dict) else {}
    parsed = result.get("parsed") if isinstance(result.get("parsed"), dict) else {}
    lang = parsed.get("lang") or "en"  # the Arabic wording is shown for Arabic questions
    level = _number(result.get("interval_level"))
    alternative = result.get("alternative_scale") if isinstance(result.get("alternative_scale"), dict) else None
    model = result.get("model")
    return {
        "probability": pct(result.get("probability")),
        "interval": interval(result.get("interval")),
        "interval_level": f"{level:.0%}" if level else None,
        "words_en": estimative.get("en"),
        "words_ar": estimative.get("ar") if lang == "ar" else None,
        "base_rate": pct(result.get("base_rate")) or value_text(result.get("base_rate")),
        "factors": factor_rows(result.get("factors")),
        "per_attacker": [dict(p, probability_text=pct(p.get("probability")), interval_text=interval(p.get("interval")))
                         for p in result.get("per_attacker") or [] if isinstance(p, dict)],
        "alternative": dict(alternative, probability_text=pct(alternative.get("probability")),
                            interval_text=interval(alternative.get("interval"))) if alternative else None,
        "claims": [dict(c, probability_text=pct(c.get("probability")))
                   for c in result.get("source_claims") or [] if isinstance(c, dict)],
        "model": model if isinstance(model, dict) else ({"name": model} if model else {}),
        "notes": [n for n in parsed.get("notes") or [] if isinstance(n, str)],
        "caveats": [c for c in result.get("caveats") or [] if isinstance(c, str)],
    }
