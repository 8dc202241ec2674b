"""The composition of the engine: the one place that names every backend of the run lifecycle
and registers it in core.run.registry. The faces (cli, gui) call ``install()`` before they
plan, run, undo, refresh or account; core/run never imports this module.

Adding a backend is one new package (with a ``lifecycle.BACKEND``, see core/disk/lifecycle.py)
plus one line in ``BACKENDS``. Registration imports only the backends' small lifecycle
modules: each step imports its engine on first use.
"""

from __future__ import annotations

from cleanup_desktop.core.disk import lifecycle as disk
from cleanup_desktop.core.mail import lifecycle as mail
from cleanup_desktop.core.run import registry

# In this order: undo and empty-trash report the backends' items in it; an action no backend
# owns is counted under the first one.
BACKENDS = (
    disk.BACKEND,
    mail.BACKEND,
)


def install() -> None:
    """Register every backend (again: idempotent)."""
    for backend in BACKENDS:
        registry.register(backend)
