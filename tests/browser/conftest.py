"""One headless Chromium for every browser test, driven by Playwright.

The browser is Debian's ``chromium`` (``/usr/bin/chromium``), never one Playwright downloads.
Where the environment says CI (``.ci/run`` installs Chromium and sets ``CI``), a missing
browser fails the run; elsewhere the browser tests are skipped without it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any, NoReturn

import pytest

#: The flags that work on a closed network: nothing phones home, no GPU, no sandbox (root).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """Where the system's Chromium is, or None."""
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )


def _unavailable(why: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"the browser tests must run in CI, but {why} (.ci/run installs it)")
    pytest.skip(f"{why}; install it with: apt-get install chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Chromium for the whole session (each test opens its own context)."""
    path = chromium_path()
    if path is None:
        _unavailable("chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (it comes with the dev extra)")
    with sync_playwright() as p:
        # Playwright gives the browser a fresh, empty profile of its own.
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()
