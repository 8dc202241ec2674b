"""The mail backend's names: the scan schema it plans from and the action ops it runs."""

SCAN_SCHEMA = "cleanup-desktop/mail-scan/1"
OPS = ("mail-trash", "mail-delete")
