"""Mailboxes: scan (sizes, duplicates, attachments, old bulky mail, bulk senders) and clean.

``source.MailSource`` is the protocol every backend implements (IMAP here; EWS and Graph
later); ``analysis`` turns plain message summaries into findings whatever the protocol.
"""
