"""Placeholder until the module is written."""

staff_urls: list = []
