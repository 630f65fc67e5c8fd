"""Queries over the knowledge graph: connections, why, paths, events, timelines, rankings, Cypher, and the records they return."""
