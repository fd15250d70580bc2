"""The catalogue as plain text, for ``airlift catalog`` and ``airlift catalog NAME``.

Pure functions from a :class:`~airlift.scenario.catalog.Catalog` to text, laid out like the
terminal report (aligned tables that fit in 100 columns, no colour).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from airlift.report.blocks import Table
from airlift.report.text import WIDTH, layout_table
from airlift.scenario.catalog import Catalog, CatalogEntry
from airlift.scenario.schema import Aircraft, Cargo, MassRange

__all__ = ["render_catalog", "render_catalog_entry"]

#: The order an entry's fields are shown in, as a scenario would write them.
_FIELD_ORDER = (
    "name",
    "vehicle",
    "kind",
    "payload",
    "mass",
    "payload_range",
    "hold",
    "size",
    "limits",
    "uses",
    "source",
    "estimate",
    "note",
)


def _mass(r: MassRange | None) -> str:
    """A mass as written (``2.3 t - 3.3 t``); ``bulk`` for cargo carried by mass, which has none."""
    if r is None:
        return "bulk"
    return r.min.text if r.exact else f"{r.min.text} - {r.max.text}"


def _sources(entry: CatalogEntry) -> str:
    ids = ", ".join(entry.entry.source_ids) or "-"
    return f"ESTIMATE; {ids}" if entry.entry.estimate else ids


def render_catalog(catalog: Catalog) -> str:
    """Every entry in one line each: aircraft, then cargo."""
    aircraft = [catalog.entries[k] for k in catalog.entries if k[0] == "aircraft"]
    cargo = [catalog.entries[k] for k in catalog.entries if k[0] == "cargo"]
    lines = ["Aircraft", "========"]
    lines += layout_table(
        Table(
            headers=("Name", "Payload", "Sources", "Description"),
            rows=tuple(
                (
                    e.name,
                    _mass(e.entry.payload) if isinstance(e.entry, Aircraft) else "",
                    _sources(e),
                    e.entry.name or "",
                )
                for e in aircraft
            ),
            align=("l", "l", "l", "l"),
            wrap=(False, True, True, True),
        ),
        WIDTH,
    )
    lines += ["", "Cargo", "====="]
    lines += layout_table(
        Table(
            headers=("Name", "Kind", "Mass", "Sources", "Description"),
            rows=tuple(
                (
                    e.name,
                    e.entry.kind,
                    "bulk" if e.entry.mass is None else _mass(e.entry.mass),
                    _sources(e),
                    e.entry.name or "",
                )
                for e in cargo
                if isinstance(e.entry, Cargo)
            ),
            align=("l", "l", "l", "l", "l"),
            wrap=(False, False, True, True, True),
        ),
        WIDTH,
    )
    lines.append("")
    lines += textwrap.wrap(
        "ESTIMATE: the entry marks a figure as estimated; `airlift catalog NAME` says which and "
        "why. Use an entry in a scenario as `aircraft: {Il-76MD: {catalog: Il-76MD}}` or "
        "`cargo: {canister: {catalog: 48N6-canister}}`.",
        WIDTH,
        break_on_hyphens=False,
    )
    return "\n".join(lines) + "\n"


def _flow(value: object) -> str:
    """A value as a scenario would write it in YAML flow style."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    text = str(value)
    return f'"{text}"' if "," in text and not text.startswith("{") else text


def _field_lines(key: str, value: Any) -> list[str]:
    if key == "payload_range" and isinstance(value, list):
        return [f"{key}:", *(f"  - {_flow(point)}" for point in value)]
    if key in ("estimate", "note"):
        return textwrap.wrap(f"{key}: {value}", WIDTH, subsequent_indent="  ")
    return [f"{key}: {_flow(value)}"]


def render_catalog_entry(catalog: Catalog, entry: CatalogEntry) -> str:
    """One entry in full, as YAML a scenario could hold, with its sources."""
    title = f"{entry.name} ({entry.section}"
    title += f": {entry.entry.name})" if entry.entry.name else ")"
    lines = [title, "=" * len(title), ""]
    raw = dict(entry.raw)
    keys = [k for k in _FIELD_ORDER if k in raw] + [k for k in raw if k not in _FIELD_ORDER]
    for key in keys:
        lines += _field_lines(key, raw[key])
    lines += ["", "Sources", "-------"]
    for sid in entry.entry.source_ids:
        s = catalog.sources[sid]
        head = f"- {sid}: {s.publisher}" + (f", {s.date}" if s.date else "")
        if s.title:
            head += f', "{s.title}"'
        lines += textwrap.wrap(head, WIDTH, subsequent_indent="    ")
        for extra in (s.url, s.note):
            if extra:
                lines += textwrap.wrap(
                    extra,
                    WIDTH,
                    initial_indent="    ",
                    subsequent_indent="    ",
                    break_long_words=False,
                    break_on_hyphens=False,
                )
    if not entry.entry.source_ids:
        lines.append("None: every figure of this entry is an estimate (see estimate).")
    where = f"airlift/catalog/{PurePath(entry.file).name}"
    lines += ["", f"Defined in {where}" + (f", line {entry.line}." if entry.line else ".")]
    lines += textwrap.wrap(
        f"Use it in a scenario: {entry.section}: {{{entry.name}: {{catalog: {entry.name}}}}}; "
        "any field written next to catalog: replaces the catalogue's.",
        WIDTH,
        break_on_hyphens=False,
    )
    return "\n".join(lines) + "\n"
