"""The ``kgraph query`` commands: arguments in, one query on the knowledge graph, a table or JSON out."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kgraph.cli import answers
from kgraph.cli.commands import add_no_cache
from kgraph.query.choices import MEASURES, VIA

#: What --via chooses, for connections and paths.
_VIA_HELP = "links through relations, shared events or both (default both)"


def add_query_commands(commands: Any) -> None:
    """Add ``kgraph query ...`` to the command parser."""
    query = commands.add_parser(
        "query",
        help="ask the knowledge graph: connections, paths, evidence, events, timelines, rankings, claims, figures",
        description="Ask the knowledge graph of a corpus. Names may be ids, names or aliases, in any case.",
    )
    sub = query.add_subparsers(dest="query", metavar="QUERY", required=True)

    def command(
        name: str, help: str, run: Any, timed: bool = True, names: tuple[str, ...] = ()
    ) -> argparse.ArgumentParser:
        """A query command; ``names`` are its arguments that name an entity or event."""
        parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=help[0].upper() + help[1:] + ".")
        parser.add_argument("path", metavar="PATH", help="corpus folder or annotation file")
        parser.add_argument("--json", action="store_true", help="print JSON for scripts instead of a table")
        parser.add_argument(
            "--as-of", metavar="DATE", help="as known from the sources published by this day (e.g. 2020-11-10)"
        )
        if timed:
            parser.add_argument(
                "--during", metavar="EDTF", help="only what could fall in this time (e.g. 2023, 2023-07/..)"
            )
            parser.add_argument(
                "--within", action="store_true", help="with --during: only what certainly falls inside it"
            )
        add_no_cache(parser)
        parser.set_defaults(run=run, names=names)
        return parser

    p = command("connections", "who is connected to an entity, and through what", _connections, names=("name",))
    p.add_argument("name", metavar="NAME", help="a name, alias or id")
    p.add_argument("--depth", type=int, default=1, help="links away (default 1)")
    p.add_argument("--via", choices=VIA, default="both", help=_VIA_HELP)
    p.add_argument("--role", action="append", help="only events where both take part in this role")

    p = command(
        "path", "a shortest chain of entities and events between two names", _path, timed=False, names=("a", "b")
    )
    p.add_argument("a", metavar="A", help="where the path starts: a name, alias or id")
    p.add_argument("b", metavar="B", help="where it ends")
    p.add_argument("--via", choices=VIA, default="both", help=_VIA_HELP)
    p.add_argument("--all", action="store_true", help="every simple path up to --cutoff edges, shortest first")
    p.add_argument("--cutoff", type=int, help="with --all: longest path, in edges (default 4)")
    p.add_argument("--limit", type=int, help="with --all: most paths to show (default 20)")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="with --all: time budget (default 10)")

    p = command(
        "why",
        "the evidence behind the direct links between two names or events, quote by quote",
        _why,
        timed=False,
        names=("a", "b"),
    )
    p.add_argument("a", metavar="A", help="a name, alias or id, or an event's id")
    p.add_argument("b", metavar="B", help="another")

    p = command("events", "events matching filters, in chronological order", _events, names=("involving", "at"))
    p.add_argument(
        "--involving", action="append", metavar="NAME", help="events this entity takes part in (repeat: all of them)"
    )
    p.add_argument("--at", metavar="PLACE", help="events at this place or any place inside it")
    p.add_argument("--type", action="append", help="only events of this type (repeat: any of them)")
    p.add_argument("--status", action="append", help="only events of this status (repeat: any of them)")

    p = command(
        "timeline", "events in chronological order, with the precision of their dates", _timeline, names=("entity",)
    )
    p.add_argument("entity", metavar="NAME", nargs="?", help="only events of this entity or place")

    p = command("top", "actors ranked by centrality, or their communities", _top)
    p.add_argument(
        "--by",
        choices=(*MEASURES, "communities"),
        default=MEASURES[0],
        help="rank actors in the network of shared events by degree or betweenness, or list its communities",
    )
    p.add_argument("-n", "--top", dest="n", type=int, default=10, help="how many (default 10)")

    p = command("cypher", "run a Cypher query (see the README for labels)", _cypher, timed=False)
    p.add_argument("cypher", metavar="QUERY", help='a Cypher query; text in it goes in double quotes ("2023-07")')
    p.add_argument("--limit", type=int, default=1000, help="most rows to show (default 1000)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS", help="time budget (default 10)")

    command("disputes", "the facts the sources take sides on, each side with who takes it", _disputes, timed=False)

    p = command("claims", "what actors claim, relay or deny, quote by quote", _claims, timed=False, names=("by",))
    p.add_argument("--by", metavar="NAME", help="only what this actor claims or relays")

    p = command("figures", "the numbers each side gives, totalled side by side", _figures, names=("involving",))
    p.add_argument("--measure", action="append", help="only this measure, e.g. killed (repeat: any of them)")
    p.add_argument("--involving", metavar="NAME", help="only figures of events this entity takes part in, or of it")


def _connections(args: argparse.Namespace) -> int:
    kg = answers.graph(args)
    found = kg.connections(args.name, args.depth, args.via, answers.during(args), args.role)
    name = kg.index.name_of
    rows = [
        {
            "depth": c.depth,
            "name": c.name,
            "kind": c.kind,
            "via": c.link.via,
            "link": answers.label(c.link),
            "roles": f"{'/'.join(c.link.a_roles)} > {'/'.join(c.link.b_roles)}",
            "date": c.link.date,
            "from": name(c.link.a) if c.depth > 1 else "",
            "quotes": f"{len(c.link.evidence)}" + (f" ({len(c.link.against)} against)" if c.link.against else ""),
        }
        for c in found
    ]
    columns = ["depth", "name", "kind", "via", "link", "roles", "date", "quotes"] + (["from"] if args.depth > 1 else [])
    return answers.show(args, found.to_records(), columns, rows)


def _path(args: argparse.Namespace) -> int:
    from kgraph.query.results import Results

    if not args.all:
        for name in ("cutoff", "limit", "timeout"):
            if getattr(args, name) is not None:
                raise answers.usage(f"--{name} needs --all")
    kg = answers.graph(args)
    if args.all:
        cutoff, limit, timeout = (
            4 if args.cutoff is None else args.cutoff,
            20 if args.limit is None else args.limit,
            10.0 if args.timeout is None else args.timeout,
        )
        paths = kg.paths(args.a, args.b, cutoff, limit, args.via, timeout=timeout)
    else:
        one = kg.path(args.a, args.b, args.via)
        paths = Results([one] if one else [])
    if args.json:
        print(json.dumps(paths.to_records(), ensure_ascii=False, indent=2))
    for path in [] if args.json else paths:
        print(path)
    if not paths and paths.truncated:  # a path longer than the cutoff
        print(f"(no path between {args.a!r} and {args.b!r}: {paths.truncated}; raise --cutoff)", file=sys.stderr)
    elif not paths:
        print(f"(no path between {args.a!r} and {args.b!r})", file=sys.stderr)
    else:
        answers.note(paths.truncated)
    return 0


def _why(args: argparse.Namespace) -> int:
    from kgraph.query.stance import chain, stance_shown

    kg = answers.graph(args)
    found = kg.why(args.a, args.b)
    name = kg.index.name_of
    rows = []
    for link in found:
        for e in link.evidence or (None,):
            rows.append(
                {
                    "via": link.via,
                    "link": answers.label(link),
                    "date": link.date,
                    "stance": stance_shown(e.stance) if e else "",
                    "quote": e.quote if e else "",
                    "from": chain(e, name) if e else "",
                    "source": e.source if e else "",
                }
            )
    return answers.show(args, found.to_records(), ["via", "link", "date", "stance", "quote", "from", "source"], rows)


def _disputes(args: argparse.Namespace) -> int:
    from kgraph.query.stance import side_shown, stance_shown

    kg = answers.graph(args)
    found = kg.disputes()
    rows = [
        {
            "kind": d.kind,
            "what": d.label,
            "stance": stance_shown(side.stance),
            "who": side_shown(side.claimants, kg.corpus.sources, kg.index.name_of),
            "quotes": side.quotes,
            "sources": side.sources,
        }
        for d in found
        for side in d.sides
    ]
    return answers.show(args, found.to_records(), ["kind", "what", "stance", "who", "quotes", "sources"], rows)


def _claims(args: argparse.Namespace) -> int:
    from kgraph.query.stance import stance_shown

    kg = answers.graph(args)
    found = kg.claims(args.by)
    name = kg.index.name_of
    rows = [{**vars(c), "actor": name(c.actor), "stance": stance_shown(c.stance), "what": c.label} for c in found]
    return answers.show(args, found.to_records(), ["actor", "part", "stance", "kind", "what", "quote", "source"], rows)


def _figures(args: argparse.Namespace) -> int:
    from kgraph.query.stance import side_shown

    kg = answers.graph(args)
    found = kg.figures(args.measure, answers.during(args), args.involving)
    rows = [
        {
            "measure": t.measure,
            "figure": t.text,
            "according to": side_shown(t.side, kg.corpus.sources, kg.index.name_of),
            "stands for": [f"{f.text}: {f.label}" for f in t.figures],
        }
        for t in found
    ]
    return answers.show(args, found.to_records(), ["measure", "figure", "according to", "stands for"], rows)


def _events(args: argparse.Namespace) -> int:
    kg = answers.graph(args)
    found = kg.events(args.involving, args.at, args.type, args.status, answers.during(args))
    name = kg.index.name_of
    rows = [
        {
            "date": e.date.edtf,
            "id": e.id,
            "type": e.type,
            "status": e.status,
            "title": e.title,
            "place": name(e.place) if e.place else "",
        }
        for e in found
    ]
    return answers.show(args, found.to_records(), ["date", "id", "type", "status", "title", "place"], rows)


def _timeline(args: argparse.Namespace) -> int:
    kg = answers.graph(args)
    found = kg.timeline(args.entity, answers.during(args))
    records = found.to_records()
    name = kg.index.name_of
    rows = [{**r, "place": name(r["place"]) if r["place"] else ""} for r in records]
    return answers.show(args, records, ["date", "precision", "title", "type", "status", "place"], rows)


def _top(args: argparse.Namespace) -> int:
    kg = answers.graph(args)
    if args.by == "communities":
        groups = kg.communities(answers.during(args), args.n)
        return answers.show(args, groups.to_records(), ["rank", "size", "names"])
    found = kg.centrality(args.by, answers.during(args), args.n)
    return answers.show(args, found.to_records(), ["name", "kind", "score"])


def _cypher(args: argparse.Namespace) -> int:
    result = answers.graph(args).cypher(args.cypher, args.limit, args.timeout)
    code = answers.show(args, result.to_records(), list(result[0]) if result else [])
    answers.note(result.truncated)
    return code
