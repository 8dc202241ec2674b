"""Cleanup Desktop: a Digital Cleanup Day assistant.

The engine lives in :mod:`cleanup_desktop.core` and never imports Qt; the command line
(:mod:`cleanup_desktop.cli`) and the desktop app (:mod:`cleanup_desktop.gui`) are two thin
faces over it.
"""

__version__ = "0.1.0"
APP_NAME = "cleanup-desktop"
APP_AUTHOR = "DigitalCleanupDay"
