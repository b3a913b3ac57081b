"""Documents built from the data on request: the published manuals (O21) and the 6/12-month reports."""
