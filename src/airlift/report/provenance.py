"""Where a report came from: the airlift version, the input file's SHA-256, the options and
the scenario's sources, for the HTML report's footer and links.

No clock time is kept, so the same file and options give the same bytes. Built from what
the caller already holds (the scenario and the file's bytes): this module reads nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from airlift import __version__
from airlift.analysis.refs import source_label
from airlift.report.format import settings_lines
from airlift.scenario.schema import Scenario

__all__ = ["Provenance", "SourceLink", "provenance", "web_address"]


@dataclass(frozen=True)
class SourceLink:
    """A source of the scenario: its id, how reports name it, and its web address if any."""

    id: str
    label: str  #: ``Daily Mirror, 2022-11-17``, as the reports' Source columns say
    title: str | None
    url: str | None  #: only ``http`` and ``https`` addresses, the only ones linked


@dataclass(frozen=True)
class Provenance:
    """What made a report, for its footer: enough to make the same bytes again."""

    version: str
    command: str  #: ``solve`` or ``explain``
    file: str | None
    sha256: str | None  #: of the input file's bytes; None when not given
    options: tuple[str, ...]  #: ``seed: 0``, ``time limit: 10 s per solver call``...
    sources: tuple[SourceLink, ...] = ()

    def url_of(self, source: str | None) -> str | None:
        """The web address of the source with this id, if the scenario gives one."""
        return next((s.url for s in self.sources if s.id == source), None)


def web_address(url: str | None) -> str | None:
    """``url`` when it is a plain web address (http or https), else None.

    A scenario is data from anywhere: a ``javascript:`` or ``file:`` address must never
    become a link in a page someone opens.
    """
    if url is None:
        return None
    stripped = url.strip()
    scheme = stripped.split(":", 1)[0].lower()
    return stripped if scheme in ("http", "https") and "://" in stripped else None


def provenance(
    scenario: Scenario | None,
    data: bytes | None,
    *,
    command: str,
    file: str | None,
    options: Mapping[str, object],
) -> Provenance:
    """The provenance of a report on ``scenario``, read from ``data`` (the file's bytes)."""
    sources: tuple[SourceLink, ...] = ()
    if scenario is not None:
        sources = tuple(
            SourceLink(sid, source_label(scenario, sid) or sid, s.title, web_address(s.url))
            for sid, s in scenario.sources.items()
        )
    return Provenance(
        version=__version__,
        command=command,
        file=file,
        sha256=None if data is None else hashlib.sha256(data).hexdigest(),
        options=settings_lines(options),
        sources=sources,
    )
