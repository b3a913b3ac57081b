"""Reads shared by the pages, the API, exports, measures and verbs: policy, due dates, statistics."""
