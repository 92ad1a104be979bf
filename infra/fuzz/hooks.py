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
    serial = draw(st.integers(min_value=0, max_value=999))
    nine = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
    return f"{year}{month:02d}{day:02d}-{serial:03d}{_luhn_check_digit(nine)}"


schemathesis.openapi.format("personnummer", _personnummer())


@st.composite
def _page_cursor(draw):
    """A cursor shaped like the ones the API returns: base64url of the JSON pair [sortKey, id], any strings."""
    sort_key = draw(st.one_of(st.text(max_size=30), st.datetimes().map(lambda d: d.isoformat() + "Z")))
    row_id = draw(st.one_of(st.uuids().map(str), st.text(max_size=30)))
    raw = json.dumps([sort_key, row_id], ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


schemathesis.openapi.format("page-cursor", _page_cursor())
