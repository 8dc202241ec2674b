"""Dialogs: settings and mail account."""
