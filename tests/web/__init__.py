"""Tests of the web stage (a package, so its conftest does not shadow tests/conftest.py)."""
