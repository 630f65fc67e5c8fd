"""The bulk of the explorer's timeline: where its axis opens, leaving out events far from the rest.

An empty stretch of time longer than :data:`BREAK` of the whole splits the events in two, and the side with fewer
events is left out when it holds at most :data:`MINOR` of them. A large graph's page gets its axis from
:func:`timeline_extent`; a small graph's page works it out in timeline-scale.js, with the same shares
(:data:`BULK`, in the page's data).
"""

from __future__ import annotations

from typing import Any

#: An empty stretch longer than this share of the whole splits the timeline's events, and the side beyond it is
#: left out when it holds at most this share of them: two events decades earlier are, an article's worth of
#: events two years earlier is not.
BREAK, MINOR = 0.4, 0.1

#: The same two shares as the page reads them (``data.bulk``): timeline-scale.js finds a small graph's bulk itself.
BULK = {"break": BREAK, "minor": MINOR}


def timeline_extent(days: list[Any]) -> dict[str, Any]:
    """The timeline's axis over events' packed ``days``, as timeline-scale.js works it out from their items.

    ``lo`` and ``hi`` bound every span of days (the end day's next day), ``main`` is the bulk of them (the
    smaller side of any long empty stretch left out), ``outliers`` how many spans it leaves out, ``dated`` how
    many events have a day.

    >>> timeline_extent([None, *range(10, 20), 500])
    {'lo': 10, 'hi': 501, 'main': [10, 20], 'outliers': 1, 'dated': 11}
    >>> timeline_extent([None, *range(10, 16), 500, 501])["main"]  # two of eight events: too many to leave out
    [10, 502]
    """
    spans = []
    for packed in days:
        if packed is None:
            continue
        a, b, pa, pb = (packed,) * 4 if isinstance(packed, int) else packed
        lo = next(d for d in (pa, a, b, pb) if d is not None)
        hi = next(d for d in (pb, b, a, pa) if d is not None)
        spans.append((lo, hi + 1))
    whole = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else (0, 1)
    clusters: list[list[int]] = []
    for lo, hi in sorted(spans, key=lambda s: s[0]):
        if clusters and lo <= clusters[-1][1]:
            clusters[-1][1] = max(clusters[-1][1], hi)
            clusters[-1][2] += 1
        else:
            clusters.append([lo, hi, 1])
    start, end = 0, len(clusters) - 1
    while end > start:
        gaps = [(clusters[i + 1][0] - clusters[i][1], i) for i in range(start, end)]
        gap, at = max(gaps, key=lambda g: (g[0], -g[1]))  # the first of the longest, as the page's loop finds it
        if gap <= 0 or gap <= (clusters[end][1] - clusters[start][0]) * BREAK:
            break
        before = sum(c[2] for c in clusters[start : at + 1])
        after = sum(c[2] for c in clusters[at + 1 : end + 1])
        if min(before, after) > (before + after) * MINOR:
            break
        start, end = (start, at) if before > after else (at + 1, end)
    main = [clusters[start][0], clusters[end][1]] if clusters else list(whole)
    outliers = sum(1 for lo, hi in spans if hi <= main[0] or lo >= main[1])
    return {"lo": whole[0], "hi": whole[1], "main": main, "outliers": outliers, "dated": len(spans)}
