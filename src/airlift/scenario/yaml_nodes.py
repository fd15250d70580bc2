"""Read YAML into plain Python while remembering where every value was written.

Why not ``yaml.safe_load``: it resolves scalars with YAML 1.1 rules (``NO`` and
``on`` become booleans, ``12:30`` a sexagesimal number, ``2022-11-17`` a date),
keeps the last of two duplicate keys silently, and forgets line numbers. Here we
let PyYAML only *compose* the node tree, with no implicit resolvers at all, and
convert it ourselves:

- plain scalars follow the YAML 1.2 *core schema*: ``null``/``~``/empty are
  None; ``true``/``false`` (also ``True``, ``TRUE``...) are booleans; decimal,
  ``0x`` and ``0o`` integers; decimal floats and ``.inf``/``.nan``; anything
  else is text. Quoted scalars are always text.
- explicit tags other than ``!!str !!int !!float !!bool !!null !!map !!seq``
  are refused: no YAML tag may construct an object.
- a duplicate key is a problem at the second key, naming the first one's line.
- every mapping key is a name, so it must be text (``1:`` or ``true:`` is refused).
- aliases (``*name``) are expanded, up to :data:`MAX_ALIAS_NODES` values in all,
  so a "billion laughs" file is refused instead of eating memory; recursive
  aliases are refused. Values reached through an alias keep the position where
  their text was written (the anchor); the alias itself is located at ``*name``.
  Merge keys (``<<``) are YAML 1.1 only and are refused with a hint.

Positions are 1-based ``(line, column)``, recorded for the value node of every
field path and, for mapping entries, for the key node.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from airlift.errors import Problem, ScenarioError

__all__ = ["MAX_ALIAS_NODES", "Path", "Position", "YamlDocument", "read_yaml", "resolve_plain"]

Path = tuple[str | int, ...]
Position = tuple[int, int]

#: Most values that aliases may expand to in one file (a guard against "billion laughs").
MAX_ALIAS_NODES = 10_000

_CORE = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_CORE + t for t in ("str", "int", "float", "bool", "null"))
_MAP, _SEQ = _CORE + "map", _CORE + "seq"
#: Tag we give plain (unquoted, untagged) scalars; real tags cannot contain spaces.
_PLAIN = "airlift plain scalar"

_NULLS = {"", "~", "null", "Null", "NULL"}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT_RE = re.compile(r"[-+]?[0-9]+")
_OCT_RE = re.compile(r"0o[0-7]+")
_HEX_RE = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF_RE = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN_RE = re.compile(r"\.(nan|NaN|NAN)")


def resolve_plain(text: str) -> object:
    """Resolve an untagged plain scalar by the YAML 1.2 core schema."""
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    number = _as_int(text)
    if number is not None:
        return number
    real = _as_float(text)
    return text if real is None else real


def _as_int(text: str) -> int | None:
    if _INT_RE.fullmatch(text):
        return int(text, 10)
    if _OCT_RE.fullmatch(text):
        return int(text[2:], 8)
    if _HEX_RE.fullmatch(text):
        return int(text[2:], 16)
    return None


def _as_float(text: str) -> float | None:
    if _FLOAT_RE.fullmatch(text):
        return float(text)
    if _INF_RE.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN_RE.fullmatch(text):
        return math.nan
    return None


class _AliasNode(Node):
    """Where ``*name`` was written, pointing at the node the anchor named."""

    def __init__(self, target: Node, anchor: str, start_mark: Any, end_mark: Any) -> None:
        super().__init__(target.tag, target.value, start_mark, end_mark)
        self.target = target
        self.anchor = anchor


class _Composer(Reader, Scanner, Parser, Composer, BaseResolver):
    """PyYAML's pure-Python composer with no implicit resolvers, keeping alias sites."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            return _PLAIN
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            if event.anchor in self.anchors:
                self.get_event()  # type: ignore[no-untyped-call]
                target = self.anchors[event.anchor]
                return _AliasNode(target, event.anchor, event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


@dataclass(frozen=True)
class YamlDocument:
    """A YAML file as plain Python, with positions and the problems found while reading.

    ``refused`` holds the paths whose value was replaced by None because of a
    problem already reported (a refused tag, a bad key...), so that later checks
    do not report the same place twice.
    """

    data: object
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    refused: frozenset[Path] = frozenset()


def read_yaml(text: str, file: str) -> YamlDocument:
    """Read one YAML document; raise :class:`ScenarioError` if it is not valid YAML.

    Problems that do not stop the reading (refused tags, duplicate keys, keys
    that are not text) are returned in :attr:`YamlDocument.problems`.
    """
    try:
        composer = _Composer(text)
        try:
            root = composer.get_single_node()
        finally:
            composer.dispose()
        converter = _Converter(file)
        data = None if root is None else converter.convert(root, ())
    except yaml.MarkedYAMLError as exc:
        raise ScenarioError([_syntax_problem(exc, file)]) from None
    except yaml.reader.ReaderError as exc:
        line, column = _offset_position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else 0
        message = f"the character #x{code:04x} is not allowed in a YAML file ({exc.reason})"
        raise ScenarioError([Problem(file, line, column, (), message)]) from None
    except RecursionError:
        message = "the YAML is nested too deeply to read"
        raise ScenarioError([Problem(file, None, None, (), message)]) from None
    except yaml.YAMLError as exc:  # any other parser complaint, without a position
        raise ScenarioError([Problem(file, None, None, (), f"invalid YAML: {exc}")]) from None
    return YamlDocument(
        data, converter.values, converter.keys, converter.problems, frozenset(converter.refused)
    )


def _offset_position(text: str, offset: int) -> Position:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


#: Parser jargon and what it means to someone writing a file.
_TOKEN_WORDS = {
    "<block end>": "the end of the indented block",
    "<block mapping start>": "a new indented mapping",
    "<block sequence start>": "a new indented list",
    "<stream end>": "the end of the file",
    "<document start>": "a new document ('---')",
    "<scalar>": "a value",
    "'?'": "a new key",
}
#: (start of the parser's problem, hint, whether the context mark locates it better)
_HINTS = (
    ("found character '\\t'", "tabs cannot indent YAML; use spaces", False),
    (
        "mapping values are not allowed here",
        "is there a ':' inside an unquoted value, or a line indented too far?",
        False,
    ),
    ("could not find expected ':'", "a key on this line has no ':' after it", True),
    ("expected <block end>", "check the indentation of this line against the lines above", False),
    ("found unexpected end of stream", "a quoted value is never closed", True),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    """Say what the parser found, where, in words for someone writing a scenario."""
    problem, context = exc.problem or "", exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    if context.startswith("expected a single document"):
        message = "the file holds more than one YAML document; a scenario is a single document"
    elif context.startswith("found duplicate anchor"):
        anchor = context.split("'")[1] if "'" in context else "?"
        first = exc.context_mark.line + 1 if exc.context_mark is not None else "?"
        message = f"the anchor '&{anchor}' is defined twice (first on line {first})"
    else:
        message = problem or context or "the YAML could not be read"
        for token, words in _TOKEN_WORDS.items():
            message = message.replace(f"'{token}'", words).replace(token, words)
        hint = next((h for h in _HINTS if problem.startswith(h[0])), None)
        if hint is not None:
            message += f"; {hint[1]}"
            if hint[2] and exc.context_mark is not None:
                mark = exc.context_mark
        elif problem and context:
            where = ""
            cmark = exc.context_mark
            if cmark is not None and mark is not None and cmark.line != mark.line:
                where = f" that starts on line {cmark.line + 1}"
            message += f" ({context}{where})"
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return Problem(file, line, column, (), f"invalid YAML: {message}")


def _position(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _tag_message(node: Node) -> str:
    return (
        f"YAML tags that construct objects are refused: '{_short_tag(node.tag)}' "
        "(only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are allowed)"
    )


class _Converter:
    """Turns a composed node tree into plain Python, recording positions and problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.values: dict[Path, Position] = {}
        self.keys: dict[Path, Position] = {}
        self.problems: list[Problem] = []
        self.refused: set[Path] = set()
        self._alias_nodes = 0
        self._alias_depth = 0
        self._outer_alias: tuple[Node, Path] | None = None  # the alias being expanded
        self._active: set[int] = set()  # ids of the container nodes being converted

    def problem(self, node: Node, path: Path, message: str) -> None:
        line, column = _position(node)
        self.problems.append(Problem(self.file, line, column, path, message))

    def refuse(self, node: Node, path: Path, message: str) -> None:
        self.problem(node, path, message)
        self.refused.add(path)

    def convert(self, node: Node, path: Path) -> object:
        self.values[path] = _position(node)
        if isinstance(node, _AliasNode):
            return self._expand(node, path)
        if self._alias_depth:
            self._alias_nodes += 1
            if self._alias_nodes > MAX_ALIAS_NODES and self._outer_alias is not None:
                raise ScenarioError([self._alias_bomb(*self._outer_alias)])
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if node.tag != (_SEQ if isinstance(node, SequenceNode) else _MAP):
            self._refuse_tag(node, path)
            return None
        self._active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self._active.discard(id(node))

    def _alias_bomb(self, node: Node, path: Path) -> Problem:
        line, column = _position(node)
        return Problem(
            self.file,
            line,
            column,
            path,
            f"aliases expand to more than {MAX_ALIAS_NODES:,} values; write the values out",
        )

    def _expand(self, alias: _AliasNode, path: Path) -> object:
        if id(alias.target) in self._active:
            self.refuse(alias, path, f"the alias '*{alias.anchor}' is inside its own anchor")
            return None
        if not self._alias_depth:
            self._outer_alias = (alias, path)
        self._alias_depth += 1
        try:
            value = self.convert(alias.target, path)
            self.values[path] = _position(alias)
            return value
        finally:
            self._alias_depth -= 1

    def _refuse_tag(self, node: Node, path: Path) -> None:
        self.refuse(node, path, _tag_message(node))

    def _scalar(self, node: ScalarNode, path: Path) -> object:
        text = str(node.value)
        if node.tag == _PLAIN:
            return resolve_plain(text)
        if node.tag == _STR:
            return text
        value: object = None
        if node.tag == _INT:
            value = _as_int(text)
        elif node.tag == _FLOAT:
            number = _as_int(text)
            value = float(number) if number is not None else _as_float(text)
        elif node.tag == _BOOL:
            value = _BOOLS.get(text)
        elif node.tag == _NULL:
            if text in _NULLS:
                return None
            value = None
        else:
            self._refuse_tag(node, path)
            return None
        if value is None:
            self.refuse(node, path, f"'{text}' is not a valid {_short_tag(node.tag)}")
        return value

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, object]:
        out: dict[str, object] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            here = (*path, key)
            if key in out:
                first = self.keys[here][0]
                self.problem(
                    key_node, here, f"duplicate key '{key}'; it is already given on line {first}"
                )
                continue
            self.keys[here] = _position(key_node)
            out[key] = self.convert(value_node, here)
        return out

    def _key(self, node: Node, path: Path) -> str | None:
        """The text of a mapping key, or None (with a problem) if it is not a name."""
        target = node.target if isinstance(node, _AliasNode) else node
        if not isinstance(target, ScalarNode):
            self.problem(node, path, "a mapping key must be a name, not a list or mapping")
            return None
        if target.tag == _PLAIN and target.value == "<<":
            self.problem(node, path, "merge keys ('<<') are not supported; write the fields out")
            return None
        if target.tag in (_INT, _FLOAT, _BOOL, _NULL):
            self.problem(node, path, "a mapping key must be a name; write it in quotes")
            return None
        if target.tag not in (_PLAIN, _STR):
            self.problem(node, path, _tag_message(target))  # the mapping itself is fine
            return None
        key = self._scalar(target, path)
        if isinstance(key, str):
            return key
        if key is None:
            message = "a mapping key is empty; every key must be a name"
        else:
            kind = "a boolean" if isinstance(key, bool) else "a number"
            message = (
                f"the key {target.value} is read as {kind}; names are text, so write it "
                f"in quotes: '{target.value}'"
            )
        self.problem(node, path, message)
        return None
