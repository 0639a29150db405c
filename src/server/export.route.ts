import { Request, Response } from 'express';
import { Graph } from '../db/graph';
import { ExportRootNotFound } from '../export/export.repository';
import { ExportInputError, checkFormat, checkScope, exportGraph } from '../export/export';

const single = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * GET /export?format=graphml|csv|jsonld[&root=<id>&hops=N][&part=nodes|edges]: the same files as
 * `npm run export`, as a download. CSV comes one table per request (part=nodes, the default, or edges).
 */
export function exportRoute(graph: Graph) {
  return async (req: Request, res: Response) => {
    try {
      const format = checkFormat(single(req.query.format));
      const scope = checkScope(single(req.query.root), single(req.query.hops));
      const part = single(req.query.part) ?? 'nodes';
      if (format === 'csv' && part !== 'nodes' && part !== 'edges') throw new ExportInputError(`part must be nodes or edges, got ${JSON.stringify(part)}`);
      const files = await exportGraph(graph.scoped(), format, scope);
      const file = format === 'csv' && part === 'edges' ? files[1] : files[0];
      res.set('content-type', file.contentType);
      res.set('content-disposition', `attachment; filename="${file.name}"`);
      res.send(file.body);
    } catch (error) {
      if (error instanceof ExportInputError) res.status(400).json({ error: error.message });
      else if (error instanceof ExportRootNotFound) res.status(404).json({ error: error.message });
      else res.status(500).json({ error: 'export failed' });
    }
  };
}
