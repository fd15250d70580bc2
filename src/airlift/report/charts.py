"""The HTML report's charts: plain figures (:mod:`airlift.report.figures`) drawn as inline SVG.

The only module of airlift that imports matplotlib, and only inside its functions, so that
importing it costs nothing and the text, Markdown and JSON reports never load the library
(``tests/report/test_html_laziness.py``). Why matplotlib (static SVG: no script, prints as
drawn, text kept as text) is measured in ``docs/architecture.md``.

Every chart is byte-for-byte reproducible: no date or creator in the SVG, ids derived from
the chart's own id (matplotlib's ``svg.hashsalt``) and prefixed with it, so that several
charts can share one page; one font (DejaVu Sans, shipped with matplotlib) lays the text
out the same on every machine, and the browser shows it in whatever sans-serif it has.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from airlift.errors import AirliftError
from airlift.report.figures import (
    BarsFigure,
    HistogramFigure,
    PointsFigure,
    RangeFigure,
    StepsFigure,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "INSTALL_HINT",
    "Chart",
    "bars_chart",
    "histogram_chart",
    "points_chart",
    "range_chart",
    "require_charts",
    "steps_chart",
]

#: The command that installs what the HTML report needs.
INSTALL_HINT = "pip install 'airlift[html]'"

#: Colours: a blue for what is proven, a lighter one hatched for certified intervals, a dark
#: grey for a value a row is compared with and a red for one outside its row's range. Each
#: is told apart by shape or text as well, never by colour alone.
_BAR, _BAR_LIGHT, _BAR_STRONG, _MARK, _WARN, _GRID = (
    "#4a78b5",
    "#b9cde6",
    "#1f4e8c",
    "#222222",
    "#b3261e",
    "#dddddd",
)
_WIDTH_IN = 7.0  #: figure width in inches (the page scales it to fit)
_ROW_IN = 0.34  #: height of one row, in inches
_LABEL_CHARS = 30  #: a row label longer than this is wrapped
_RC: dict[str, Any] = {
    "svg.fonttype": "none",  # text stays text: searchable, selectable, read aloud
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.edgecolor": "#888888",
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def require_charts() -> None:
    """Raise a user error naming the install command when matplotlib is not installed.

    Called before any solving, so that a missing extra is said at once, with exit 2.
    """
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise AirliftError(
            "the HTML report draws its charts with matplotlib, which is not installed; "
            f"install it with: {INSTALL_HINT}"
        ) from exc


@dataclass(frozen=True)
class Chart:
    """A drawn chart: its id on the page, its title and caption, and the SVG to inline.

    The SVG's root carries ``role="img"`` and is labelled by its own ``<title>`` and
    ``<desc>``, so that a screen reader announces the chart by what it shows.
    """

    ident: str
    title: str
    description: str
    svg: str


# --- drawing -------------------------------------------------------------------------------


@contextmanager
def _figure(ident: str, rows: int) -> Iterator[tuple[Figure, Axes]]:
    """A fresh figure of one axes, sized for ``rows`` rows, under the report's settings.

    No pyplot: a bare Figure has no global state, so a notebook's own plots are untouched.
    """
    import matplotlib
    from matplotlib.figure import Figure

    rc: Any = {**_RC, "svg.hashsalt": ident}  # matplotlib types rc keys as literals
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(_WIDTH_IN, 0.9 + _ROW_IN * max(rows, 1)))
        yield fig, fig.add_subplot()


def _svg(fig: Figure, ident: str, title: str, description: str) -> str:
    """The figure as an SVG element for an HTML page: no XML prologue, ids made unique."""
    buf = io.StringIO()
    none = dict.fromkeys(("Creator", "Date", "Format", "Type"))
    fig.savefig(buf, format="svg", metadata=none, bbox_inches="tight", pad_inches=0.05)
    text = buf.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"<defs>\s*<style[^<]*</style>\s*</defs>\s*", "", text, count=1)
    text = re.sub(r'\bid="', f'id="{ident}-', text)
    text = text.replace("url(#", f"url(#{ident}-").replace('href="#', f'href="#{ident}-')
    label = (
        f'<svg role="img" aria-labelledby="{ident}-title {ident}-desc" class="chart-svg" '
        f'id="{ident}"'
    )
    head = (
        f'<title id="{ident}-title">{_xml(title)}</title>'
        f'<desc id="{ident}-desc">{_xml(description)}</desc>'
    )
    text = text.replace("<svg", label, 1)
    start = text.index(">") + 1
    return text[:start] + head + text[start:].rstrip() + "\n"


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _number(value: float, _position: object = None) -> str:
    """An axis tick: thousands separated, no exponent, no needless decimals."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _wrapped(label: str) -> str:
    """A row label broken over lines, so a long one does not squeeze the plot: at spaces, or
    after the dots of a dotted name (``aircraft.Il-76MD.limits.`` / ``canister_slots``), and
    inside a word only when a piece is longer than a line."""
    lines: list[str] = []
    line = ""
    for piece in re.split(r"(?<=[.\s])", label):
        if line and len(line.rstrip()) + len(piece.rstrip()) > _LABEL_CHARS:
            lines.append(line.rstrip())
            line = ""
        line += piece.lstrip() if not line else piece
    lines.append(line.rstrip())
    wrapped = [
        w for text in lines for w in textwrap.wrap(text, _LABEL_CHARS, break_on_hyphens=False)
    ]
    return "\n".join(wrapped) or label


def _style_axes(ax: Axes, axis: str) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.xaxis.set_major_formatter(FuncFormatter(_number))
    ax.set_xlabel(axis)
    ax.grid(axis="x", color=_GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)


def _right_text(ax: Axes, y: float, text: str, color: str = _MARK) -> None:
    """A row's numbers, in a column right of the plot, so they never cover a bar."""
    ax.text(
        1.02,
        y,
        text,
        transform=ax.get_yaxis_transform(),
        va="center",
        ha="left",
        color=color,
        fontsize=9,
        clip_on=False,
    )


def _extent(lo: str, hi: str) -> str:
    """A row's two ends in words: ``18 units to 264 units``, ``84 units or more``."""
    if lo == hi:
        return lo
    if hi == "unbounded":
        return f"{lo} or more (unbounded)"
    return f"{lo} to {hi}"


def _edge(values: list[float], open_ended: bool) -> float:
    """Where the axis ends: past the largest value, further when a range is open above."""
    top = max([*values, 0.0])
    if top <= 0:
        top = 1.0
    return top * (1.18 if open_ended else 1.04)


def range_chart(fig_data: RangeFigure, ident: str) -> Chart:
    """Range bars, one row each: solid when proven, hatched when a certified interval,
    an arrow to the edge when open above, a diamond for a mark (red when out of range)."""
    rows = fig_data.rows
    finite = [v for r in rows for v in (r.lo, r.hi) if v is not None]
    finite += [m.value for r in rows for m in r.marks]
    open_ended = any(r.lo is not None and r.hi is None for r in rows)
    edge = _edge(finite, open_ended)
    with _figure(ident, len(rows)) as (fig, ax):
        n = len(rows)
        for i, r in enumerate(rows):
            y = n - 1 - i
            words = _extent(r.lo_text, r.hi_text)
            if r.lo is None:
                _right_text(ax, y, r.lo_text)
                continue
            hi = edge if r.hi is None else r.hi
            colour, hatch = (_BAR, None) if r.proven else (_BAR_LIGHT, "///")
            if hi > r.lo:
                ax.barh(
                    y,
                    hi - r.lo,
                    left=r.lo,
                    height=0.56,
                    color=colour,
                    hatch=hatch,
                    edgecolor=_BAR,
                    linewidth=0.6,
                )
            else:  # a single value: a tick, since a bar of no width cannot be seen
                ax.plot([r.lo], [y], marker="|", markersize=16, markeredgewidth=3, color=colour)
            if r.hi is None:
                ax.plot([edge], [y], marker=">", markersize=8, color=_BAR_STRONG, clip_on=False)
            for m in r.marks:
                ax.plot(
                    [m.value],
                    [y],
                    marker="D",
                    markersize=7,
                    color=_WARN if m.outside else _MARK,
                    markeredgecolor="white",
                    clip_on=False,
                )
                words += f"; {m.text}"
            _right_text(ax, y, words, _WARN if any(m.outside for m in r.marks) else _MARK)
        ax.set_yticks(range(n), [_wrapped(r.label) for r in reversed(rows)])
        ax.set_ylim(-0.6, n - 0.4)
        ax.set_xlim(0, edge)
        _style_axes(ax, fig_data.axis)
        svg = _svg(fig, ident, fig_data.title, fig_data.description)
    return Chart(ident, fig_data.title, fig_data.description, svg)


def bars_chart(fig_data: BarsFigure, ident: str) -> Chart:
    """Horizontal bars in groups, a gap between groups; strong bars dark, the rest light."""
    labels: list[str] = []
    placed: list[tuple[float, float, str, bool]] = []
    y = 0.0
    for group in fig_data.groups:
        for bar in group.bars:
            labels.append(_wrapped(f"{group.label}: {bar.label}" if group.label else bar.label))
            placed.append((y, bar.value, bar.text, bar.strong))
            y -= 1
        y -= 0.5
    edge = _edge([v for _, v, _, _ in placed], False)
    with _figure(ident, len(placed) + len(fig_data.groups) // 2) as (fig, ax):
        for (y, value, text, strong), _label in zip(placed, labels, strict=True):
            ax.barh(
                y,
                value,
                height=0.7,
                color=_BAR_STRONG if strong else _BAR_LIGHT,
                edgecolor=_BAR,
                linewidth=0.6,
            )
            _right_text(ax, y, text + (" (stops it)" if strong else ""))
        ax.set_yticks([p[0] for p in placed], labels)
        ax.set_xlim(0, edge)
        _style_axes(ax, fig_data.axis)
        svg = _svg(fig, ident, fig_data.title, fig_data.description)
    return Chart(ident, fig_data.title, fig_data.description, svg)


def points_chart(fig_data: PointsFigure, ident: str) -> Chart:
    """Labelled points on two axes, with dashed reference levels."""
    xs = [p.x for p in fig_data.points]
    ys = [p.y for p in fig_data.points] + [lv.y for lv in fig_data.levels]
    with _figure(ident, 8) as (fig, ax):
        ax.plot(xs, [p.y for p in fig_data.points], "o", color=_BAR_STRONG, markersize=7)
        for p in fig_data.points:
            ax.annotate(
                f"{p.label}: {p.y_text}",
                (p.x, p.y),
                xytext=(6, -12),
                textcoords="offset points",
                fontsize=8,
            )
        for lv in fig_data.levels:
            ax.axhline(lv.y, color=_MARK, linestyle="--", linewidth=1)
            ax.text(
                0.01, lv.y, lv.label, transform=ax.get_yaxis_transform(), va="bottom", fontsize=8
            )
        ax.set_xlim(0, _edge(xs, False) * 1.1)
        ax.set_ylim(0, _edge(ys, False) * 1.1)
        from matplotlib.ticker import FuncFormatter, MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
        ax.xaxis.set_major_formatter(FuncFormatter(_number))
        ax.yaxis.set_major_formatter(FuncFormatter(_number))
        ax.set_xlabel(fig_data.x_axis)
        ax.set_ylabel(fig_data.y_axis)
        ax.grid(color=_GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        svg = _svg(fig, ident, fig_data.title, fig_data.description)
    return Chart(ident, fig_data.title, fig_data.description, svg)


def histogram_chart(fig_data: HistogramFigure, ident: str) -> Chart:
    """Vertical bars, one per bin, each with its count written above it."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    bins = fig_data.bins
    top = max((b.count for b in bins), default=0) or 1
    with _figure(ident, 8) as (fig, ax):
        for b in bins:
            ax.bar(
                b.lo,
                b.count,
                width=b.hi - b.lo,
                align="edge",
                color=_BAR,
                edgecolor="white",
                linewidth=0.8,
            )
            ax.text(
                (b.lo + b.hi) / 2, b.count, f"{b.count:,}", ha="center", va="bottom", fontsize=8
            )
        if bins:
            pad = (bins[-1].hi - bins[0].lo) * 0.03
            ax.set_xlim(bins[0].lo - pad, bins[-1].hi + pad)
        if fig_data.points and len(bins) <= 8:
            ax.set_xticks([(b.lo + b.hi) / 2 for b in bins])
        else:
            ax.xaxis.set_major_locator(MaxNLocator(nbins=7))
        ax.xaxis.set_major_formatter(FuncFormatter(_number))
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(_number))
        ax.set_ylim(0, top * 1.15)
        ax.set_xlabel(fig_data.axis)
        ax.set_ylabel("draws")
        ax.grid(axis="y", color=_GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        svg = _svg(fig, ident, fig_data.title, fig_data.description)
    return Chart(ident, fig_data.title, fig_data.description, svg)


def steps_chart(fig_data: StepsFigure, ident: str) -> Chart:
    """A region over two axes as a staircase: each step filled where the region holds, its
    edge inside the box drawn dark (the boundary); hatched where a step was cut short; a
    legend says which is which in words."""
    from matplotlib.patches import Patch, Rectangle
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    (x0, x1), (y0, y1) = fig_data.x_range, fig_data.y_range
    steps = fig_data.steps
    left = min([x0, *(s.x0 for s in steps)])
    right = max([x1, *(s.x1 for s in steps)])
    if y1 <= y0:
        y1 = y0 + 1.0
    with _figure(ident, 9) as (fig, ax):
        for s in steps:
            width = s.x1 - s.x0
            if not s.known:
                ax.add_patch(
                    Rectangle(
                        (s.x0, y0),
                        width,
                        y1 - y0,
                        facecolor="white",
                        edgecolor=_MARK,
                        hatch="xx",
                        linewidth=0,
                    )
                )
                continue
            if s.lo is None or s.hi is None:
                continue
            ax.add_patch(
                Rectangle((s.x0, s.lo), width, s.hi - s.lo, facecolor=_BAR_LIGHT, edgecolor="none")
            )
            for edge in (s.lo, s.hi):
                if y0 < edge < y1:
                    ax.plot([s.x0, s.x1], [edge, edge], color=_BAR_STRONG, linewidth=2.2)
        handles = [
            Patch(facecolor=_BAR_LIGHT, edgecolor=_BAR_STRONG, label=fig_data.region),
            Patch(facecolor="white", edgecolor=_MARK, label="impossible (blank)"),
        ]
        if any(not s.known for s in steps):
            handles.append(Patch(facecolor="white", edgecolor=_MARK, hatch="xx", label="cut short"))
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            fontsize=9,
        )
        ax.set_xlim(left, right)
        ax.set_ylim(y0, y1)
        for axis, ends in ((ax.xaxis, (x0, x1)), (ax.yaxis, (y0, y1))):
            whole = all(float(e).is_integer() for e in ends)  # counts: no tick between units
            axis.set_major_locator(MaxNLocator(nbins=6, integer=whole))
            axis.set_major_formatter(FuncFormatter(_number))
        ax.set_xlabel(fig_data.x_axis)
        ax.set_ylabel(_wrapped(fig_data.y_axis))
        ax.grid(color=_GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        svg = _svg(fig, ident, fig_data.title, fig_data.description)
    return Chart(ident, fig_data.title, fig_data.description, svg)
