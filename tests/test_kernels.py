"""Culling spares kernels no page has connected to yet (preheated ones)."""

from __future__ import annotations

import asyncio

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

from widgets.kernels import CourseKernelManager


def test_only_kernels_a_page_connected_to_are_culled(monkeypatch):
    culled = []

    async def cull(self, kernel_id):
        culled.append(kernel_id)

    monkeypatch.setattr(AsyncMappingKernelManager, "cull_kernel_if_idle", cull)
    manager = CourseKernelManager()
    manager.notify_connect("used")
    asyncio.run(manager.cull_kernel_if_idle("preheated"))
    asyncio.run(manager.cull_kernel_if_idle("used"))
    assert culled == ["used"]
