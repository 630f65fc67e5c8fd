"""Importing other formats into a kgraph corpus: a stage before the pipeline, writing annotation files.

``kgraph import acled FILE.csv OUT`` (:mod:`kgraph.imports.acled`) turns ACLED's CSV into a JSON Lines corpus
that ``kgraph validate`` accepts as it is; :mod:`kgraph.imports.acled_rows` reads and checks the rows,
:mod:`kgraph.imports.acled_entities` makes their entities, and :mod:`kgraph.imports.acled_terms` holds ACLED's
columns and types, which the ACLED export (:mod:`kgraph.export.acled`) shares (its actor codes and columns are in
:mod:`kgraph.annotations.acled`, which the graph shares too).
"""
