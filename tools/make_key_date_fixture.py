"""Writes tests/fixtures/key_dates_1950_2099.csv from sources independent of tyme4rs:
清明 from PyEphem (the Sun's apparent ecliptic longitude reaching 15°, in Beijing time), and
中元 (lunar 7/15) and 寒衣 (lunar 10/1) from the `lunardate` tables.

    pip install ephem lunardate && python3 tools/make_key_date_fixture.py
"""

import datetime
import math
import os

import ephem
from lunardate import LunarDate


def sun_longitude(t):
    sun = ephem.Sun(t)
    return float(ephem.Ecliptic(sun, epoch=t).lon)


def qingming(year):
    target = math.radians(15.0)
    lo = ephem.Date(datetime.datetime(year, 3, 28))
    hi = ephem.Date(datetime.datetime(year, 4, 10))
    for _ in range(60):
        mid = ephem.Date((lo + hi) / 2)
        if sun_longitude(mid) < target:
            lo = mid
        else:
            hi = mid
    moment = ephem.Date(hi).datetime() + datetime.timedelta(hours=8)
    return moment.date()


def main():
    out = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "key_dates_1950_2099.csv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("year,清明,中元节,寒衣节\n")
        for year in range(1950, 2100):
            zy = LunarDate(year, 7, 15).to_solar_date()
            hy = LunarDate(year, 10, 1).to_solar_date()
            f.write(f"{year},{qingming(year)},{zy},{hy}\n")


if __name__ == "__main__":
    main()
