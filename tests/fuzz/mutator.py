"""Seeded, structure-aware mutants of the shipped scenarios.

Why structure-aware: random bytes almost never get past the YAML parser, so they test one
error path. Mutating the parsed scenario (a key dropped or misspelt, a count of 2**63, a mass
of ``2.8 ton``, 3,000 flight groups) reaches the validator, the model and the solver, which is
where the bugs are. Some families still work on the text (tags, anchors, deep nesting, byte
garbage, BOM and CRLF, JSON), because that is where those problems live.

Every mutant is a pure function of ``(seed, index)`` (and the corpus): :func:`generate` draws
all its choices from one ``random.Random`` seeded with both, so a failure found in a long run
is rebuilt exactly with ``python -m tests.fuzz.mutator --seed S --index I -o FILE``.

A mutant applies one to three *families*. The first is ``FAMILIES[index % len(FAMILIES)]``,
so any run of ``len(FAMILIES)`` consecutive indices covers every family; the others are drawn.
Tree families change the parsed data, which is then written back as YAML (or JSON, when the
``json`` family is drawn); text families then change the bytes. A tree family that needs YAML
syntax that plain data cannot express (a tag, an anchor, 400 nested brackets) puts a
placeholder in the data and its raw text in :attr:`Context.fragments`; the placeholder is
replaced after serialising.
"""

from __future__ import annotations

import argparse
import copy
import functools
import json
import random
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .leg_mutations import LEG_FAMILIES
from .schedule_mutations import SCHEDULE_FAMILIES

__all__ = [
    "FAMILIES",
    "TEXT_FAMILIES",
    "TREE_FAMILIES",
    "Context",
    "Corpus",
    "Mutant",
    "generate",
    "mutate",
    "write_mutant",
]

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"

TreePath = tuple[Any, ...]
TreeMutation = Callable[[Any, "Context"], Any]
TextMutation = Callable[[bytes, random.Random], bytes]

_CORE = "tag:yaml.org,2002:"


# --- reading and writing YAML the way airlift reads it ---------------------------------------


class _Loader(yaml.SafeLoader):
    """``safe_load`` with YAML 1.2 booleans and no dates, as airlift reads scalars.

    Why: YAML 1.1 turns ``country: NO`` into ``False`` and ``2022-11-17`` into a date, so a
    plain ``safe_load`` and dump would break the shipped scenarios before any mutation.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in {_CORE + "bool", _CORE + "timestamp"}]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _CORE + "bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _Dumper(yaml.SafeDumper):
    """``safe_dump`` that also quotes text YAML 1.2 would read as a number (``1e3``, ``0o7``).

    Why: PyYAML decides quoting by YAML 1.1 rules, under which ``1e3`` is text; airlift reads
    it as a float, so an unquoted ``1e3`` id would change type in the round trip.
    """


_Dumper.add_implicit_resolver(
    _CORE + "float",
    re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"),
    list("-+.0123456789"),
)
_Dumper.add_implicit_resolver(
    _CORE + "int", re.compile(r"^(?:0o[0-7]+|0x[0-9a-fA-F]+)$"), list("0")
)


def load_tree(text: str) -> Any:
    """Parse scenario text into plain Python data (YAML 1.2 scalars, no objects)."""
    return yaml.load(text, Loader=_Loader)


@dataclass(frozen=True)
class Corpus:
    """The scenarios mutants start from: file name -> original text and parsed data."""

    names: tuple[str, ...]
    texts: dict[str, str]
    trees: dict[str, Any]
    #: Where the scenarios are: their leg files are read relative to it.
    folder: Path = SCENARIOS

    @classmethod
    def load(cls, folder: Path = SCENARIOS) -> Corpus:
        """Read every ``*.yaml`` in ``folder``, in name order (the order is part of a seed)."""
        paths = sorted(folder.glob("*.yaml"))
        texts = {p.name: p.read_text(encoding="utf-8") for p in paths}
        trees = {name: load_tree(text) for name, text in texts.items()}
        return cls(tuple(texts), texts, trees, folder)


@functools.cache
def default_corpus() -> Corpus:
    """The shipped scenarios, read once per process."""
    return Corpus.load()


# --- the mutation context and tree helpers ---------------------------------------------------


@dataclass
class Context:
    """What a tree family may use besides the data: the random source, raw fragments, notes.

    ``fragments`` maps a placeholder (plain text no YAML dumper quotes) to the raw YAML that
    replaces it after serialising; ``notes`` say what each family did, for the reproducer.
    ``files`` are more files the mutant needs beside it (a leg file), by name; a family
    names them after ``stem``, the mutant's own file stem, so that no two mutants share one.
    """

    rng: random.Random
    fragments: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    stem: str = "mutant"
    files: dict[str, bytes] = field(default_factory=dict)

    def raw(self, text: str) -> str:
        """A placeholder that the text ``text`` replaces verbatim in the serialised file."""
        token = f"ZZRAW{len(self.fragments):04d}ZZ"
        self.fragments[token] = text
        return token

    def note(self, family: str, path: TreePath, what: object) -> None:
        """Record ``family`` changed ``path`` to ``what`` (shortened) for the report."""
        if isinstance(what, str):
            what = self.fragments.get(what, what)
        shown = repr(what)
        shown = shown if len(shown) <= 70 else f"{shown[:60]}...({len(shown)} chars)"
        self.notes.append(f"{family}: {_format_path(path)} = {shown}")


def _format_path(path: TreePath) -> str:
    """``('flights', 0, 'count')`` -> ``flights[0].count``, as airlift names fields."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out or "<root>"


def _walk(node: Any, path: TreePath = ()) -> Iterator[tuple[TreePath, Any]]:
    """Every node of the data with its path, parents before children, in file order."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, (*path, i))


def _get(root: Any, path: TreePath) -> Any:
    """The node at ``path``."""
    node = root
    for part in path:
        node = node[part]
    return node


def _set(root: Any, path: TreePath, value: Any) -> None:
    """Replace the node at ``path`` (not the root) with ``value``."""
    _get(root, path[:-1])[path[-1]] = value


def _value_paths(data: Any) -> list[TreePath]:
    """Paths of every node but the root: places a value can be replaced."""
    return [path for path, _ in _walk(data) if path]


def _mappings(data: Any) -> list[tuple[TreePath, dict[Any, Any]]]:
    """Every non-empty mapping with its path."""
    return [(p, n) for p, n in _walk(data) if isinstance(n, dict) and n]


def _flow(value: Any) -> str:
    """``value`` as one line of YAML flow text (JSON is YAML)."""
    return json.dumps(value, ensure_ascii=False)


# --- tree families ---------------------------------------------------------------------------


def many_groups(data: Any, ctx: Context) -> Any:
    """Copy flight groups, with new ids, until there are hundreds to ~3,000 of them.

    Why: the model grows with the groups and the explanation with their statements; the size
    of the input is the one budget a user can always exceed.
    """
    if not isinstance(data, dict):
        return data
    flights = data.get("flights")
    groups = [g for g in flights if isinstance(g, dict)] if isinstance(flights, list) else []
    if not groups:
        data["flights"] = groups = [{"id": "g", "aircraft": "X", "count": 1, "from": "A"}]
    target = ctx.rng.choice((100, 300, 1_000, 3_000))
    copies = []
    for k in range(target - len(groups)):
        group = copy.deepcopy(groups[k % len(groups)])
        group["id"] = f"{group.get('id', 'g')}~{k}"
        copies.append(group)
    data["flights"] = [*groups, *copies]
    ctx.note("many_groups", ("flights",), f"{target} groups")
    return data


def delete_key(data: Any, ctx: Context) -> Any:
    """Drop one key of one mapping: a required field, a whole section or a defined name."""
    maps = _mappings(data)
    if not maps:
        return {"title": "nothing left"}
    path, node = maps[0] if ctx.rng.random() < 0.25 else ctx.rng.choice(maps)
    key = ctx.rng.choice(list(node))
    del node[key]
    ctx.note("delete_key", (*path, key), "<deleted>")
    return data


_HOMOGLYPHS = {"a": "а", "e": "е", "o": "о", "c": "с", "p": "р", "x": "х", "i": "і"}


def _misspell(word: str, rng: random.Random) -> str:
    """A near miss of ``word``: a typo, another case, a homoglyph or an invisible character."""
    i = rng.randrange(max(len(word), 1))
    edits: list[Callable[[], str]] = [
        lambda: word[:i] + word[i + 1 : i + 2] + word[i : i + 1] + word[i + 2 :],
        lambda: word[:i] + word[i + 1 :],
        lambda: word[:i] + word[i : i + 1] * 2 + word[i + 1 :],
        lambda: word.upper(),
        lambda: word.capitalize(),
        lambda: word.replace("_", "-") if "_" in word else word + "_",
        lambda: word + " ",
        lambda: word + "s",
        lambda: "".join(_HOMOGLYPHS.get(ch, ch) for ch in word),
        lambda: word[:i] + "\u200b" + word[i:],
    ]
    for _ in range(20):
        out = rng.choice(edits)()
        if out and out != word:
            return out
    return word + "x"


def misspell_key(data: Any, ctx: Context) -> Any:
    """Rename one key to a near miss: an unknown field or an undefined name."""
    maps = [(p, n) for p, n in _mappings(data) if any(isinstance(k, str) for k in n)]
    if not maps:
        return delete_key(data, ctx)
    path, node = ctx.rng.choice(maps)
    old = ctx.rng.choice([k for k in node if isinstance(k, str)])
    new = _misspell(old, ctx.rng)
    while new in node:
        new += "x"
    items = [((new if k == old else k), v) for k, v in node.items()]
    node.clear()
    node.update(items)
    ctx.note("misspell_key", (*path, old), new)
    return data


def _other_types(value: Any) -> list[Any]:
    """Values of every type but ``value``'s: text, numbers, booleans, null, lists, mappings."""
    text = value if isinstance(value, str) else _flow(value)
    options: list[Any] = [text, "12", "", 12, 0, -3, 2.5, True, None, [], [value], {}]
    options.append({"value": value})
    return [v for v in options if type(v) is not type(value)]


def retype_value(data: Any, ctx: Context) -> Any:
    """Give one value another type: text for a mapping, a list for a count, null for a name."""
    path = ctx.rng.choice(_value_paths(data))
    old = _get(data, path)
    new = ctx.rng.choice(_other_types(old))
    _set(data, path, new)
    ctx.note("retype_value", path, new)
    return data


_QUANTITY = re.compile(r"^\s*[-+]?[\d,]*\.?\d+(?:[eE][-+]?\d+)?\s*[A-Za-z_]+\s*$")
_COUNT_KEYS = {"count", "at_least", "at_most", "equals", "between"}

EDGE_QUANTITIES = (
    "0 kg",
    "-1 t",
    "1e308 kg",
    "1e999 t",
    "1e-320 kg",
    "0.0000001 t",
    "12.5 kg",
    "1,000 t",
    "2.8 ton",
    "2,5 t",
    "1,00 t",
    "48",
    ".5 t",
    "5. t",
    "-0 kg",
    "0x10 kg",
    "inf t",
    "nan kg",
    "１２ t",
    "12 Kg",
    "12 tonnes",
    "12 lbs",
    "1_000 kg",
    "12kg",
    " 12 kg ",
    "12 kg kg",
    "kg",
    "12 m",
    "0.1 long_ton",
    "3 nmi",
    "99999999999999999999999 short_ton",
)


def _edge_quantity(rng: random.Random) -> str:
    """One awkward quantity: a listed one, or a huge or tiny digit string with a unit."""
    digits = rng.choice((20, 400, 4_300, 4_301, 5_000))
    unit = rng.choice(("kg", "t", "m", "lb", ""))
    generated = (
        f"{'9' * digits} {unit}".strip(),
        f"1{'0' * digits} {unit}".strip(),
        f"0.{'0' * digits}1 {unit}".strip(),
    )
    return rng.choice(EDGE_QUANTITIES) if rng.random() < 0.7 else rng.choice(generated)


def _quantity_paths(data: Any) -> list[TreePath]:
    """Paths of text values written as a number and a unit (masses, lengths, distances)."""
    return [p for p, n in _walk(data) if p and isinstance(n, str) and _QUANTITY.match(n)]


def _count_paths(data: Any) -> list[TreePath]:
    """Paths of counts: flight counts, statement bounds, and limit and use amounts."""
    out = []
    for path, _ in _walk(data):
        last = path[-1] if path else None
        parent = path[-2] if len(path) >= 2 else None
        if last in _COUNT_KEYS or parent in {"limits", "uses"}:
            out.append(path)
    return out


def edge_quantity(data: Any, ctx: Context) -> Any:
    """Put an edge quantity where a mass, length or amount is: zero, negative, 1e308,
    ``2.8 ton``, ``1,000 t``, a 4,301-digit number, a unit that is nearly right."""
    quantities, counts = _quantity_paths(data), _count_paths(data)
    pool = quantities if quantities and (ctx.rng.random() < 0.8 or not counts) else counts
    if not pool:
        return retype_value(data, ctx)
    path = ctx.rng.choice(pool)
    value = _edge_quantity(ctx.rng)
    # PyYAML could write a long digit string folded over lines; a raw fragment keeps it whole.
    _set(data, path, ctx.raw(_flow(value)) if len(value) > 1_000 else value)
    ctx.note("edge_quantity", path, value)
    return data


def _huge(rng: random.Random, ctx: Context) -> Any:
    """A count no int64 or double holds exactly, or a range open towards one."""
    options: list[Any] = [
        2**53 + 1,
        2**62,
        2**63 - 1,
        2**63,
        2**64,
        10**17 + 1,
        10**18,
        10**18 + 1,
        10**15,
        -(2**63),
        {"min": 10**15},
        {"min": 0, "max": 2**62},
        {"min": 2**63},
        {"min": 1, "max": 2**63},
        "4,301 nines",
    ]
    value = rng.choice(options)
    # Python refuses str(int) past 4,300 digits, so that one is written raw.
    return ctx.raw("9" * 4_301) if value == "4,301 nines" else value


def _flight_count_paths(data: Any) -> list[TreePath]:
    """Paths of ``flights[i].count``."""
    return [p for p in _count_paths(data) if len(p) == 3 and p[0] == "flights" and p[2] == "count"]


def huge_count(data: Any, ctx: Context) -> Any:
    """Make a count huge: 2**53+1, 2**62, 2**63, 10**18, ``{min: 10**15}`` (flights, bounds,
    limits). Why: CP-SAT holds int64 and bounds near it overflow; doubles lose odd numbers."""
    counts = _count_paths(data)
    bounds = [p for p in counts if p[0] in {"claims", "assumptions"}]
    # Mostly where a huge number is valid, so that it reaches the model and the solver.
    pools = [_flight_count_paths(data)] * 7 + [bounds] * 2 + [counts]
    pool = ctx.rng.choice([p for p in pools if p] or [counts])
    if not pool:
        return retype_value(data, ctx)
    path = ctx.rng.choice(pool)
    value = _huge(ctx.rng, ctx)
    if path[-1] == "between" and isinstance(value, int):
        value = [0, value] if ctx.rng.random() < 0.5 else [value, value]
    _set(data, path, value)
    ctx.note("huge_count", path, value)
    return data


_FRACTIONS: tuple[Any, ...] = (
    2.5,
    0.5,
    -2.5,
    1e-09,
    1.0,
    -0.0,
    7.000000000000001,
    1e20,
    float("inf"),
    float("nan"),
    "2.5",
    {"min": 1.5, "max": 2.5},
    {"min": 0.5},
)


def fractional_count(data: Any, ctx: Context) -> Any:
    """Make a count fractional or non-finite: 2.5, 1e-09, 1e20, .inf, .nan, ``"2.5"``."""
    pool = _count_paths(data)
    if not pool:
        return retype_value(data, ctx)
    path = ctx.rng.choice(pool)
    value = copy.deepcopy(ctx.rng.choice(_FRACTIONS))
    if path[-1] == "between" and not isinstance(value, dict):
        value = [value, 3]
    _set(data, path, value)
    ctx.note("fractional_count", path, value)
    return data


_TAGS = (
    "!!python/object:builtins.object",
    "!!python/name:builtins.print",
    "!!python/tuple",
    "!!python/str",
    "!!binary",
    "!custom",
    "!custom:thing",
    "!<tag:example.com,2000:app/x>",
    "!",
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!map",
    "!!seq",
    "!!set",
    "!!omap",
    "!!timestamp",
    "!!merge",
)


def yaml_tag(data: Any, ctx: Context) -> Any:
    """Tag a value (``!!python/object``, ``!!binary``, ``!custom``, ``!!int "48 t"``) or add
    a YAML 1.1 merge key. Why: a tag must never construct an object or slip past a check."""
    if ctx.rng.random() < 0.15:
        path, node = ctx.rng.choice(_mappings(data) or [((), data)])
        if isinstance(node, dict):
            node[ctx.raw("<<")] = {"note": "merged"}
            ctx.note("yaml_tag", (*path, "<<"), "merge key")
            return data
    path = ctx.rng.choice(_value_paths(data))
    old = _get(data, path)
    tag = ctx.rng.choice(_TAGS)
    body = {
        "!!binary": "aGVsbG8=",
        "!!python/object/apply:builtins.len": "[[1, 2]]",
    }.get(tag, _flow(old))
    fragment = f"{tag} {body}"
    _set(data, path, ctx.raw(fragment))
    ctx.note("yaml_tag", path, fragment)
    return data


def _big_string_bomb(ctx: Context) -> str:
    """``[&big "AAA...", *big, *big, ...]``: a large anchored text referenced many times."""
    size = ctx.rng.choice((1_000, 10_000, 50_000))
    refs = ctx.rng.choice((10, 500, 2_000, 9_000))
    return f'[&big "{"A" * size}"' + ", *big" * refs + "]"


def _laughs(ctx: Context) -> str:
    """The "billion laughs": each level a list of aliases to the level below."""
    depth, width = ctx.rng.randint(3, 9), ctx.rng.choice((5, 10))
    levels = ["&l0 [" + ", ".join(['"lol"'] * width) + "]"]
    levels += [f"&l{d} [" + ", ".join([f"*l{d - 1}"] * width) + "]" for d in range(1, depth)]
    return "[" + ", ".join(levels) + "]"


def _anchor_reuse(data: Any, ctx: Context) -> bool:
    """Anchor one aircraft definition and alias it under new names: the legitimate use."""
    aircraft = data.get("aircraft") if isinstance(data, dict) else None
    if not isinstance(aircraft, dict) or not aircraft:
        return False
    name = ctx.rng.choice(list(aircraft))
    aircraft[name] = ctx.raw(f"&ac {_flow(aircraft[name])}")
    for k in range(ctx.rng.choice((1, 50, 500))):
        aircraft[f"{name}~{k}"] = ctx.raw("*ac")
    ctx.note("alias_bomb", ("aircraft", name), "anchored and aliased")
    return True


def _title_anchor(data: Any, ctx: Context) -> bool:
    """Anchor a big title and list it many times as a group's destinations."""
    flights = data.get("flights") if isinstance(data, dict) else None
    if not isinstance(flights, list) or not flights or not isinstance(flights[0], dict):
        return False
    size, refs = ctx.rng.choice((1_000, 20_000)), ctx.rng.choice((100, 2_000, 9_000))
    data["title"] = ctx.raw(f'&big "{"T" * size}"')
    flights[0]["to"] = ctx.raw("[" + ", ".join(["*big"] * refs) + "]")
    ctx.note("alias_bomb", ("flights", 0, "to"), f"{refs} aliases to a {size}-char title")
    return True


def alias_bomb(data: Any, ctx: Context) -> Any:
    """Anchors and aliases: big anchored text repeated thousands of times, billion laughs,
    undefined and self-referencing aliases, and an aircraft reused under many names. Sizes
    stay bounded (a file of at most ~120 kB) so that writing the mutant stays cheap."""
    variant = ctx.rng.choice(("big", "laughs", "reuse", "title", "undefined", "self"))
    if variant == "reuse" and _anchor_reuse(data, ctx):
        return data
    if variant == "title" and _title_anchor(data, ctx):
        return data
    fragments: dict[str, Callable[[Context], str]] = {
        "laughs": _laughs,
        "undefined": lambda _: "*nowhere",
        "self": lambda _: "&self [1, *self]",
    }
    fragment = fragments.get(variant, _big_string_bomb)(ctx)
    path = ctx.rng.choice(_value_paths(data))
    _set(data, path, ctx.raw(fragment))
    ctx.note("alias_bomb", path, fragment)
    return data


def deep_nesting(data: Any, ctx: Context) -> Any:
    """Nest flow lists or mappings hundreds to thousands deep at one value; sometimes leave
    one bracket unclosed. Why: recursive readers hit Python's recursion limit."""
    depth = ctx.rng.choice((50, 100, 300, 320, 330, 400, 1_000, 5_000))
    style = ctx.rng.choice(("list", "map", "mixed"))
    opens = {"list": "[" * depth, "map": "{a: " * depth}.get(style, "[{a: " * (depth // 2))
    closes = {"list": "]" * depth, "map": "}" * depth}.get(style, "}]" * (depth // 2))
    if ctx.rng.random() < 0.1:
        closes = closes[:-1]
    path = ctx.rng.choice(_value_paths(data))
    _set(data, path, ctx.raw(f"{opens}1{closes}"))
    ctx.note("deep_nesting", path, f"{depth} deep ({style})")
    return data


#: Families that change the parsed data, in the order they are applied.
#: Schedule and leg-file families come before the generic ones, so that those also break
#: the schedule block and the ``legs:`` entries they add.
TREE_FAMILIES: dict[str, TreeMutation] = {
    "many_groups": many_groups,
    **SCHEDULE_FAMILIES,
    **LEG_FAMILIES,
    "delete_key": delete_key,
    "misspell_key": misspell_key,
    "retype_value": retype_value,
    "edge_quantity": edge_quantity,
    "huge_count": huge_count,
    "fractional_count": fractional_count,
    "yaml_tag": yaml_tag,
    "alias_bomb": alias_bomb,
    "deep_nesting": deep_nesting,
}

# --- serialising -----------------------------------------------------------------------------


def serialise(data: Any, ctx: Context, *, as_json: bool) -> str:
    """Write the data as YAML (a drawn style) or JSON, then put the raw fragments in."""
    rng = ctx.rng
    if as_json:
        text = json.dumps(data, indent=rng.choice((None, 1, 2)), ensure_ascii=rng.random() < 0.5)
    else:
        text = yaml.dump(
            data,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=rng.random() < 0.5,
            default_flow_style=rng.choice((False, None)),
            width=rng.choice((80, 4096)),
            indent=rng.choice((2, 4)),
        )
    for token, fragment in ctx.fragments.items():
        text = text.replace(f'"{token}"', fragment).replace(token, fragment)
    return text


# --- text families ---------------------------------------------------------------------------

_INVALID_UTF8 = (b"\xff", b"\xfe", b"\x80", b"\xc3\x28", b"\xed\xa0\x80", b"\xf4\x90\x80\x80")
_ODD_CHARACTERS = (b"\x00", b"\x07", b"\x1b", b"\x7f", b"\t", b"\xc2\x85", b"\xe2\x80\xa8")


def byte_garbage(body: bytes, rng: random.Random) -> bytes:
    """Splice in random bytes, invalid UTF-8 or control characters; or truncate, overwrite
    or repeat a stretch. Why: the reader must report where the file stops making sense."""
    out = bytearray(body)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(out) + 1)
        variant = rng.choice(("random", "invalid", "odd", "truncate", "overwrite", "repeat"))
        if variant == "random":
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif variant == "invalid":
            out[at:at] = rng.choice(_INVALID_UTF8)
        elif variant == "odd":
            out[at:at] = rng.choice(_ODD_CHARACTERS)
        elif variant == "truncate":
            del out[at:]
        elif variant == "overwrite":
            n = rng.randint(1, 8)
            out[at : at + n] = bytes(rng.randrange(256) for _ in range(n))
        else:
            out[at:at] = out[at : at + rng.randint(1, 200)]
    return bytes(out) if bytes(out) != body else body + b"\xff"


def bom_crlf(body: bytes, rng: random.Random) -> bytes:
    """Windows and editor habits: a UTF-8 BOM (once, twice or mid-file), CRLF, bare CR or
    mixed line ends, or the whole file in UTF-16 with its BOM."""
    variant = rng.choice(("bom", "crlf", "cr", "bom+crlf", "mixed", "bom2", "midbom", "utf16"))
    bom = b"\xef\xbb\xbf"
    if variant == "bom":
        return bom + body
    if variant == "crlf":
        return body.replace(b"\n", b"\r\n")
    if variant == "cr":
        return body.replace(b"\n", b"\r")
    if variant == "bom+crlf":
        return bom + body.replace(b"\n", b"\r\n")
    if variant == "bom2":
        return bom + bom + body
    lines = body.split(b"\n")
    if variant == "mixed":
        return b"".join(ln + rng.choice((b"\n", b"\r\n", b"\r")) for ln in lines)
    if variant == "midbom":
        at = rng.randrange(len(lines))
        return b"\n".join([*lines[:at], bom + lines[at], *lines[at + 1 :]])
    codec = rng.choice(("utf-16", "utf-16-le", "utf-16-be"))
    return body.decode("utf-8", errors="replace").encode(codec)


#: Families that change the serialised bytes, in the order they are applied.
TEXT_FAMILIES: dict[str, TextMutation] = {"byte_garbage": byte_garbage, "bom_crlf": bom_crlf}

#: Every family, in the order they are applied; ``json`` is how the data is written.
FAMILIES: tuple[str, ...] = (*TREE_FAMILIES, "json", *TEXT_FAMILIES)


# --- mutants ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutant:
    """One fuzz input, rebuilt exactly by ``generate(seed, index)``."""

    seed: int
    index: int
    base: str
    families: tuple[str, ...]
    suffix: str
    data: bytes
    notes: tuple[str, ...] = ()
    #: More files to write beside it (name, bytes): the leg files it includes.
    files: tuple[tuple[str, bytes], ...] = ()

    @property
    def name(self) -> str:
        """A file-name stem that says how to rebuild the mutant."""
        return f"s{self.seed}-i{self.index}"

    @property
    def file_name(self) -> str:
        """The name the mutant is written under: stem and suffix."""
        return f"{self.name}{self.suffix}"

    @property
    def label(self) -> str:
        """The families applied, joined with ``+``."""
        return "+".join(self.families)

    def describe(self) -> str:
        """One paragraph: where the mutant came from, what was done, how to rebuild it."""
        lines = [f"seed {self.seed}, index {self.index}: {self.base} with {self.label}"]
        lines += [f"  {n}" for n in self.notes]
        lines.append(f"  rebuild: {self.rebuild_command()}")
        return "\n".join(lines)

    def rebuild_command(self, out: str | None = None) -> str:
        """The shell command that writes this mutant again."""
        target = out or self.file_name
        return f"python -m tests.fuzz.mutator --seed {self.seed} --index {self.index} -o {target}"


def write_mutant(mutant: Mutant, folder: Path) -> Path:
    """Write the mutant's bytes to ``folder/<name><suffix>``, and its extra files beside it;
    return the mutant's path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / mutant.file_name
    path.write_bytes(mutant.data)
    for name, body in mutant.files:
        (folder / name).write_bytes(body)
    return path


#: Families drawn only as a mutant's first: many groups would make every later tree family
#: hit one of thousands of copies, and make a long run's time hard to predict.
_FIRST_ONLY = frozenset({"many_groups"})


def choose_families(index: int, rng: random.Random) -> tuple[str, ...]:
    """``FAMILIES[index % n]`` and zero to two more, in application order."""
    first = FAMILIES[index % len(FAMILIES)]
    others = [f for f in FAMILIES if f != first and f not in _FIRST_ONLY]
    chosen = {first, *rng.sample(others, rng.choice((0, 0, 1, 2)))}
    return tuple(f for f in FAMILIES if f in chosen)


def _carry_leg_files(data: Any, ctx: Context, folder: Path) -> None:
    """Copy the leg files a scenario includes into ``ctx.files`` and point ``legs:`` at the
    copies, so that a mutant of a scenario with a leg file still finds it."""
    entries = data.get("legs") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return
    for i, entry in enumerate(entries):
        name = entry.get("file") if isinstance(entry, dict) else entry
        source = folder / name if isinstance(name, str) else None
        if source is None or not source.is_file():
            continue
        copy_name = f"{ctx.stem}-{source.name}"
        ctx.files[copy_name] = source.read_bytes()
        if isinstance(entry, dict):
            entry["file"] = copy_name
        else:
            entries[i] = copy_name


def mutate(
    base: str,
    families: tuple[str, ...],
    rng: random.Random,
    corpus: Corpus | None = None,
    *,
    stem: str = "mutant",
) -> tuple[bytes, str, tuple[str, ...], tuple[tuple[str, bytes], ...]]:
    """Apply ``families`` to the corpus scenario ``base``: (bytes, suffix, notes, files).

    Without tree families or ``json`` the original text (comments and all) is kept, so that
    text families see the file as written. ``stem`` is the mutant's file stem; extra files
    (``files``, written beside the mutant) are named after it.
    """
    corpus = corpus or default_corpus()
    ctx = Context(rng, stem=stem)
    text = corpus.texts[base]
    suffix = ".yaml"
    if any(f in TREE_FAMILIES or f == "json" for f in families):
        data = copy.deepcopy(corpus.trees[base])
        _carry_leg_files(data, ctx, corpus.folder)
        for family in families:
            if family in TREE_FAMILIES:
                data = TREE_FAMILIES[family](data, ctx)
        text = serialise(data, ctx, as_json="json" in families)
        if "json" in families:
            suffix = rng.choice((".json", ".yaml"))
            ctx.notes.append(f"json: written as JSON to a {suffix} file")
    body = text.encode("utf-8")
    for family in families:
        if family in TEXT_FAMILIES:
            body = TEXT_FAMILIES[family](body, rng)
            ctx.notes.append(f"{family}: {len(body)} bytes")
    return body, suffix, tuple(ctx.notes), tuple(ctx.files.items())


def generate(seed: int, index: int, corpus: Corpus | None = None) -> Mutant:
    """The mutant number ``index`` of the run seeded ``seed``: a pure function of both."""
    corpus = corpus or default_corpus()
    rng = random.Random(f"airlift-fuzz:{seed}:{index}")
    families = choose_families(index, rng)
    base = rng.choice(corpus.names)
    stem = f"s{seed}-i{index}"
    body, suffix, notes, files = mutate(base, families, rng, corpus, stem=stem)
    return Mutant(seed, index, base, families, suffix, body, notes, files)


def main(argv: list[str] | None = None) -> int:
    """Write one mutant to a file and describe it on stderr."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--index", type=int, required=True)
    parser.add_argument("-o", "--out", type=Path, help="file to write (default: s<S>-i<I>.yaml)")
    args = parser.parse_args(argv)
    mutant = generate(args.seed, args.index)
    path = args.out or Path(mutant.file_name)
    path.write_bytes(mutant.data)
    print(f"wrote {path} ({len(mutant.data):,} bytes)", file=sys.stderr)
    for name, body in mutant.files:
        (path.parent / name).write_bytes(body)
        print(f"wrote {path.parent / name} ({len(body):,} bytes) beside it", file=sys.stderr)
    print(mutant.describe(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
