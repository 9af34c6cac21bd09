"""vanban: structured, searchable facts from Vietnamese administrative documents."""
__version__ = "0.1.0"
# Bumped when any extractor's output can change: batch reruns re-extract documents
# extracted by an older version.
EXTRACTOR_VERSION = "1"
