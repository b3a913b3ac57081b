"""Placeholder until the module is written."""


def register(registry):
    pass
