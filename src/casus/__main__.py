"""`python -m casus` runs the command line (same as the `casus` script)."""

from casus.cli import app

app(prog_name="casus")
