"""Schemathesis hooks for `npm run test:api-fuzz`: value generators for the formats the API's document defines."""
import base64
import json
from datetime import date, datetime, timedelta, timezone

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


def _cursor(list_name, sort_key, row_id):
    """As the API writes one: base64url, unpadded, of the compact JSON [list, sortKey, id]."""
    raw = json.dumps([list_name, sort_key, row_id], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


# Cursors shaped like the ones each list returns, pointing anywhere: a page after any instant and id must be a
# page, never an error. Cases, tasks and claims sort by an instant (as Date#toISOString writes it), the audit trail by its
# row number alone, and so does a patient's access log (the audit rows of its reads).
_INSTANT = st.datetimes().map(
    lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}T{d.hour:02d}:{d.minute:02d}:{d.second:02d}.{d.microsecond // 1000:03d}Z"
)
_UUID = st.uuids().map(str)
schemathesis.openapi.format("cases-cursor", st.builds(_cursor, st.just("cases"), _INSTANT, _UUID))
schemathesis.openapi.format("tasks-cursor", st.builds(_cursor, st.just("tasks"), _INSTANT, _UUID))
schemathesis.openapi.format("claims-cursor", st.builds(_cursor, st.just("claims"), _INSTANT, _UUID))
schemathesis.openapi.format("audit-cursor", st.builds(_cursor, st.just("audit"), st.just(""), st.integers(min_value=1, max_value=2**63 - 1).map(str)))
schemathesis.openapi.format("operations-cases-cursor", st.builds(_cursor, st.just("operations/cases"), _INSTANT, _UUID))
schemathesis.openapi.format("situation-rounds-cursor", st.builds(_cursor, st.just("situation-reports/rounds"), _INSTANT, _UUID))
# Raw reports of a round page by organisation code alone.
schemathesis.openapi.format(
    "situation-reports-cursor", st.builds(_cursor, st.just("situation-reports/reports"), st.just(""), st.from_regex(r"\A[A-Za-z0-9-]{2,40}\Z"))
)
schemathesis.openapi.format(
    "access-log-cursor", st.builds(_cursor, st.just("patients/access-log"), st.just(""), st.integers(min_value=1, max_value=2**63 - 1).map(str))
)


# Dates and instants in the years the API takes (PLAUSIBLE_YEARS, 1900-2100, which the document's patterns state):
# drawn in range rather than filtered out of 1-9999. Instants carry any offset within +-23:59.
_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
schemathesis.openapi.format("date", _DATES.map(lambda d: d.isoformat()))


@st.composite
def _instant(draw):
    moment = draw(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2100, 12, 30)))
    minutes = draw(st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59))
    return moment.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat(timespec="milliseconds")


schemathesis.openapi.format("date-time", _instant())
