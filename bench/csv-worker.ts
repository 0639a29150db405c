/** Worker thread of writeImportCsv (csv.ts): writes one CsvTask and posts progress, then the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { CsvTask, writeCsvTask } from './csv';

let last = 0;
const result = writeCsvTask(workerData as CsvTask, (nodes, relationships) => {
  if (Date.now() - last < 1000) return;
  last = Date.now();
  parentPort!.postMessage({ progress: { nodes, relationships } });
});
parentPort!.postMessage({ done: result });
