"""The knowledge graph: building it from a corpus, its index, time windows, and the KnowledgeGraph facade.

Building never touches the filesystem."""
