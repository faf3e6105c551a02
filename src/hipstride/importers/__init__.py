"""Activity files → ``RunRecord``: FIT, TCX and GPX, alone, gzipped, zipped or in folders.

``sources.iter_sources`` unpacks paths into files (with size and zip-bomb limits),
``read.read_activity`` sniffs the format and parses one file. A file that cannot be
imported raises ``Refused`` with a reason the runner can act on.
"""
