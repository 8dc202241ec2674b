"""The disk backend's names: the scan schema it plans from and the action ops it runs."""

SCAN_SCHEMA = "cleanup-desktop/scan/1"  # what core.disk.scan writes (a test keeps them equal)
OPS = ("trash", "delete")
