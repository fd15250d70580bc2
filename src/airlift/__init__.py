"""airlift: which published airlift claims are physically possible, and why."""

__version__ = "0.1.0"
