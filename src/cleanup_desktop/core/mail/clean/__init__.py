"""Cleaners that change a mailbox: move to Trash, delete, restore, empty (IMAP, EWS, Graph)."""
