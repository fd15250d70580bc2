"""The place of every value of a JSON file, checked against a plain search of the text."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

from airlift.errors import Problem
from airlift.tracks.jsondoc import JsonDoc, Path, parse_json


def _document(rng: random.Random, depth: int, counter: Iterator[int]) -> Any:
    """A random JSON value whose every scalar is a string found once in its text."""
    kind = rng.random()
    if depth == 0 or kind < 0.3:
        return f"v{next(counter)}"
    keys = ["k", "é", 'qu"ote', "k\n", "日本", "z"]
    if kind < 0.65:
        return {
            key: _document(rng, depth - 1, counter) for key in rng.sample(keys, rng.randint(0, 4))
        }
    return [_document(rng, depth - 1, counter) for _ in range(rng.randint(0, 4))]


def _paths(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*path, key))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _paths(child, (*path, i))


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def _offset(text: str, line: int, column: int) -> int:
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    return starts[line - 1] + column - 1


def _dump(rng: random.Random, value: Any) -> str:
    indent = rng.choice([None, 0, 2, "\t"])
    separators = rng.choice([(",", ":"), (", ", ": "), (" ,\r\n ", " : ")])
    return json.dumps(value, indent=indent, separators=separators, ensure_ascii=rng.random() < 0.5)


def _check(doc: JsonDoc, text: str, root: Any, prefix: Path) -> None:
    decoder = json.JSONDecoder()
    for path, value in _paths(root):
        line, column = doc.at((*prefix, *path))
        offset = _offset(text, line, column)
        if isinstance(value, str):
            assert (line, column) == _line_column(text, text.index(json.dumps(value)))
        assert decoder.raw_decode(text, offset)[0] == value


def test_every_value_is_found_where_it_is_written() -> None:
    rng = random.Random(7)
    for _ in range(300):
        counter = iter(range(10**6))
        value = _document(rng, 4, counter)
        text = "\n " + _dump(rng, value) + " \n"
        problems: list[Problem] = []
        doc = parse_json(text, "f.json", problems)
        assert doc is not None and not problems and doc.data == value
        _check(doc, text, value, ())


def test_several_values_are_read_as_json_lines() -> None:
    rng = random.Random(11)
    for _ in range(100):
        counter = iter(range(10**6))
        values = [_document(rng, 3, counter) for _ in range(rng.randint(2, 4))]
        text = "\n".join(json.dumps(v) for v in values) + "\n"
        problems: list[Problem] = []
        doc = parse_json(text, "f.jsonl", problems, many=True)
        assert doc is not None and doc.many and doc.data == values
        for i, value in enumerate(values):
            _check(doc, text, value, (i,))


def test_a_path_that_goes_nowhere_stops_at_the_deepest_value_it_reaches() -> None:
    text = '{"a": [10, {"b": 1}],\n "c": 2}'
    doc = parse_json(text, "f.json", [])
    assert doc is not None
    assert doc.at(("a", 1, "missing")) == (1, text.index('{"b"') + 1)
    assert doc.at(("a", 5)) == (1, text.index("[") + 1)
    assert doc.at(("c", "deeper")) == (2, 7)
    assert doc.problem(("c",), "bad") == Problem("f.json", 2, 7, ("c",), "bad")


def test_broken_json_is_located_and_a_second_value_needs_many() -> None:
    problems: list[Problem] = []
    assert parse_json('{"a": 1}\n{"a": 2}', "f.json", problems) is None
    assert [(p.line, p.column, p.message) for p in problems] == [
        (2, 1, "not valid JSON: Extra data")
    ]
    problems.clear()
    assert parse_json("  \n ", "f.json", problems) is None
    assert problems[0].message == "the file is empty; expected JSON"
