"""The ``kgraph`` command: a thin translator from arguments to one library call, and back to text."""
