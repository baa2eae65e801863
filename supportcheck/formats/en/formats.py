"""English dates as written in Europe: "30 November 2026", day before month.

The English pages sit beside British spelling and Belgian readers; Django's "en" formats
are American ("Nov. 30, 2026", month first). Only the output formats change: the date
fields keep Django's input formats, so a form's ISO dates are read as before.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
