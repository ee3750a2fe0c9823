"""The Python API of the assessment stage (used by the CLI and the web UI).

Both functions return plain JSON-ready dicts: exactly what `casus assess --json`
and `casus ask --json` print. Bad input raises `AssessInputError` (a ValueError)
with a one-line message; an unparsable question is not an exception but an
error object naming the missing part and the equivalent `casus assess` command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casus.assess.assess import assess as _assess
from casus.assess.codes import AssessInputError
from casus.assess.question import explain_failure, parse_question

__all__ = ["AssessInputError", "ask_json", "assess_json"]


def assess_json(patron: str, client: str, attacker: str | None = None, as_of: str | None = None,
                db: str | Path | None = None, scale: str = "war") -> dict[str, Any]:
    """Assess "would `patron` intervene militarily if `client` is attacked by `attacker`?" (ISO3 codes).

    `attacker`: ISO3, several comma-separated ("ISR,USA"), "none" for a non-state
    attacker, or None for the attackers seen against the client (listed in
    `attackers_seen`, each assessed in `per_attacker`). `as_of`: YYYY-MM-DD (today
    when None); only news up to that date is used. `db`: the casus store; when it
    does not exist the assessment uses reference data alone and says so in `news`.
    """
    if db is None:
        from casus.store.db import default_db_path

        db = default_db_path()
    return _assess(patron, client, attacker, as_of=as_of, db=db, scale=scale)


def ask_json(question: str, as_of: str | None = None, db: str | Path | None = None,
             scale: str = "war") -> dict[str, Any]:
    """Parse an Arabic or English question and assess it.

    A question that cannot be parsed gives `{"error", "missing", "suggestion", "parsed"}` instead.
    """
    parsed = parse_question(question)
    if not parsed.ok:
        return {"error": explain_failure(parsed), "missing": parsed.missing, "suggestion": parsed.command(),
                "parsed": parsed.to_dict()}
    attacker = parsed.attacker or ("none" if parsed.non_state else None)
    result = assess_json(parsed.patron or "", parsed.client or "", attacker, as_of=as_of, db=db, scale=scale)
    return {"parsed": parsed.to_dict(), "command": parsed.command(), **result}
