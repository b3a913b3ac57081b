"""Thai full-text search of public publications: word segmentation and the index (no views)."""
