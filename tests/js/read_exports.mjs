// Reads a GraphML and a GEXF file with graphology's parsers (those Gephi Lite and sigma.js use)
// and prints, as JSON, what each holds: counts, node labels and kinds, edge labels and kinds, and every attribute
// as graphology read it (with its type: a number stays a number).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { MultiDirectedGraph } = require("graphology");
const graphml = require("graphology-graphml");
const gexf = require("graphology-gexf");

function summary(graph) {
  const nodes = {};
  graph.forEachNode((id, attributes) => { nodes[id] = { label: attributes.label, kind: attributes.kind, attributes }; });
  const edges = [];
  graph.forEachEdge((id, attributes, source, target) => {
    edges.push({ id, source, target, label: attributes.label, kind: attributes.kind, category: attributes.category, type: attributes.type, attributes });
  });
  return { order: graph.order, size: graph.size, multi: graph.multi, nodes, edges };
}

const [graphmlPath, gexfPath] = process.argv.slice(2);
const result = {
  graphml: summary(graphml.parse(MultiDirectedGraph, readFileSync(graphmlPath, "utf8"))),
  gexf: summary(gexf.parse(MultiDirectedGraph, readFileSync(gexfPath, "utf8"))),
};
process.stdout.write(JSON.stringify(result));
