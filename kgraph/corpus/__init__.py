"""Reading a corpus: YAML and JSON Lines with positions, the loader, the cross-file checks, and the validated Corpus.

This is the only stage that reads annotation files and source texts."""
