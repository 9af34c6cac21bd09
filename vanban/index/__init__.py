"""One index interface (`base.IndexBackend`), two backends: SQLite FTS5 and Elasticsearch."""
