"""Placeholder until the module is written."""


def load(org):
    pass
