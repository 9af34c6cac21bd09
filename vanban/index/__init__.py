"""One index interface (`base.IndexBackend`), two backends: SQLite FTS5 and Elasticsearch."""
from vanban.index.base import IndexBackend, open_index

__all__ = ["IndexBackend", "open_index"]
