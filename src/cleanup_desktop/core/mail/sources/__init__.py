"""Where mail is read from: IMAP, Exchange (EWS), Microsoft 365 (Graph), local stores. Never changes a mailbox."""
