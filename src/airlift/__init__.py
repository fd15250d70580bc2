"""airlift: which published airlift claims are physically possible, and why."""

from typing import Any

__version__ = "0.1.0"


def load_ipython_extension(ipython: Any) -> None:
    """``%load_ext airlift`` in Jupyter: analyses and sweeps show as the HTML report.

    The report is imported only here, when asked for, so importing ``airlift`` stays cheap
    (see :mod:`airlift.report.notebook`).
    """
    from airlift.report.notebook import load_ipython_extension as load

    load(ipython)
