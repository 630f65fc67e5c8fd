"""Synthetic corpora and graphs of realistic shape, for benchmarks and tests at scale (not part of the pipeline)."""
