"""The run lifecycle, naming no backend: plan, validate, execute, journal, account, refresh."""
