"""Placeholder until the module is written."""


def load(org, stdout=None):
    pass
