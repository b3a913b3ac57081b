"""Placeholder until the module is written."""

urls: list = []
