"""Analyses and sweeps shown as the HTML report in Jupyter, by the same code as ``--format html``.

``airlift.result`` may not import the reports (the layers point down), so an
:class:`~airlift.result.Analysis` has no ``_repr_html_`` of its own. Two ways in instead:

- ``%load_ext airlift`` (:func:`load_ipython_extension`, also reachable from the package
  face) registers the report as the HTML form of every ``Analysis``, ``Explanation`` and
  ``SweepResult`` (of :func:`airlift.analysis.sweep`) a cell returns; nothing is registered
  until it is asked for;
- :class:`HtmlView` wraps one of them: ``HtmlView(analysis)`` or ``HtmlView(swept)`` as a
  cell's last line shows the report, with no extension loaded.

Both show a fragment (:func:`~airlift.report.html.analysis_fragment`,
:func:`~airlift.report.sweep_html.sweep_fragment`): the page's body and its style sheet,
scoped to the report, so the notebook's own styles are untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from airlift.analysis.sweeps import SweepResult
from airlift.report.html import analysis_fragment, explanation_fragment
from airlift.report.provenance import Provenance
from airlift.report.sweep_html import sweep_fragment
from airlift.result import Analysis, Explanation

__all__ = ["HtmlView", "load_ipython_extension"]


@dataclass(frozen=True)
class HtmlView:
    """An analysis, a sweep or an explanation (with its scenario's ``title``) that Jupyter
    shows as the HTML report; ``provenance`` fills the footer when given."""

    shown: Analysis | Explanation | SweepResult
    provenance: Provenance | None = None
    title: str = ""

    def _repr_html_(self) -> str:
        if isinstance(self.shown, Analysis):
            return analysis_fragment(self.shown, self.provenance)
        if isinstance(self.shown, SweepResult):
            return sweep_fragment(self.shown, self.provenance)
        return explanation_fragment(self.shown, title=self.title or "Explanation")


def _explanation_html(e: Explanation) -> str:
    return explanation_fragment(e, title="Explanation")


def load_ipython_extension(ipython: Any) -> None:
    """Show every ``Analysis``, ``Explanation`` and ``SweepResult`` as the HTML report
    (``%load_ext airlift``)."""
    formatter = ipython.display_formatter.formatters["text/html"]
    formatter.for_type(Analysis, analysis_fragment)
    formatter.for_type(Explanation, _explanation_html)
    formatter.for_type(SweepResult, sweep_fragment)
