/* kgraph explorer, part "unpack": the page's data as kgraph/export/pack.py packed it, restored to the records
   it was made from. Each table (nodes, edges, links) has its keys once and a row of values a record; a null
   value is a key the record lacks. What a record's details repeat of its own fields comes back from those
   fields (a bit mask says which), and a participant's edge gets its event's evidence back after its own. */
(globalThis.kgraphParts ??= {}).unpack = (packed) => {
  "use strict";

  if (packed.columns) return globalThis.kgraphParts.columns(packed); /* a large graph's columns */
  const { tables, repeated, mask, shares } = packed.packing;
  const data = { ...packed };
  delete data.packing;
  const rows = ({ keys, rows: values }) =>
    values.map((row) => {
      const record = {};
      keys.forEach((key, i) => {
        if (row[i] !== null) record[key] = row[i];
      });
      return record;
    });
  for (const name of tables) data[name] = rows(packed[name]);
  const evidence = new Map(data.nodes.map((n) => [n.id, (n.details || {}).evidence]));
  for (const name of tables) {
    for (const record of data[name]) {
      const bits = record[mask];
      if (bits) {
        repeated.forEach(([key, field, index], bit) => {
          if (bits & (1 << bit)) record.details[key] = index === null ? record[field] : record[field][index];
        });
        delete record[mask];
      }
      if (record[shares]) {
        record.details.evidence = [...(record.details.evidence || []), ...evidence.get(record.to)];
        delete record[shares];
      }
    }
  }
  return data;
};
