"""``python -m airlift``: the same command as ``airlift``."""

from airlift.cli import main

if __name__ == "__main__":
    main(prog_name="airlift")
