"""Forms of the disclosure module, one file per part (shape only: the verbs judge the content)."""
