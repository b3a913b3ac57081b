"""The one exception the parser raises; its message is Thai and says where reading stopped."""


class PlanParseError(ValueError):
    """A file that cannot be read as a plan: nothing should be imported from it."""

    def __init__(self, message, line=None, where=""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.where = where

    def __str__(self):
        return self.message
