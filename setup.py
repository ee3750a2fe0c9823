"""Optional compilation of the extraction hot path with mypyc.

The package is pure Python and everything in it works without this step. Set
CASUS_COMPILE=1 when installing (`CASUS_COMPILE=1 pip install .`, not `-e`) to
compile the modules below to C extensions, about 1.4× faster extraction; it
needs a C compiler and the Python headers (Debian: build-essential python3-dev).
The list holds the modules extraction spends its time in; they must type-check
under mypy, which tests/test_typing.py checks against this same list.
"""

import os

from setuptools import setup

COMPILED = [
    "src/casus/text/normalize.py",
    "src/casus/text/sentences.py",
    "src/casus/text/lang.py",
    "src/casus/extract/document.py",
    "src/casus/extract/actors.py",
    "src/casus/extract/triggers.py",
    "src/casus/extract/roles.py",
    "src/casus/extract/modality.py",
    "src/casus/extract/event_model.py",
    "src/casus/extract/events.py",
    "src/casus/extract/dates.py",
    "src/casus/extract/claims.py",
    "src/casus/extract/pipeline.py",
]

options: dict = {}
if os.environ.get("CASUS_COMPILE", "") not in ("", "0"):
    try:
        from mypyc.build import mypycify
    except ImportError:
        # first pass of a PEP 517 build: ask the frontend for mypy, it calls us again with it installed
        options["setup_requires"] = ["mypy>=1.10"]
    else:
        flags = ["--ignore-missing-imports", "--follow-imports=silent"]  # only the compiled modules must type-check
        options["ext_modules"] = mypycify([*flags, *COMPILED], opt_level="3", group_name="casus_compiled")

setup(**options)
