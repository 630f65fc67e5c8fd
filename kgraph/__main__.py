from kgraph.cli.main import run

run()
