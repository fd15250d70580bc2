"""A YAML syntax error told to someone writing a scenario: where, what, and what to do.

PyYAML's messages speak of tokens (``<block mapping start>``) and say nothing of the usual
cause. Here they are put in the writer's words, with a hint for the common mistakes: a tab,
a line indented too far, a quoted value never closed, and unquoted text that holds ': ',
' #', or a character that breaks a value inside ``{...}``, with the quoted text to write.
"""

from __future__ import annotations

import re

import yaml

from airlift.errors import Problem
from airlift.scenario.quoting import quoted, shorten, yaml_quoted

__all__ = ["shorten_quotes", "syntax_problem"]


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


def syntax_problem(exc: yaml.MarkedYAMLError, file: str, text: str) -> Problem:
    """Say what the parser found, where, in words for someone writing a scenario."""
    problem, context = shorten_quotes(exc.problem or ""), shorten_quotes(exc.context or "")
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
        quote = _quote_hint(exc, text)
        if quote is not None and message.endswith("?"):
            message += f" {quote[:1].upper()}{quote[1:]}"
        elif quote is not None:
            message += f"; {quote}"
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    return Problem(file, line, column, (), f"invalid YAML: {message}")


#: ``key: `` as written before a value, in block or flow style.
_KEY_BEFORE_VALUE = re.compile(r"(?:^|(?<=[\s{,]))([^\s:{}\[\],#'\"][^:{}\[\],#]*?):[ \t]+")
#: Characters that end or break an unquoted value inside ``{...}``.
_FLOW_BREAKERS = {":": "':'", "[": "'['", "]": "']'", "{": "'{'", "}": "'}'"}


def _quote_hint(exc: yaml.MarkedYAMLError, text: str) -> str | None:
    """Advice to quote a value, when the likely cause of a syntax error is unquoted text.

    Three causes are recognised: a ``': '`` inside a block value (``says: a: b``); a
    character that breaks a value inside ``{...}`` (``{says: see [1], ...}``); and a
    ``' #'`` inside ``{...}``, which starts a comment that hides the rest of the line.
    """
    mark, start = exc.problem_mark, exc.context_mark
    if mark is None:
        return None
    lines = text.splitlines()
    problem, context = exc.problem or "", exc.context or ""
    if context.startswith("while parsing a flow mapping"):
        first = start.line if start is not None else mark.line
        hidden = _comment_in_flow(lines[first : mark.line + 1])
        if hidden is not None:
            key, value = hidden
            return (
                "' #' starts a comment that runs to the end of the line and hides the rest "
                "of the {...}; if the '#' belongs to the text, put the text in quotes, e.g. "
                f"{key}: {yaml_quoted(shorten(value))}"
            )
    if mark.line >= len(lines):
        return None
    line = lines[mark.line]
    found = _value_at(line, mark.column)
    if found is None:
        return None
    key, start_of_value = found
    if problem.startswith("mapping values are not allowed here"):
        value = re.split(r"[ \t]#", line[start_of_value:])[0].strip()
        return (
            f"if the ':' belongs to the text, put the text in quotes, e.g. "
            f"{key}: {yaml_quoted(shorten(value))}"
        )
    breaker = _FLOW_BREAKERS.get(line[mark.column : mark.column + 1])
    if context.startswith("while parsing a flow mapping") and breaker is not None:
        end = _flow_value_end(line, mark.column + 1)
        value = line[start_of_value:end].strip()
        return (
            f"inside {{...}} a text with {breaker} in it must be in quotes, e.g. "
            f"{key}: {yaml_quoted(shorten(value))}"
        )
    return None


def _value_at(line: str, column: int) -> tuple[str, int] | None:
    """The key whose unquoted value runs to ``column`` of ``line``, and where the value starts.

    None when no key comes before, or when the value is quoted, a list or a mapping.
    """
    keys = [m for m in _KEY_BEFORE_VALUE.finditer(line) if m.end() <= column]
    if not keys:
        return None
    last = keys[-1]
    if line[last.end() : last.end() + 1] in ("'", '"', "[", "{", ""):
        return None
    return last.group(1).strip().removeprefix("- ").strip(), last.end()


def _flow_value_end(line: str, after: int) -> int:
    """Where a value inside ``{...}`` most likely ends: the next ',' or '}' after ``after``."""
    ends = [i for i in (line.find(",", after), line.find("}", after)) if i >= 0]
    return min(ends) if ends else len(line)


def _comment_in_flow(lines: list[str]) -> tuple[str, str] | None:
    """The key and the whole text of an unquoted value in ``{...}`` that a ' #' cut short."""
    for line in lines:
        hash_at = re.search(r"[ \t]#", line)
        if hash_at is None or "{" not in line[: hash_at.start()]:
            continue
        found = _value_at(line, hash_at.start())
        if found is not None:
            key, start = found
            return key, line[start : _flow_value_end(line, hash_at.end())].strip()
    return None


def shorten_quotes(message: str) -> str:
    """A parser's message with every long quoted part (an alias name, a tag) cut short."""
    return re.sub(r"'([^']{61,})'", lambda m: quoted(m.group(1)), message)
