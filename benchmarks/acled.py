"""Benchmark ``kgraph import acled`` on a synthetic ACLED file, and print rows per second.

    python benchmarks/acled.py                   # 100,000 rows, 3 runs
    python benchmarks/acled.py --rows 10000      # quicker

The file is generated here, deterministically, in ACLED's columns: 2,000 actors (a name in several rows, with
associated actors and several sources), 5,000 locations in an admin hierarchy of 20 countries, every event type
and sub-event type, every time and geo precision, notes with commas, quotes and line breaks. Each run imports it
into a new folder in a fresh process (``kgraph import acled FILE OUT -q``, imports of Python modules included),
and the figure is the median of the runs, with the spread (lowest to highest) in brackets, and how long reading
and checking the rows takes alone (in this process). It checks nothing.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from statistics import median

from kgraph.imports.acled_rows import read_rows
from kgraph.imports.acled_terms import COLUMNS, TYPES

_SOURCES = [f"Outlet {n}" for n in range(60)]


def synthetic(path: Path, rows: int, seed: int = 1) -> None:
    """Write ``rows`` synthetic ACLED rows to ``path`` (the same rows for the same seed)."""
    rng = random.Random(seed)
    pairs = sorted(TYPES)
    countries = [(f"Country {c}", str(100 + c)) for c in range(20)]
    places = []
    for n in range(5000):
        country, iso = rng.choice(countries)
        admins = [f"Province {n % 300}", f"District {n % 1500}", f"Subdistrict {n}"][: rng.randint(1, 3)]
        places.append(
            (country, iso, admins, f"Town {n}", round(rng.uniform(-40, 40), 4), round(rng.uniform(-80, 80), 4))
        )
    actors = [f"Armed Group {n} ({countries[n % 20][0]})" for n in range(2000)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for n in range(rows):
            day = date(2018, 1, 1) + timedelta(days=rng.randrange(2000))
            event_type, sub = rng.choice(pairs)
            country, iso, admins, location, lat, lon = rng.choice(places)
            inter1, inter2 = rng.randint(1, 8), rng.choice([0, *range(1, 9)])
            low, high = sorted((inter1, inter2))
            notes = f'On {day.isoformat()}, "group {n}" clashed with another, near {location}, {admins[0]}.'
            if n % 10 == 0:
                notes += "\nA second paragraph, as some notes have."
            values = {
                "event_id_cnty": f"SYN{n}",
                "event_date": day.isoformat(),
                "time_precision": str(rng.choice([1, 1, 1, 2, 3])),
                "event_type": event_type,
                "sub_event_type": sub,
                "actor1": rng.choice(actors),
                "assoc_actor_1": "; ".join(rng.sample(actors, rng.choice([0, 0, 1, 2]))),
                "inter1": str(inter1),
                "actor2": rng.choice(actors) if inter2 else "",
                "assoc_actor_2": "",
                "inter2": str(inter2),
                "interaction": f"{high}0" if not low else f"{low}{high}",
                "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
                "iso": iso,
                "country": country,
                "admin1": admins[0],
                "admin2": admins[1] if len(admins) > 1 else "",
                "admin3": admins[2] if len(admins) > 2 else "",
                "location": location,
                "latitude": str(lat),
                "longitude": str(lon),
                "geo_precision": str(rng.choice([1, 1, 2, 3])),
                "source": "; ".join(rng.sample(_SOURCES, rng.randint(1, 3))),
                "source_scale": rng.choice(["National", "Subnational", "International"]),
                "notes": notes,
                "fatalities": str(rng.choice([0, 0, 0, 1, 2, 5, 12])),
                "tags": "",
                "timestamp": str(1_700_000_000 + n),
            }
            writer.writerow([values[c] for c in COLUMNS])


def main() -> None:
    """Generate the file, import it ``--runs`` times, print rows per second."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "acled.csv"
        synthetic(path, args.rows)
        size = path.stat().st_size / 1024**2
        started = time.perf_counter()
        rows, problems = read_rows(path)
        reading = time.perf_counter() - started
        if problems or len(rows) != args.rows:
            raise SystemExit(f"the synthetic file has problems: {problems[:3]}")
        times = []
        for run in range(args.runs):
            out = Path(folder) / f"out{run}"
            started = time.perf_counter()
            command = [sys.executable, "-m", "kgraph", "import", "acled", str(path), str(out), "-q"]
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - started)
            shutil.rmtree(out)
    rates = sorted(args.rows / t for t in times)
    print(f"kgraph import acled: {args.rows:,} rows ({size:.0f} MB), median of {args.runs} runs")
    print(f"  {median(rates):,.0f} rows per second ({rates[0]:,.0f} to {rates[-1]:,.0f}); {median(times):.1f} s a run")
    print(f"  reading and checking the rows alone: {args.rows / reading:,.0f} rows per second ({reading:.1f} s)")


if __name__ == "__main__":
    main()
