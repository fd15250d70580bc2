"""A campaign-scale case for the explanation: 10,000 flights and four impossible claims.

:func:`four_impossible` is the generator's ``large`` case (10,000 flights in 20 groups,
20 cargo types, 20 destinations; see ``generator.CASES``) with its ``flights-in-all``
claim moved below the fewest flights the groups must fly (between 9,000 and 9,100, where
at least 9,119 fly), so that four of its nine claims are impossible:

- ``launcher-at-least``: more launchers than the flights can carry (a conflict of the
  claim, 8 group counts, 2 payloads, a floor-length limit and 5 launcher masses);
- ``radar-to-Field-16``: more radars to one airfield than reach it (4 counts, a payload,
  3 limits, a mass);
- ``Il-76MD-flights``: exactly 1,713 Il-76MD flights where at least 1,715 fly (5 counts);
- ``flights-in-all``: the new bound (every one of the 20 group counts).

``python -m bench.explain_scale > four.yaml`` writes it as YAML. The same arguments always
give the same scenario.
"""

from __future__ import annotations

import sys
from typing import Any

from bench.generator import CASES, generate, to_yaml

__all__ = ["IMPOSSIBLE", "four_impossible", "main"]

#: The claims of :func:`four_impossible` that no allocation satisfies, in file order.
IMPOSSIBLE = ("launcher-at-least", "radar-to-Field-16", "Il-76MD-flights", "flights-in-all")


def four_impossible() -> dict[str, Any]:
    """The ``large`` case with ``flights-in-all`` moved out of reach: four impossible claims."""
    d = generate(**CASES["large"])
    (claim,) = [c for c in d["claims"] if c["id"] == "flights-in-all"]
    claim["between"] = [9000, 9100]
    d["title"] += ", four impossible claims"
    return d


def main() -> int:
    """``python -m bench.explain_scale``: print the case as YAML."""
    sys.stdout.write(to_yaml(four_impossible()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
