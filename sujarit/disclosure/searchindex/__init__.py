"""The Thai search index of public publications: words (cutting Thai text) and build (the SearchTerm
rows). An engine: no views, no verbs; the searching itself is queries/search.py."""
