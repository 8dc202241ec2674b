"""Checks a JSON document against the TypedDict that documents it.

``problems(doc, Type)`` lists every place where the document and its declared type disagree:
a key the writer produced that the type does not declare, a required key it did not produce,
or a value of another type than declared (recursively through lists, dicts, unions and nested
TypedDicts). An empty list means the document fits its contract.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, NotRequired, Required, Union, get_args, get_origin, get_type_hints


def is_typeddict(tp: Any) -> bool:
    return typing.is_typeddict(tp)


def _hints(td: Any) -> dict[str, Any]:
    return get_type_hints(td, include_extras=True)


def _strip(tp: Any) -> Any:
    while get_origin(tp) in (NotRequired, Required):
        tp = get_args(tp)[0]
    return tp


def problems(value: Any, tp: Any, where: str = "$") -> list[str]:
    tp = _strip(tp)
    if tp is Any or tp is object:
        return []
    if is_typeddict(tp):
        if not isinstance(value, dict):
            return [f"{where}: expected an object ({tp.__name__}), got {type(value).__name__}"]
        hints = _hints(tp)
        out = [f"{where}.{k}: key not declared in {tp.__name__}" for k in value if k not in hints]
        out += [f"{where}.{k}: required key of {tp.__name__} not produced" for k in tp.__required_keys__
                if k not in value]
        for k, v in value.items():
            if k in hints:
                out += problems(v, hints[k], f"{where}.{k}")
        return out
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        tried = [problems(value, alt, where) for alt in get_args(tp)]
        return [] if any(not t for t in tried) else min(tried, key=len)
    if origin is Literal:
        return [] if value in get_args(tp) else [f"{where}: {value!r} is not one of {get_args(tp)}"]
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: expected a list, got {type(value).__name__}"]
        (item,) = get_args(tp)
        return [p for i, v in enumerate(value) for p in problems(v, item, f"{where}[{i}]")]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: expected an object, got {type(value).__name__}"]
        key_tp, val_tp = get_args(tp)
        out = [f"{where}: key {k!r} is not a {key_tp.__name__}" for k in value if not isinstance(k, key_tp)]
        return out + [p for k, v in value.items() for p in problems(v, val_tp, f"{where}[{k!r}]")]
    if tp is type(None) or tp is None:
        return [] if value is None else [f"{where}: expected null, got {value!r}"]
    if tp is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif tp is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    else:
        ok = isinstance(value, tp)
    return [] if ok else [f"{where}: expected {getattr(tp, '__name__', tp)}, got {type(value).__name__} {value!r:.60}"]


def assert_fits(value: Any, tp: Any, where: str = "$") -> None:
    found = problems(value, tp, where)
    assert not found, "\n".join(found[:30])


def declared_keys(td: Any) -> set[str]:
    return set(_hints(td))
