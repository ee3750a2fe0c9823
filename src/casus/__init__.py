"""casus: states, events and estimative claims from Arabic and English news."""

__version__ = "0.1.0"


def compiled() -> bool:
    """Whether extraction runs as mypyc-compiled C (installed with CASUS_COMPILE=1; see setup.py)."""
    from casus.extract import events

    return not events.__file__.endswith(".py")
