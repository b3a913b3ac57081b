"""The one error a person can cause here: refused, with a Thai message, nothing changed."""


class QueueError(Exception):
    """A refusal: `str(error)` is the (translated) message shown to the person."""

    def __init__(self, message, code="refused"):
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self):
        return str(self.message)
