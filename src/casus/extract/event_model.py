"""The trained event scorer: a multinomial logistic model over sparse string features.

Weights live in `data/event_model.json` (written by `casus.extract.training`).
Scoring is a few dictionary look-ups per feature, so it costs little next to
the rest of the pipeline and needs no numerical library at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

CLASSES = ("none", "asserted", "hypothetical", "negated")
Vector = tuple[float, float, float, float]  # one number per class in CLASSES
GroupKey = tuple[Any, ...]
# `EventModel.sums` is emptied when it grows past this many groups; the group keys come from small vocabularies
# (types, slots, positions, rules, prepositions: some 13,000 keys after 12,000 news articles), so it rarely is
MAX_REMEMBERED_SUMS = 50_000


@dataclass(frozen=True, slots=True)
class EventModel:
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    threshold: float
    info: dict[str, Any]
    # a threshold per language where cross-validation chose one (English and Arabic news differ in how
    # many candidates they raise per event); `threshold` otherwise
    by_lang: dict[str, float] = field(default_factory=dict)
    # the weight sums of feature groups by a key that determines the group's features (`remember`); the
    # same groups recur in every article, so most are summed once per process
    sums: dict[GroupKey, Vector] = field(default_factory=dict, repr=False, compare=False)

    def threshold_for(self, lang: str | None) -> float:
        return self.by_lang.get(lang or "", self.threshold)

    def partial(self, features: list[str], start: list[float] | None = None) -> list[float]:
        """Class scores (logits) from these features, added to `start` (default: the bias)."""
        s0, s1, s2, s3 = self.summed(features)
        base = start if start is not None else self.bias
        return [base[0] + s0, base[1] + s1, base[2] + s2, base[3] + s3]

    def summed(self, features: list[str]) -> Vector:
        """These features' weights summed per class (one per class in CLASSES), in list order from 0.0."""
        get = self.weights.get
        s0 = s1 = s2 = s3 = 0.0
        for f in features:
            w = get(f)
            if w is not None:
                s0 += w[0]
                s1 += w[1]
                s2 += w[2]
                s3 += w[3]
        return s0, s1, s2, s3

    def remember(self, key: GroupKey, features: Callable[[GroupKey], list[str]]) -> Vector:
        """The weight sum of the feature group `features(key)`, summed now and kept under `key`: callers look
        in `sums` first, so the group's strings are built and looked up only the first time it occurs."""
        if len(self.sums) >= MAX_REMEMBERED_SUMS:
            self.sums.clear()
        found = self.sums[key] = self.summed(features(key))
        return found

    @staticmethod
    def _softmax(scores: list[float]) -> list[float]:
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return [e / total for e in exps]

    def probabilities(self, features: list[str]) -> list[float]:
        return self._softmax(self.partial(features))

    def _decide(self, probs: list[float], lang: str | None = None) -> tuple[str, float]:
        p_event = 1.0 - probs[0]
        if p_event < self.threshold_for(lang):
            return "none", p_event
        best = max(range(1, len(CLASSES)), key=lambda i: probs[i])
        return CLASSES[best], p_event

    def decide(self, features: list[str], lang: str | None = None) -> tuple[str, float]:
        """("none" | modality, probability that this is an event at all)."""
        return self._decide(self.probabilities(features), lang)

    def decide_logits(self, logits: list[float], lang: str | None = None) -> tuple[str, float, list[float]]:
        """`decide` from class scores already summed, with the class probabilities (for `best_of`)."""
        probs = self._softmax(logits)
        label, p_event = self._decide(probs, lang)
        return label, p_event, probs

    @staticmethod
    def best_of(probs: list[float]) -> str:
        """The most probable modality class, ignoring "none"."""
        return CLASSES[max(range(1, len(CLASSES)), key=lambda i: probs[i])]

    def best_modality(self, features: list[str]) -> str:
        """The most probable modality class, ignoring "none"."""
        return self.best_of(self.probabilities(features))

    def to_json(self) -> dict[str, Any]:
        return {"classes": list(CLASSES), "bias": list(self.bias), "threshold": self.threshold,
                "thresholds_by_lang": dict(sorted(self.by_lang.items())),
                "info": self.info, "weights": {k: list(v) for k, v in sorted(self.weights.items())}}


def model_path() -> Path:
    return Path(str(resources.files("casus.extract") / "data" / "event_model.json"))


def from_json(data: dict[str, Any]) -> EventModel:
    return EventModel({k: tuple(v) for k, v in data["weights"].items()}, tuple(data["bias"]),
                      float(data["threshold"]), data.get("info", {}),
                      {k: float(v) for k, v in (data.get("thresholds_by_lang") or {}).items()})


@cache
def load_event_model() -> EventModel | None:
    """The shipped model, or None when it has not been trained (rules alone are used then)."""
    path = model_path()
    if not path.exists():
        return None
    return from_json(json.loads(path.read_text(encoding="utf-8")))
