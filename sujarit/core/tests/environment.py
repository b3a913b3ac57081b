"""A pytest plugin (`-p` in pyproject.toml), imported before Django reads its settings.

The tests run with DEBUG off, as production does, and wsgi.py refuses to serve with the development
key without DEBUG (tests that fuzz the WSGI application import it): the tests get a key of their own,
unless SECRET_KEY is set already.
"""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-" + "sujarit-test-key-0123456789abcdefghijklmnopqrstuv")
