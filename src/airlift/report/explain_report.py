"""The report of ``airlift explain``: the explanation alone, in text, Markdown or JSON.

The same sections as under the claims of ``airlift solve``, under the scenario's
title; the JSON is the ``explanation`` object of the solve report, wrapped with
the title, the file and the claim asked about (``docs/json-format.md``).
"""

from __future__ import annotations

import json
from typing import Any

from airlift.report.blocks import (
    MARKDOWN_GLYPHS,
    TEXT_GLYPHS,
    Block,
    Glyphs,
    Heading,
    Paragraph,
    code,
)
from airlift.report.explain_blocks import cited_statements, explanation_blocks, statements_table
from airlift.report.json_explain import explanation_to_dict
from airlift.report.json_report import SCHEMA_VERSION
from airlift.report.markdown import markdown_of_blocks
from airlift.report.text import text_of_blocks
from airlift.result import Explanation

__all__ = ["explanation_document", "explanation_json", "render_explanation"]


def _nothing(claim: str | None) -> str:
    if claim is not None:
        return f"Nothing to explain about {code(claim)}: no conflict and no threshold was found."
    return "Nothing to explain: no conflict and no threshold was found."


def explanation_document(
    e: Explanation, g: Glyphs, *, title: str, file: str | None = None, claim: str | None = None
) -> tuple[Block, ...]:
    """The explanation under the scenario's title, as layout-free blocks."""
    out: list[Block] = [Heading(title, 1)]
    if file:
        out.append(Paragraph(f"File: {file}"))
    if claim is not None:
        out.append(Paragraph(f"Claim: {code(claim)}"))
    body = explanation_blocks(e, g)
    out += body if body else (Paragraph(_nothing(claim)),)
    refs = cited_statements(e)
    if refs:  # the solve report has these in its own tables
        out += [Heading("Statements cited", 2), statements_table(refs, g)]
    return tuple(out)


def explanation_json(
    e: Explanation, *, title: str, file: str | None = None, claim: str | None = None
) -> dict[str, Any]:
    """The JSON document of ``airlift explain`` as plain values, keys in documented order."""
    return {
        "schema_version": SCHEMA_VERSION,
        "title": title,
        "file": file,
        "claim": claim,
        "explanation": explanation_to_dict(e),
    }


def render_explanation(
    e: Explanation, fmt: str, *, title: str, file: str | None = None, claim: str | None = None
) -> str:
    """The explanation in the named format (``text``, ``markdown`` or ``json``)."""
    if fmt == "json":
        data = explanation_json(e, title=title, file=file, claim=claim)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "text":
        return text_of_blocks(
            explanation_document(e, TEXT_GLYPHS, title=title, file=file, claim=claim)
        )
    if fmt == "markdown":
        return markdown_of_blocks(
            explanation_document(e, MARKDOWN_GLYPHS, title=title, file=file, claim=claim)
        )
    raise ValueError(f"unknown report format {fmt!r}; use one of text, markdown, json")
