"""Queries over the knowledge graph: connections, why, paths, events, timelines, rankings, disputes, claims, figures, Cypher, and the records they return."""
