"""The event scorer: weights → decisions, with a threshold per language when training chose one."""

from __future__ import annotations

import json

from casus.extract.event_model import EventModel, from_json, load_event_model


def test_language_threshold_overrides_the_shared_one() -> None:
    # one feature worth p(event) = 1 - e^0 / (e^0 + e^1) ≈ 0.73 against "none"
    model = EventModel({"T=AID": (0.0, 1.0, 0.0, -50.0)}, (0.0, 0.0, -50.0, -50.0), 0.5, {}, {"en": 0.8})
    assert model.decide(["T=AID"], "ar")[0] == "asserted"
    assert model.decide(["T=AID"], "en")[0] == "none"
    assert model.decide(["T=AID"])[0] == "asserted"


def test_model_round_trips_through_json_with_its_language_thresholds() -> None:
    model = EventModel({"x": (0.1, 0.2, 0.3, 0.4)}, (0.0, 0.0, 0.0, 0.0), 0.35, {"C": 0.1}, {"ar": 0.3, "en": 0.25})
    again = from_json(json.loads(json.dumps(model.to_json())))
    assert again == model


def test_shipped_model_says_what_it_was_trained_on_and_how_it_scored() -> None:
    model = load_event_model()
    assert isinstance(model, EventModel)
    assert model.info["articles"] >= 240
    assert 0 < model.info["cv_asserted_event"]["f1"] < 1
