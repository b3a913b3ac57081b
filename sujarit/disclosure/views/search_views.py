"""Placeholder until the module is written."""

public_urls: list = []
staff_urls: list = []
