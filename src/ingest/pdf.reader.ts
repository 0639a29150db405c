import { Worker } from 'node:worker_threads';
import { badInput } from '../api/errors';
import { SourceLine, SourceText } from './text.reader';

/**
 * PDF fonts often map a character's glyph back to a radical that shares it (青 → ⻘ U+2EE3, 用 → ⽤
 * U+2F64), so extracted text holds radicals where the document has ideographs. Kangxi radicals
 * (U+2F00–U+2FD5) become their ideograph by NFKC; the CJK Radicals Supplement has no decomposition,
 * so its radicals that share a glyph with an ideograph (read from Noto Sans CJK SC's character map,
 * the relation of Unicode's EquivalentUnifiedIdeograph.txt) are listed here as pairs.
 */
const RADICAL_PAIRS =
  '⺂乛⺃乚⺅亻⺉刂⺋㔾⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺭礻⺯糹⺰纟⺱罓⺳㓁⺹耂⺺肀⺾艹⻂衤⻅见⻆角⻈讠' +
  '⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀';
const RADICALS = new Map<string, string>();
for (let i = 0; i + 1 < RADICAL_PAIRS.length; i += 2) RADICALS.set(RADICAL_PAIRS[i], RADICAL_PAIRS[i + 1]);

/** Radicals in extracted PDF text made the ideographs they stand for. */
export function unifyRadicals(text: string): string {
  return text.replace(/[\u2e80-\u2fdf]/gu, (ch) => RADICALS.get(ch) ?? ch.normalize('NFKC'));
}

/** unpdf's structured text item: a run of text at a position, maybe ending its line. */
interface TextItem {
  str: string;
  y: number;
  fontSize: number;
  hasEOL: boolean;
}

/** How long one PDF may take to read, and how much memory PDF.js may use for it. */
const PDF_TIMEOUT_MS = 30_000;
const PDF_MAX_HEAP_MB = 512;

/**
 * Runs in a worker thread: PDF.js (through unpdf) parses the file there, apart from the server's
 * event loop and heap, so a hostile or huge PDF can be stopped by time and memory. It also runs
 * PDF.js as plain Node code: unpdf loads PDF.js by a dynamic import, which a VM-sandboxed host (jest)
 * cannot do. Plain JavaScript, as a worker evaluates it.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  try {
    const { getDocumentProxy, extractTextItems, getMeta } = require(workerData.unpdf);
    const pdf = await getDocumentProxy(workerData.bytes);
    const { items } = await extractTextItems(pdf);
    const meta = await getMeta(pdf).catch(() => null);
    const title = meta && meta.info && typeof meta.info.Title === 'string' ? meta.info.Title : null;
    const pages = items.map((page) => page.map((item) => ({ str: item.str, y: item.y, fontSize: item.fontSize, hasEOL: item.hasEOL })));
    await pdf.destroy();
    parentPort.postMessage({ pages, title });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
})();
`;

interface WorkerAnswer {
  pages?: TextItem[][];
  title?: string | null;
  error?: string;
}

function extractInWorker(bytes: Buffer): Promise<WorkerAnswer> {
  const data = new Uint8Array(bytes);
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bytes: data, unpdf: require.resolve('unpdf') },
      transferList: [data.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: PDF_MAX_HEAP_MB },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (answer: WorkerAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => settle({ error: `reading it took longer than ${PDF_TIMEOUT_MS / 1000} s` }), PDF_TIMEOUT_MS);
    worker.on('message', (answer: WorkerAnswer) => settle(answer));
    worker.on('error', (error) => settle({ error: error.message }));
    worker.on('exit', (code) => settle({ error: `the reader stopped (exit code ${code})` }));
  });
}

/**
 * A text PDF through unpdf (PDF.js), in a worker thread: per page, its text items joined into lines
 * (a line ends where PDF.js marks an end of line or the baseline moves), `p.P ¶N` the page and the
 * N-th non-empty line of that page; radicals standing for ideographs are unified. Title from the
 * document's metadata. A PDF without any text (a scan) yields no line; one PDF.js cannot open is refused.
 */
export async function readPdf(bytes: Buffer): Promise<SourceText> {
  const answer = await extractInWorker(bytes);
  if (answer.error !== undefined || !answer.pages) throw badInput('file', `the PDF cannot be read: ${(answer.error ?? 'no answer').split('\n')[0]}`);
  const pages = answer.pages;
  const title = answer.title?.trim() || null;
  const lines: SourceLine[] = [];
  pages.forEach((items, pageIndex) => {
    let current = '';
    let baseline: number | null = null;
    let n = 0;
    const end = () => {
      const text = unifyRadicals(current).replace(/\s+/g, ' ').trim();
      if (text) lines.push({ locator: `p.${pageIndex + 1} ¶${(n += 1)}`, text });
      current = '';
      baseline = null;
    };
    for (const item of items) {
      if (baseline !== null && item.str && Math.abs(item.y - baseline) > Math.max(1, item.fontSize / 2)) end();
      if (item.str) {
        current += item.str;
        baseline ??= item.y;
      }
      if (item.hasEOL) end();
    }
    end();
  });
  return { lines, title };
}
