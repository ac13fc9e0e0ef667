"""Whole statements as people paste them: the normalising pass
(normalize.py, positions kept in mapped.py) and the statement reader
(reader.py: wrapper words, labels, hypotheses, what is asked, the point)."""
