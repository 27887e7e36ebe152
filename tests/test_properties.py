"""Properties of the normal form (hypothesis): canonicalising is idempotent through the
writer and reader, and loses no value (docs/canonical-format.md section 3)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sp_config_guard.errors import InputError
from sp_config_guard.load.yamlio import parse_yaml
from sp_config_guard.model.kinds import default_registry
from sp_config_guard.normalize.canonical import canonicalise, clean_text, render

# Danish text with the whitespace, line ends and look-alikes that exports are full of.
_ALPHABET = "abcdefghijklmnoprstuvyæøåÆØÅéüµ²DKN0123456789 .,;:-/#'\"|>%&*!?\t\r\n\u00a0\u0301"
_texts = st.one_of(
    st.text(alphabet=_ALPHABET, max_size=30),
    st.sampled_from(
        [
            *["0800", "no", "on", "yes", "y", "N", "~", "null", "2026-10-30", "1e3", "true"],
            *["012", "mg/m²", "µg/kg/min", "IE/ml", "hver 4. time", "trombocytter < 50x10⁹"],
        ]
    ),
    st.integers(min_value=0, max_value=99_999).map(lambda n: f"0{n}"),  # codes like "0800"
    st.builds(lambda a, b: f"  {a}\r\n{b}  ", st.text(_ALPHABET, max_size=8), st.text(max_size=8)),
    st.text(max_size=12),  # anything, control characters included
)
_numbers = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
)
_scalars = st.one_of(_texts, _numbers, st.booleans(), st.none())
# Keys as exports have them; keys with whitespace or in NFD are tested in test_normalize.py.
_keys = st.text(alphabet="abcdefghij_0123æøå", min_size=1, max_size=6)
_nested = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=12,
)
_ids = st.builds(
    lambda prefix, number: f"{prefix}{number}",
    st.sampled_from(["", "L", "P", "G", "AB"]),
    st.integers(min_value=0, max_value=2000),
)
_positive = st.one_of(
    st.integers(min_value=1, max_value=10**6),
    st.floats(min_value=0.001, max_value=1e6, allow_nan=False, allow_infinity=False),
)


@st.composite
def _artifacts(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["PreferenceList", "Medication"]))
    spec: dict[str, Any]
    if kind == "PreferenceList":
        entry = st.fixed_dictionaries(
            {"id": _ids},
            optional={
                "medication": _ids,
                "order": _texts,
                "default_frequency": _texts,
                "default_dose": st.fixed_dictionaries({"value": _positive, "unit": _texts}),
            },
        )
        spec = {
            "list_type": draw(st.sampled_from(["medicin", "laboratorie", "procedure"])),
            "specialty": draw(_texts),
            "entries": draw(st.lists(entry, max_size=6)),
        }
    else:
        spec = {
            "generic_name": draw(_texts),
            "atc": draw(_texts),
            "strength": {"value": draw(_positive), "unit": draw(_texts)},
            "allowed_frequencies": draw(st.lists(_texts, max_size=5)),
            "high_alert": draw(st.booleans()),
            "label_text": draw(_texts),
        }
    # content the schema does not describe: kept as it is, only cleaned
    spec.update(draw(st.dictionaries(_keys.map(lambda k: f"x_{k}"), _nested, max_size=3)))
    data = {
        "kind": kind,
        "id": draw(_ids),
        "name": draw(_texts),
        "scope": {"level": "central"},
        "status": "active",
        "owner": draw(_texts),
        "spec": spec,
        "meta": draw(st.dictionaries(_keys, _nested, max_size=3)),
    }
    order = draw(st.permutations(list(data)))
    return {key: data[key] for key in order}


def _colliding_keys(value: Any) -> bool:
    """Whether some mapping has two keys that clean to the same key."""
    if isinstance(value, dict):
        cleaned = [clean_text(str(key)) for key in value]
        return len(set(cleaned)) < len(cleaned) or any(map(_colliding_keys, value.values()))
    if isinstance(value, list):
        return any(map(_colliding_keys, value))
    return False


def _expected(value: Any) -> Any:
    """What a scalar becomes: text cleaned, integral floats written as ints."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _leaves(value: Any, path: tuple[str, ...] = ()) -> Counter[tuple[Any, ...]]:
    """Multiset of (path without list indices, type, value) of every non-empty scalar."""
    out: Counter[tuple[Any, ...]] = Counter()
    if isinstance(value, dict):
        for key, sub in value.items():
            out += _leaves(sub, (*path, clean_text(str(key))))
    elif isinstance(value, list):
        for sub in value:
            out += _leaves(sub, (*path, "[]"))
    else:
        scalar = _expected(value)
        if scalar is not None and scalar != "":
            out[(path, type(scalar).__name__, scalar)] += 1
    return out


_SETTINGS = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _canonicalise(data: dict[str, Any]) -> dict[str, Any] | None:
    """The canonical form, or None when the input is refused (for colliding keys only)."""
    try:
        return canonicalise(data, default_registry().get(data["kind"]))
    except InputError:
        assert _colliding_keys(data), "refused an artifact without colliding keys"
        return None


@_SETTINGS
@given(_artifacts())
def test_canonical_form_is_a_fixed_point_of_write_and_read(data: dict[str, Any]) -> None:
    canonical = _canonicalise(data)
    if canonical is None:
        return
    text = render(canonical)
    (read_back,) = parse_yaml(text, "property.yaml")
    assert read_back == canonical
    again = _canonicalise(read_back)
    assert again == canonical
    assert render(again) == text


@_SETTINGS
@given(_artifacts())
def test_canonicalising_loses_no_value(data: dict[str, Any]) -> None:
    """Every non-empty value is in the output (lists may be reordered), or the artifact is
    refused: two keys that clean to the same key must not silently become one."""
    snapshot = repr(data)
    canonical = _canonicalise(data)
    assert repr(data) == snapshot  # the input is not changed
    if canonical is not None:
        assert _leaves(canonical) == _leaves(data)
