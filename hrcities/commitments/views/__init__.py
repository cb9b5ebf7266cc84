"""Pages of declarations, commitments and actions: ingest, follow-up, editing, exchange."""
