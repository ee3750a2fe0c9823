"""The web stage of casus: pages, JSON API and the `casus serve` command (see app.create_app)."""
