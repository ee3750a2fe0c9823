"""CPU-bound work (extraction, assessment) off the event loop, a few calls at a time.

Extraction is pure Python: under the GIL, forty threads analysing at once are
no faster than two, but they starve the event loop, which then answers even
cheap requests late and can drop keep-alive connections. A small capacity
limiter per app keeps the loop responsive; store queries (DuckDB releases the
GIL) still use FastAPI's default thread pool.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

import anyio
from fastapi import Request

T = TypeVar("T")
CPU_SLOTS = max(1, min(4, os.cpu_count() or 1))


async def cpu_bound(request: Request, fn: Callable[..., T], *args: object) -> T:
    """Run fn(*args) in a worker thread, at most CPU_SLOTS at a time per app."""
    state = request.app.state
    limiter = getattr(state, "cpu_limiter", None)
    if limiter is None:  # created lazily: a limiter belongs to the running event loop
        limiter = state.cpu_limiter = anyio.CapacityLimiter(CPU_SLOTS)
    return await anyio.to_thread.run_sync(lambda: fn(*args), limiter=limiter)
