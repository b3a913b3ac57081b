"""Every write of the disclosure module: verb functions, one file per use case."""
