"""Schemathesis hooks for `npm run test:api-fuzz`: value generators for the formats the API's document defines."""
import base64
import json

from hypothesis import strategies as st

import schemathesis


def _luhn_check_digit(nine_digits: str) -> str:
    total = 0
    for i, ch in enumerate(nine_digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


@st.composite
def _personnummer(draw):
    """A valid personnummer, YYYYMMDD-NNNC (C the Luhn check digit over YYMMDDNNN)."""
    year = draw(st.integers(min_value=1900, max_value=2024))
    month = draw(st.integers(min_value=1, max_value=12))
    day = draw(st.integers(min_value=1, max_value=28))
    serial = draw(st.integers(min_value=1, max_value=999))  # serial 000 is never issued
    nine = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    return f"{year}{month:02d}{day:02d}-{serial:03d}{_luhn_check_digit(nine)}"


schemathesis.openapi.format("personnummer", _personnummer())


def _cursor(sort_key, row_id):
    raw = json.dumps([sort_key, row_id], ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


# Cursors shaped like the ones the API returns (base64url of the JSON pair [sortKey, id]) pointing anywhere: a page
# after any instant and id must be a page, never an error. Lists of cases and tasks sort by an instant, the audit
# trail by its row number alone.
_INSTANT = st.datetimes().map(
    lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}.{d.microsecond // 1000:03d}Z"
)
schemathesis.openapi.format("page-cursor", st.builds(_cursor, _INSTANT, st.uuids().map(str)))
schemathesis.openapi.format("audit-cursor", st.builds(_cursor, st.just(""), st.integers(min_value=0, max_value=10**18 - 1).map(str)))
