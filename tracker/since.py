"""A day as "since <day>" needs it (h16d #4, issue 16's fresh check). In Kazakh the
postposition «бастап» takes the ablative, and a date is said year first: «2020 ж. 1
сәуірден бастап» (1 April 2020 onwards), not «1 сәу. 2020 бастап»; the catalogue's
"since %(date)s" is «%(date)s бастап», so the day comes in that form. Other languages
take the day as format_day gives it ("since 1 Apr 2020", «с 1 апр. 2020»)."""

from __future__ import annotations

from datetime import date

from flask_babel import get_locale

#: the Kazakh month names in the ablative case (-дан/-ден after a vowel or a voiced
#: consonant, -нан/-нен after a nasal, -тан/-тен after a voiceless one)
KAZAKH_MONTHS_FROM = (
    "қаңтардан",
    "ақпаннан",
    "наурыздан",
    "сәуірден",
    "мамырдан",
    "маусымнан",
    "шілдеден",
    "тамыздан",
    "қыркүйектен",
    "қазаннан",
    "қарашадан",
    "желтоқсаннан",
)


def format_since(value: date | None) -> str:
    """`value` as "since %(date)s" takes it in the reader's language: in Kazakh «2020 ж.
    1 сәуірден», else format_day's ("1 Apr 2020"); "—" when there is none."""
    from tracker.i18n import format_day  # the edge's formats; imported late (no cycle)

    locale = get_locale()
    if value is None or locale is None or locale.language != "kk":
        return format_day(value)
    return f"{value.year} ж. {value.day} {KAZAKH_MONTHS_FROM[value.month - 1]}"
