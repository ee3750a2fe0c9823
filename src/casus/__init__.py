"""casus: states, events and estimative claims from Arabic and English news."""

__version__ = "0.1.0"
