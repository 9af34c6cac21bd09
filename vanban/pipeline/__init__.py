"""ingest → normalise → segment → extract → resolve → index, and batch reruns."""
