"""Fixtures of the web tests: the seed article in a temporary store, in-process clients, live servers, Chromium."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casus.engines.local import ingest
from casus.store.db import Store
from casus.web.app import create_app

from .webseed import SEED

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the seed article, ingested as the CLI does (pub_date 2025-03-01). Read-only for tests."""
    path = tmp_path_factory.mktemp("seeddb") / "casus.duckdb"
    with Store(path) as store:
        report = ingest([SEED], store, pub_date="2025-03-01")
    assert report.added == 1 and report.events > 0
    return path


@pytest.fixture(scope="session")
def client(seed_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(seed_db)) as c:
        yield c


@pytest.fixture
def fresh_client(tmp_path: Path) -> Iterator[TestClient]:
    """An app over a store that does not exist yet (saving creates it)."""
    with TestClient(create_app(tmp_path / "new.duckdb")) as c:
        yield c


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving create_app(db) on a loopback port, in a thread."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def live_factory() -> Iterator[Callable[[Path], LiveServer]]:
    servers: list[LiveServer] = []

    def start(db: Path) -> LiveServer:
        server = LiveServer(db)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def seed_server(live_factory: Callable[[Path], LiveServer], seed_db: Path) -> LiveServer:
    return live_factory(seed_db)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh page that records script errors, console errors and dialogs (an XSS would open one)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.problems = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.problems.append(f"pageerror: {exc}"))
    pg.on("console", lambda msg: pg.problems.append(f"console: {msg.text}") if msg.type == "error" else None)

    def on_dialog(dialog: object) -> None:
        pg.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $CASUS_SCREENSHOTS, else a temporary directory (printed in the test output)."""
    target = Path(os.environ["CASUS_SCREENSHOTS"]) if os.environ.get("CASUS_SCREENSHOTS") else \
        tmp_path_factory.mktemp("screenshots")
    target.mkdir(parents=True, exist_ok=True)
    return target
