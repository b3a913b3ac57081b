"""Logging filters named in settings.LOGGING (kept free of imports: logging is set up before apps)."""

import logging


class HarfBuzzSubsetNotice(logging.Filter):
    """Drop WeasyPrint's per-font notice that it subsets with fontTools (no libharfbuzz-subset0).

    Our derived Sarabun is built and tested with the fontTools path (docs/ARCHITECTURE.md, "Thai text
    in PDFs"); the notice repeats for every font of every PDF and buries real warnings in `make run`.
    Installing Debian's libharfbuzz-subset0 makes WeasyPrint use HarfBuzz instead (README).
    """

    def filter(self, record):
        return not str(record.msg).startswith("Using fontTools instead of HarfBuzz-Subset")
