"""Reads of the disclosure module shared by pages, the API, open data and measures."""
