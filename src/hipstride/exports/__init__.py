"""Files made for people: charts, JSON/CSV exports (and later the calendar and handout)."""
