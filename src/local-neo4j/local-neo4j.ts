/**
 * Builds and runs the embedded Neo4j 5.26 from tools/neo4j-local (a Java launcher plus the Neo4j jars
 * from Maven Central), for local development and tests without Docker. Needs Java 17+ and Maven on PATH.
 *
 * Protocol with the launcher: it prints `NEO4J_READY bolt://127.0.0.1:<port>` on stdout once the
 * database is available, `NEO4J_STOPPED` after a clean shutdown (SIGTERM), and on a failed start one
 * `NEO4J_FAILED <reason>` line on stderr before exiting with code 2.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

export interface LocalNeo4jOptions {
  /** Data folder (created if missing): the store in data/, Neo4j's logs in logs/. */
  home: string;
  /** Bolt port on 127.0.0.1 (default 7687). */
  port?: number;
  /** Page cache size, like "256m" (default 256m). */
  pagecache?: string;
  /** JVM heap (-Xmx), like "1g" (default 1g). */
  heap?: string;
  /** Load APOC core (only needed by the @neo4j/graphql benchmark peer). */
  apoc?: boolean;
  /** Receives build progress and any output of the Neo4j process. */
  log?: (line: string) => void;
  /** How long to wait for NEO4J_READY (default 120000 ms). */
  startTimeoutMs?: number;
}

export interface LocalNeo4j {
  uri: string;
  port: number;
  pid: number;
  /** SIGTERM (clean shutdown), SIGKILL after 30 s; resolves when the process has exited. */
  stop(): Promise<void>;
  /** Resolves when the process has exited, for whatever reason; `requested` when stop() asked for it. */
  exited: Promise<LocalNeo4jExit>;
}

export interface LocalNeo4jExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  requested: boolean;
}

const MAIN_CLASS = 'dev.honorgraph.neo4jlocal.Neo4jLocal';
const TOOL_DIR = path.join('tools', 'neo4j-local');
const FIRST_BUILD_MB = 130;
const STDERR_TAIL_LINES = 50;
const STOP_GRACE_MS = 30_000;
const LOCK_STALE_MS = 30 * 60_000;
const LOCK_WAIT_MS = 30 * 60_000;

/** JVM flags APOC's embedded tests use; harmless without APOC. */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dfile.encoding=UTF-8',
];

interface Paths {
  root: string;
  tool: string;
  pom: string;
  target: string;
  classes: string;
  lib: string;
  plugins: string;
  stamp: string;
  lock: string;
}

let cachedPaths: Paths | undefined;

function paths(): Paths {
  if (cachedPaths) return cachedPaths;
  // src/db/ under ts-jest, dist/db/ once compiled: walk up to the folder holding tools/neo4j-local.
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, TOOL_DIR, 'pom.xml'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`Cannot find ${TOOL_DIR}/pom.xml in any folder above ${__dirname}`);
    }
    dir = parent;
  }
  const tool = path.join(dir, TOOL_DIR);
  const target = path.join(tool, 'target');
  cachedPaths = {
    root: dir,
    tool,
    pom: path.join(tool, 'pom.xml'),
    target,
    classes: path.join(target, 'classes'),
    lib: path.join(target, 'lib'),
    plugins: path.join(target, 'plugins'),
    stamp: path.join(target, '.built-from'),
    lock: path.join(target, '.build.lock'),
  };
  return cachedPaths;
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function toolMissing(tool: 'mvn' | 'java', detail = 'not found on PATH'): Error {
  return new Error(
    `Java 17 and Maven are needed to run the local Neo4j: \`${tool}\` ${detail}; install them or set NEO4J_URI to an existing server`,
  );
}

const isWindows = process.platform === 'win32';

/** Major version of `java` on PATH; throws the one-line error when it is missing. */
function javaMajorVersion(): number {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', shell: isWindows });
  if (result.error || result.status !== 0) throw toolMissing('java');
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return 0;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major; // "1.8.0" style
}

let javaChecked = false;

function checkJava(log?: (line: string) => void): void {
  if (javaChecked) return;
  const major = javaMajorVersion();
  if (major !== 0 && major < 17) {
    throw toolMissing('java', `is Java ${major}, Neo4j 5.26 needs 17 or 21`);
  }
  if (major > 21) log?.(`warning: \`java\` is Java ${major}; Neo4j 5.26 supports Java 17 and 21`);
  javaChecked = true;
}

function checkMaven(): void {
  const result = spawnSync(isWindows ? 'mvn.cmd' : 'mvn', ['-v'], { encoding: 'utf8', shell: isWindows });
  if (result.error || result.status !== 0) throw toolMissing('mvn');
}

/** sha256 of pom.xml and every Java source file: what the build output depends on. */
function sourceHash(p: Paths): string {
  const hash = createHash('sha256');
  hash.update(fs.readFileSync(p.pom));
  const sources: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.java')) sources.push(full);
    }
  };
  walk(path.join(p.tool, 'src', 'main', 'java'));
  for (const file of sources.sort()) {
    hash.update(`\0${path.relative(p.tool, file).split(path.sep).join('/')}\0`);
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

function isBuilt(p: Paths, hash: string): boolean {
  try {
    return (
      fs.readFileSync(p.stamp, 'utf8').trim() === hash &&
      fs.statSync(p.lib).isDirectory() &&
      fs.statSync(p.plugins).isDirectory() &&
      fs.existsSync(path.join(p.classes, ...MAIN_CLASS.split('.')) + '.class')
    );
  } catch {
    return false;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the build lock (an exclusively created file), waiting while another live process holds it. */
async function acquireBuildLock(p: Paths, log?: (line: string) => void): Promise<() => void> {
  fs.mkdirSync(p.target, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      const fd = fs.openSync(p.lock, 'wx');
      fs.writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
      fs.closeSync(fd);
      return () => fs.rmSync(p.lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let stale = false;
    try {
      const holder = Number.parseInt(fs.readFileSync(p.lock, 'utf8').split('\n')[0], 10);
      const age = Date.now() - fs.statSync(p.lock).mtimeMs;
      stale = age > LOCK_STALE_MS || (Number.isInteger(holder) && holder > 0 && !processAlive(holder));
    } catch {
      // Just released, or not yet written: look again.
    }
    if (stale) {
      fs.rmSync(p.lock, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for another process to finish building the local Neo4j (lock ${p.lock})`);
    }
    if (!announced) {
      log?.('Waiting for another process that is building the local Neo4j…');
      announced = true;
    }
    await sleep(500);
  }
}

function runMaven(p: Paths, log?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // Maven's stderr is passed through (minus the bare ANSI resets Debian's Maven 3.8 prints even
    // with -B); -q still prints build errors, on stdout: those go to `log` and into the error.
    const child = spawn(isWindows ? 'mvn.cmd' : 'mvn', ['-q', '-B', '-f', p.pom, 'package'], {
      cwd: p.tool,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: isWindows,
    });
    const output: string[] = [];
    const collect = (raw: string): string => {
      const line = raw.replace(ANSI, '').trimEnd();
      if (line) {
        output.push(line);
        if (output.length > 40) output.shift();
      }
      return line;
    };
    readline.createInterface({ input: child.stdout! }).on('line', (raw) => {
      const line = collect(raw);
      if (line) log?.(line);
    });
    readline.createInterface({ input: child.stderr! }).on('line', (raw) => {
      const line = collect(raw);
      if (line) process.stderr.write(`${line}\n`);
    });
    child.on('error', (error) => {
      reject((error as NodeJS.ErrnoException).code === 'ENOENT' ? toolMissing('mvn') : error);
    });
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else {
        const detail = output.length ? `\n${output.join('\n')}` : '';
        reject(new Error(`Building the local Neo4j failed (mvn exited with ${signal ?? code})${detail}`));
      }
    });
  });
}

/**
 * Builds tools/neo4j-local with Maven unless target/ already holds a build of the current pom.xml and
 * Java sources (stamped in target/.built-from). The first build downloads Neo4j into ~/.m2.
 */
export async function ensureLocalNeo4jBuilt(log?: (line: string) => void): Promise<void> {
  const p = paths();
  const hash = sourceHash(p);
  if (isBuilt(p, hash)) return;

  checkMaven();
  checkJava(log);
  const release = await acquireBuildLock(p, log);
  try {
    if (isBuilt(p, hash)) return; // built by whoever held the lock
    const firstBuild = !fs.existsSync(p.lib);
    // Jars of a previous Neo4j version must not stay on the classpath.
    fs.rmSync(p.lib, { recursive: true, force: true });
    fs.rmSync(p.plugins, { recursive: true, force: true });
    fs.rmSync(p.stamp, { force: true });
    log?.(
      firstBuild
        ? `Downloading and building Neo4j 5.26 (first run only; about ${FIRST_BUILD_MB} MB)…`
        : 'Rebuilding the local Neo4j (tools/neo4j-local changed)…',
    );
    const started = Date.now();
    await runMaven(p, log);
    fs.writeFileSync(p.stamp, `${hash}\n`);
    log?.(`Local Neo4j built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    release();
  }
}

/**
 * The classpath of the built launcher (Neo4j's own jars included), for running other Neo4j entry
 * points such as the offline importer. Call ensureLocalNeo4jBuilt first.
 */
export function localNeo4jClasspath(): string {
  const p = paths();
  return [p.classes, path.join(p.lib, '*')].join(path.delimiter);
}

/** Starts the embedded Neo4j and resolves once it accepts Bolt connections. */
export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const { log } = opts;
  await ensureLocalNeo4jBuilt(log);
  checkJava(log);
  const p = paths();
  const port = opts.port ?? 7687;
  const home = path.resolve(opts.home);
  fs.mkdirSync(home, { recursive: true });

  const classpath = [p.classes, path.join(p.lib, '*')];
  const args = ['--home', home, '--port', String(port), '--pagecache', opts.pagecache ?? '256m'];
  if (opts.apoc) {
    // APOC registers extensions through META-INF/services, so it must be on the classpath as well.
    classpath.push(path.join(p.plugins, '*'));
    args.push('--apoc', '--plugins', p.plugins);
  }
  args.push('--parent-pid', String(process.pid));
  const javaArgs = [`-Xmx${opts.heap ?? '1g'}`, ...JVM_FLAGS, '-cp', classpath.join(path.delimiter), MAIN_CLASS, ...args];

  // Its own process group: a Ctrl-C in the terminal reaches only the app, which drains its requests
  // before it stops Neo4j. If the app dies without stopping it, the launcher's parent watch does.
  const child = spawn('java', javaArgs, { cwd: home, stdio: ['ignore', 'pipe', 'pipe'], detached: !isWindows });
  let stopping: Promise<void> | undefined;
  const exit = new Promise<LocalNeo4jExit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, requested: stopping !== undefined })),
  );
  const exited = exit.then(() => undefined);
  const running = () => child.exitCode === null && child.signalCode === null;

  // If this Node process exits without stop(), take Neo4j down with it (SIGTERM: a clean shutdown).
  const killOnExit = () => {
    if (running()) child.kill('SIGTERM');
  };
  process.on('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));

  const stderrTail: string[] = [];
  let failure: string | undefined;

  const stop = (): Promise<void> => {
    if (!stopping) {
      stopping = (async () => {
        if (!running()) return exited;
        child.kill('SIGTERM');
        const timer = setTimeout(() => {
          if (running()) child.kill('SIGKILL');
        }, STOP_GRACE_MS);
        try {
          await exited;
        } finally {
          clearTimeout(timer);
        }
      })();
    }
    return stopping;
  };

  return new Promise<LocalNeo4j>((resolve, reject) => {
    let settled = false;
    const settle = (error: Error | null, value?: LocalNeo4j) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(value!);
    };
    const timeoutMs = opts.startTimeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      if (running()) child.kill('SIGKILL');
      settle(
        new Error(
          `The local Neo4j did not start within ${timeoutMs / 1000} s (see ${path.join(home, 'logs', 'debug.log')})` +
            tail(stderrTail),
        ),
      );
    }, timeoutMs);

    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const readyLine = /^NEO4J_READY (\S+)/.exec(line);
      if (readyLine && !settled) {
        settle(null, { uri: readyLine[1], port, pid: child.pid!, stop, exited: exit });
        return;
      }
      log?.(line);
    });
    readline.createInterface({ input: child.stderr! }).on('line', (line) => {
      if (line.startsWith('NEO4J_FAILED ')) failure = line.slice('NEO4J_FAILED '.length).trim();
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
      log?.(line);
    });

    child.once('error', (error) => {
      settle((error as NodeJS.ErrnoException).code === 'ENOENT' ? toolMissing('java') : error);
    });
    // 'close' comes after stdout/stderr are drained, so the NEO4J_FAILED line has been read.
    // An exit after NEO4J_READY is the caller's to report (see `exited`; the supervisor restarts it).
    child.once('close', (code, signal) => {
      if (failure) settle(new Error(`The local Neo4j failed to start: ${failure}`));
      else settle(new Error(`The local Neo4j exited before it was ready (${signal ?? `exit code ${code}`})${tail(stderrTail)}`));
    });
  });
}

function tail(lines: string[]): string {
  return lines.length ? `\n${lines.join('\n')}` : '';
}

/** A port that is free on 127.0.0.1 right now (the OS picks it). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close((error) => (error ? reject(error) : port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}
