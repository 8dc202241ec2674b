"""Everyday equivalences are scaled to the figure: never "0.0 km by car"."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.impact.equivalences import (
    SMALLEST_COUNT, SMALLEST_SHARE, decimals_for, equivalences, parse_equivalences, readable,
)


def test_small_figures_use_small_units():
    shown = {e.id: e for e in readable(equivalences(0.02), limit=10)}
    assert shown["car-km"].unit("en") == "metres by car" and round(shown["car-km"].value) == 92
    assert shown["car-km"].unit("fr") == "mètres en voiture"
    assert shown["streaming-hour"].unit("en") == "minutes of video streaming"
    assert round(shown["streaming-hour"].value) == 33
    assert "paris-new-york-flight" not in shown  # 0.00003 flights says nothing: left out


def test_large_figures_keep_their_units():
    shown = {e.id: e for e in readable(equivalences(50.0), limit=10)}
    assert shown["car-km"].unit("en") == "km by car" and round(shown["car-km"].value) == 229


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=1e-6, max_value=1e6, allow_nan=False))
def test_no_equivalence_reads_as_zero(kg):
    for e in readable(equivalences(kg), limit=10):
        assert e.value >= (SMALLEST_SHARE if e.kind == "share" else SMALLEST_COUNT)
        assert round(e.value, decimals_for(e)) > 0  # the figure as shown is never 0 or 0.0


def test_small_unit_fields_are_validated():
    base = {"id": "x", "kind": "count", "kg_per_unit": 1.0, "unit_en": "km", "unit_fr": "km", "label_en": "a",
            "label_fr": "a", "source": "s"}
    import pytest

    from cleanup_desktop.core.impact.methods import MethodError

    with pytest.raises(MethodError):
        parse_equivalences({"equivalence": [{**base, "small_factor": 0.5, "small_unit_en": "m", "small_unit_fr": "m"}]})
    with pytest.raises(MethodError):
        parse_equivalences({"equivalence": [{**base, "small_factor": 1000}]})
    ok = parse_equivalences({"equivalence": [{**base, "small_factor": 1000, "small_unit_en": "m", "small_unit_fr": "m"}]})
    assert ok["x"].small_factor == 1000
