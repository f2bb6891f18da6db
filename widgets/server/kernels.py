"""The kernel manager the Voilà app uses (voila.json: multi_kernel_manager_class)."""

from __future__ import annotations

from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class CourseKernelManager(AsyncMappingKernelManager):
    """Culls idle kernels only once a page has connected to them.

    Voilà hands a preheated kernel to a page before the page connects. A kernel
    that waited in the pool longer than `cull_idle_timeout` looks idle and
    unconnected in that moment, and culling it leaves the page loading forever.
    Kernels a page has used and left are still culled as configured.

    It also keeps whose page each kernel was handed to, where one server serves a
    class (widgets/server/hub.py records it and refuses the kernel to others).
    """

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.connected_once: set[str] = set()
        self.owners: dict[str, str] = {}  # kernel id: the learner's hub name

    def notify_connect(self, kernel_id: str) -> None:
        self.connected_once.add(kernel_id)
        super().notify_connect(kernel_id)

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        if kernel_id in self.connected_once:
            await super().cull_kernel_if_idle(kernel_id)

    def remove_kernel(self, kernel_id: str) -> Any:
        """Forget an ended kernel here too, so a server running for months keeps no
        record of every visit."""
        self.connected_once.discard(kernel_id)
        self.owners.pop(kernel_id, None)
        return super().remove_kernel(kernel_id)
