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
- every mapping key is a name, so it must be text (``1:`` or ``true:`` is refused), except
  the values of a ``discrete`` distribution in ``uncertainty:`` (``{8: 1, 10: 2}``): there a
  plain number is a value, and the key is its text as written (``'8'``).
- an integer of more than :data:`~airlift.scenario.numeric.MAX_DIGITS` significant
  digits stays text: Python cannot convert it quickly (or at all past 4,300 digits),
  and it is far above any value a scenario accepts, so the schema refuses it there,
  in the words of the field.
- aliases (``*name``) are expanded, up to :data:`MAX_ALIAS_NODES` values and
  :data:`MAX_ALIAS_CHARS` characters in all, so a "billion laughs" file, or one
  long text aliased thousands of times, is refused at the alias that crossed the
  limit instead of eating time and memory; recursive aliases are refused. Values
  reached through an alias keep the position where their text was written (the
  anchor); the alias itself is located at ``*name``. Merge keys (``<<``) are YAML
  1.1 only and are refused with a hint.
- nesting deeper than :data:`MAX_DEPTH` levels is refused where it passes the limit.
- an unquoted value followed by a comment on its line is noted in
  :attr:`YamlDocument.comments`: a ``#`` after a space ends the value, which may not
  be what the writer meant (``says: 84 missiles #2 report``).

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
from yaml.cyaml import CParser  # type: ignore[attr-defined]
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from airlift.errors import Problem, ScenarioError
from airlift.scenario.numeric import MAX_DIGITS, significant_digits
from airlift.scenario.quoting import quoted, shorten
from airlift.scenario.yaml_syntax import shorten_quotes, syntax_problem

__all__ = [
    "MAX_ALIAS_CHARS",
    "MAX_ALIAS_NODES",
    "MAX_DEPTH",
    "Path",
    "Position",
    "TrailingComment",
    "YamlDocument",
    "read_yaml",
    "resolve_plain",
]

Path = tuple[str | int, ...]
Position = tuple[int, int]

#: Most values that aliases may expand to in one file (a guard against "billion laughs").
MAX_ALIAS_NODES = 10_000
#: Most characters of text that aliases may expand to in one file: a long text aliased
#: thousands of times costs time and memory in every later step, and in every message.
MAX_ALIAS_CHARS = 100_000
#: Deepest nesting of lists and mappings read; a scenario needs fewer than ten levels.
MAX_DEPTH = 100

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
    """Resolve an untagged plain scalar by the YAML 1.2 core schema.

    An integer too long to convert stays text (see :func:`_long_integer`).
    """
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _long_integer(text):
        return text
    number = _as_int(text)
    if number is not None:
        return number
    real = _as_float(text)
    return text if real is None else real


def _long_integer(text: str) -> bool:
    """Whether ``text`` is an integer of more than MAX_DIGITS significant digits.

    Such a number is far above any value a scenario accepts, and Python converts long
    decimal text slowly, or not at all past 4,300 digits; kept as text, it is refused by
    the field that holds it ("count 999…999 is too large").
    """
    if _INT_RE.fullmatch(text):
        return significant_digits(text.lstrip("+-")) > MAX_DIGITS
    if _OCT_RE.fullmatch(text) or _HEX_RE.fullmatch(text):
        return significant_digits(text[2:]) > MAX_DIGITS
    return False


def _as_int(text: str) -> int | None:
    """The integer ``text`` writes (decimal, 0o octal, 0x hex), or None if it writes none.

    Callers first make sure it is not too long (:func:`_long_integer`).
    """
    if _INT_RE.fullmatch(text):
        sign, digits = ("-" if text.startswith("-") else ""), text.lstrip("+-").lstrip("0")
        return int(sign + (digits or "0"), 10)  # leading zeros would count against Python's limit
    if _OCT_RE.fullmatch(text):
        return int(text[2:], 8)
    if _HEX_RE.fullmatch(text):
        return int(text[2:], 16)
    return None


def _tagged_float(text: str) -> float | None:
    """The value of ``!!float text``: a decimal or special float, or an octal or hex integer."""
    real = _as_float(text)
    if real is not None:
        return real
    if _long_integer(text):
        return math.inf  # a long octal or hex integer; a decimal one is read above
    number = _as_int(text)
    if number is None:
        return None
    try:
        return float(number)
    except OverflowError:
        return math.inf


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


class _TooDeep(Exception):
    """Nesting passed MAX_DEPTH at ``mark`` (a PyYAML mark)."""

    def __init__(self, mark: Any) -> None:
        super().__init__("too deep")
        self.mark = mark


class _Composing(Composer, BaseResolver):
    """PyYAML's composer with no implicit resolvers, keeping alias sites.

    It also stops at MAX_DEPTH levels of nesting, where it can say where, instead of
    running out of Python's recursion limit somewhere deeper. The parser under it is
    libyaml's (:class:`_FastComposer`) or PyYAML's own (:class:`_Composer`).
    """

    _depth = 0

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is ScalarNode and implicit[0]:
            return _PLAIN
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]

    def compose_node(self, parent: Any, index: Any) -> Any:
        events: Any = self  # the parser's event methods come from the class mixed in
        if events.check_event(AliasEvent):
            event = events.peek_event()
            if event.anchor in self.anchors:
                events.get_event()
                target = self.anchors[event.anchor]
                return _AliasNode(target, event.anchor, event.start_mark, event.end_mark)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(events.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _FastComposer(_Composing, CParser):
    """Composing over libyaml's scanner and parser: a file of thousands of flight groups
    reads in a second instead of several. Its error messages are terser than PyYAML's, so a
    file it cannot read is read again by :class:`_Composer` to say what is wrong."""

    def __init__(self, text: str) -> None:
        CParser.__init__(self, text)
        Composer.__init__(self)
        BaseResolver.__init__(self)


class _Composer(_Composing, Reader, Scanner, Parser):
    """Composing over PyYAML's pure-Python scanner and parser, whose errors say more."""

    def __init__(self, text: str) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)


@dataclass(frozen=True)
class TrailingComment:
    """A comment on the line of an unquoted value, right after it: ``says: 84 # two``.

    ``line`` and ``column`` (1-based) locate the ``#``; ``text`` is the comment from the
    ``#`` to the end of the line.
    """

    line: int
    column: int
    text: str


@dataclass(frozen=True)
class YamlDocument:
    """A YAML file as plain Python, with positions and the problems found while reading.

    ``refused`` holds the paths whose value was replaced by None because of a
    problem already reported (a refused tag, a bad key...), so that later checks
    do not report the same place twice. ``comments`` holds the unquoted values that a
    comment follows on the same line, and ``flow`` the paths of mappings written in
    flow style (``{...}``), where a comma ends a value: both help say what went wrong
    when text was cut short.
    """

    data: object
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    refused: frozenset[Path] = frozenset()
    comments: dict[Path, TrailingComment] = field(default_factory=dict)
    flow: frozenset[Path] = frozenset()


def read_yaml(text: str, file: str) -> YamlDocument:
    """Read one YAML document; raise :class:`ScenarioError` if it is not valid YAML.

    Problems that do not stop the reading (refused tags, duplicate keys, keys
    that are not text) are returned in :attr:`YamlDocument.problems`.
    """
    try:
        root = _compose(text)
        converter = _Converter(file, text)
        data = None if root is None else converter.convert(root, ())
    except yaml.MarkedYAMLError as exc:
        raise ScenarioError([syntax_problem(exc, file, text)]) from None
    except _TooDeep as exc:
        line, column = exc.mark.line + 1, exc.mark.column + 1
        raise ScenarioError([Problem(file, line, column, (), _too_deep())]) from None
    except yaml.reader.ReaderError as exc:
        line, column = _offset_position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else 0
        message = f"the character #x{code:04x} is not allowed in a YAML file ({exc.reason})"
        raise ScenarioError([Problem(file, line, column, (), message)]) from None
    except RecursionError:  # not expected below MAX_DEPTH; kept as a guard
        raise ScenarioError([Problem(file, None, None, (), _too_deep())]) from None
    except yaml.YAMLError as exc:  # any other parser complaint, without a position
        message = f"invalid YAML: {shorten_quotes(str(exc))}"
        raise ScenarioError([Problem(file, None, None, (), message)]) from None
    return YamlDocument(
        data,
        converter.values,
        converter.keys,
        converter.problems,
        frozenset(converter.refused),
        converter.comments,
        frozenset(converter.flow),
    )


def _compose(text: str) -> Any:
    """The document's root node: read by libyaml, or by PyYAML when libyaml finds it wrong.

    Both read valid YAML alike; on a file libyaml refuses, PyYAML raises the error that
    names the problem in the user's words (or, rarely, reads what libyaml would not).
    """
    try:
        return _read_with(_FastComposer(text))
    except (yaml.YAMLError, _TooDeep):
        return _read_with(_Composer(text))


def _read_with(composer: _Composing) -> Any:
    try:
        return composer.get_single_node()
    finally:
        parser: Any = composer
        parser.dispose()


def _too_deep() -> str:
    return (
        f"the YAML is nested too deeply to read: more than {MAX_DEPTH} levels of lists and "
        "mappings (a scenario needs fewer than ten)"
    )


def _offset_position(text: str, offset: int) -> Position:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _values_as_keys(path: Path) -> bool:
    """Whether the keys of the mapping at ``path`` are values, not names: a discrete
    distribution's values (``uncertainty.inputs.NAME.discrete``), such as ``8:``."""
    return len(path) == 4 and path[:2] == ("uncertainty", "inputs") and path[3] == "discrete"


def _position(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _tag_message(node: Node) -> str:
    return (
        f"YAML tags that construct objects are refused: {quoted(_short_tag(node.tag))} "
        "(only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are allowed)"
    )


#: Spaces and the ``#`` of a comment, right after a value.
_COMMENT_AFTER = re.compile(r"[ \t]+#")


class _Converter:
    """Turns a composed node tree into plain Python, recording positions and problems."""

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self.values: dict[Path, Position] = {}
        self.keys: dict[Path, Position] = {}
        self.problems: list[Problem] = []
        self.refused: set[Path] = set()
        self.comments: dict[Path, TrailingComment] = {}
        self.flow: set[Path] = set()
        self._alias_nodes = 0
        self._alias_chars = 0
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
            self._count_expanded(node)
        if isinstance(node, ScalarNode):
            self._note_comment(node, path)
            return self._scalar(node, path)
        if node.tag != (_SEQ if isinstance(node, SequenceNode) else _MAP):
            self._refuse_tag(node, path)
            return None
        if len(path) >= MAX_DEPTH:  # only aliases reach this deep: the composer stops sooner
            where, at = self._outer_alias or (node, path)
            line, column = _position(where)
            raise ScenarioError([Problem(self.file, line, column, at, _too_deep())])
        self._active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                if node.flow_style:
                    self.flow.add(path)
                return self._mapping(node, path)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        finally:
            self._active.discard(id(node))

    def _count_expanded(self, node: Node) -> None:
        """Count a value reached through an alias; refuse the file past either limit."""
        self._alias_nodes += 1
        if isinstance(node, ScalarNode):
            self._alias_chars += len(node.value)
        if self._outer_alias is None:
            return
        if self._alias_nodes > MAX_ALIAS_NODES:
            limit = f"{MAX_ALIAS_NODES:,} values"
        elif self._alias_chars > MAX_ALIAS_CHARS:
            limit = f"{MAX_ALIAS_CHARS:,} characters of text"
        else:
            return
        alias, path = self._outer_alias
        line, column = _position(alias)
        message = f"aliases expand to more than {limit}; write the values out"
        raise ScenarioError([Problem(self.file, line, column, path, message)])

    def _note_comment(self, node: ScalarNode, path: Path) -> None:
        """Record a comment right after an unquoted value, on the same line."""
        if node.style or self._alias_depth:  # plain: None (PyYAML) or "" (libyaml)
            return
        end = node.end_mark.index
        stop = self.text.find("\n", end)
        rest = self.text[end : stop if stop >= 0 else len(self.text)]
        match = _COMMENT_AFTER.match(rest)
        if match is not None:
            line, column = node.end_mark.line + 1, node.end_mark.column + match.end()
            self.comments[path] = TrailingComment(line, column, rest[match.end() - 1 :].rstrip())

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
        if node.tag == _FLOAT:
            value = _tagged_float(text)
        elif node.tag == _INT and _long_integer(text):
            value = text  # too long to convert: the field that holds it refuses it
        elif node.tag == _INT:
            value = _as_int(text)
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
            self.refuse(node, path, f"{quoted(text)} is not a valid {_short_tag(node.tag)}")
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
                    key_node,
                    here,
                    f"duplicate key {quoted(key)}; it is already given on line {first}",
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
        self._count_key(node, target, path)
        key = self._scalar(target, path)
        if isinstance(key, str):
            return key
        if isinstance(key, int | float) and not isinstance(key, bool) and _values_as_keys(path):
            return str(target.value)
        if key is None:
            message = "a mapping key is empty; every key must be a name"
        else:
            kind = "a boolean" if isinstance(key, bool) else "a number"
            message = (
                f"the key {shorten(target.value)} is read as {kind}; names are text, so write "
                f"it in quotes: {quoted(target.value)}"
            )
            if re.fullmatch(r"\d{3}", target.value):
                message += (
                    "; or, if it is the rest of a number split at a thousands separator inside "
                    "{...}, write that number in quotes: min: '1,000,000'"
                )
        self.problem(node, path, message)
        return None

    def _count_key(self, node: Node, target: ScalarNode, path: Path) -> None:
        """Count a key reached through an alias (``*name: ...`` or inside an expansion)."""
        if self._alias_depth:
            self._count_expanded(target)
        elif isinstance(node, _AliasNode):
            self._outer_alias = (node, path)
            try:
                self._count_expanded(target)
            finally:
                self._outer_alias = None
