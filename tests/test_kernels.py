"""Culling spares kernels no page has connected to yet (preheated ones)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from widgets.server.kernels import CourseKernelManager


def test_only_kernels_a_page_connected_to_are_culled(monkeypatch):
    culled = []

    async def cull(self, kernel_id):
        culled.append(kernel_id)

    monkeypatch.setattr(AsyncMappingKernelManager, "cull_kernel_if_idle", cull)
    manager = CourseKernelManager()
    manager.notify_connect("used")
    for kernel_id in ("preheated", "used"):
        # On a thread of its own: the browser tests may hold this thread's event loop.
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, manager.cull_kernel_if_idle(kernel_id)).result()
    assert culled == ["used"]
