"""A seeded, structure-aware fuzzer for airlift's command line.

:mod:`tests.fuzz.mutator` turns the shipped scenarios into broken, odd or huge variants, each
reproducible from ``(seed, index)``; :mod:`tests.fuzz.runner` runs ``airlift check`` and
``airlift solve`` on them under a wall-clock budget and classifies every outcome;
:mod:`tests.fuzz.schedule_mutations` and :mod:`tests.fuzz.leg_mutations` hold the families for
schedules and leg files, and :mod:`tests.fuzz.reducer` shrinks a failing file. A short run is
part of ``make test`` (``tests/test_fuzz.py``), a long one is ``make fuzz``
(``python -m tests.fuzz.runner --first schedule_,leg_`` runs the schedule families only).
"""
