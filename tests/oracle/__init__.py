"""An independent brute-force oracle for airlift, and tiny random scenarios for it.

Nothing here imports airlift: the oracle reads plain scenario dicts.
"""
