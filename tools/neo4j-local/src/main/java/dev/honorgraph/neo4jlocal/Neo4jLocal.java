package dev.honorgraph.neo4jlocal;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Runs an embedded Neo4j (community) with a Bolt connector on 127.0.0.1 for local development and tests.
 *
 * <p>Protocol with the parent process (see src/db/local-neo4j.ts):
 * <ul>
 *   <li>stdout gets exactly {@code NEO4J_READY bolt://127.0.0.1:<port>} once the "neo4j" database is up,
 *       and {@code NEO4J_STOPPED} after a clean shutdown (SIGTERM/SIGINT, or the parent process is gone);</li>
 *   <li>on a start-up failure stderr gets one {@code NEO4J_FAILED <reason>} line and the exit code is 2
 *       (the stack trace goes to {@code <home>/logs/launcher-error.log}).</li>
 * </ul>
 */
public final class Neo4jLocal {
    private static final String HOST = "127.0.0.1";
    private static final String DEFAULT_DATABASE = "neo4j";
    private static final long AVAILABLE_TIMEOUT_MS = 120_000;
    private static final int EXIT_FAILED = 2;
    private static final Duration TRANSACTION_TIMEOUT_BACKSTOP = Duration.ofMinutes(10);

    /** Parsed command line. */
    private static final class Options {
        Path home;
        int port = 7687;
        long pagecacheBytes;
        String pagecacheText = "256m";
        boolean apoc;
        Path plugins;
        Integer httpPort;
        Long parentPid;
    }

    /** Thrown for bad arguments and other failures whose message is already the short reason. */
    private static final class StartupFailure extends Exception {
        StartupFailure(String reason) {
            super(reason);
        }
    }

    private static final CountDownLatch stopped = new CountDownLatch(1);
    private static final CountDownLatch startupDone = new CountDownLatch(1);
    private static final AtomicBoolean stopping = new AtomicBoolean(false);
    private static final AtomicBoolean failed = new AtomicBoolean(false);
    private static volatile DatabaseManagementService service;

    private Neo4jLocal() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (StartupFailure e) {
            fail(null, e.getMessage(), null);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(Neo4jLocal::onShutdown, "neo4j-local-shutdown"));
        if (options.parentPid != null) {
            startParentWatch(options.parentPid);
        }

        try {
            Files.createDirectories(options.home);
            // Neo4j reports a port clash only after a slow (~15 s) internal clean-up: check first.
            requireFreePort(options.port, "port " + options.port + " is in use");
            if (options.httpPort != null) {
                requireFreePort(options.httpPort, "HTTP port " + options.httpPort + " is in use");
            }
            requireStoreUnlocked(options.home);
            DatabaseManagementService started = buildService(options);
            service = started;
            if (stopping.get()) {
                // A signal arrived while starting; the shutdown hook takes it from here.
                startupDone.countDown();
                return;
            }
            GraphDatabaseService db = started.database(DEFAULT_DATABASE);
            if (!db.isAvailable(AVAILABLE_TIMEOUT_MS)) {
                throw new StartupFailure("database \"" + DEFAULT_DATABASE + "\" did not become available within "
                        + (AVAILABLE_TIMEOUT_MS / 1000) + " s (see " + options.home.resolve("logs/debug.log") + ")");
            }
        } catch (Throwable t) {
            fail(options.home, reasonFor(t, options), t);
            return;
        } finally {
            startupDone.countDown();
        }

        System.out.println("NEO4J_READY bolt://" + HOST + ":" + options.port);
        System.out.flush();

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DatabaseManagementService buildService(Options o) {
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(o.home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, o.port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, o.pagecacheBytes)
                // Keep dev data folders small: prune old transaction logs eagerly, and do not
                // preallocate each transaction log file (256 MiB) up front.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // The Bolt server stops after the databases are checkpointed and closed; its two
                // 5 s grace periods (idle connections, worker pool) only delay the exit.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                // Timeouts are marked by a monitor that runs every 2 s by default, so a 1 s timeout
                // fired at up to 3 s; checking every 100 ms keeps Neo4j's stop close to the app's deadline.
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
                // A backstop for transactions that carry no timeout of their own (the app always sends
                // one): the app's NEO4J_TRANSACTION_TIMEOUT_MS allows at most 10 minutes.
                .setConfig(GraphDatabaseSettings.transaction_timeout, TRANSACTION_TIMEOUT_BACKSTOP);

        if (o.httpPort != null) {
            builder.setConfig(HttpConnector.enabled, true)
                    .setConfig(HttpConnector.listen_address, new SocketAddress(HOST, o.httpPort));
        } else {
            builder.setConfig(HttpConnector.enabled, false);
        }

        if (o.apoc) {
            builder.setConfig(GraphDatabaseSettings.plugin_dir, o.plugins)
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                    .setConfig(GraphDatabaseSettings.procedure_allowlist, List.of("apoc.*"));
        }
        return builder.build();
    }

    private static void requireFreePort(int port, String reason) throws StartupFailure {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new StartupFailure(reason);
        }
    }

    /** Same check as Neo4j's own store locker, without its slow clean-up when the lock is held. */
    private static void requireStoreUnlocked(Path home) throws StartupFailure {
        Path lockFile = home.resolve("data").resolve("databases").resolve("store_lock");
        if (!Files.exists(lockFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new StartupFailure("store lock held: " + home + " is in use by another Neo4j process");
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw new StartupFailure("store lock held: " + home + " is in use by another Neo4j process");
        } catch (IOException e) {
            // Let Neo4j report it.
        }
    }

    private static void onShutdown() {
        stopping.set(true);
        try {
            // If start-up is still running, let it finish so the store is closed cleanly.
            startupDone.await(AVAILABLE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DatabaseManagementService s = service;
        if (s != null) {
            try {
                s.shutdown();
            } catch (Throwable t) {
                System.err.println("neo4j-local: error during shutdown: " + t);
            }
        }
        if (!failed.get()) {
            System.out.println("NEO4J_STOPPED");
            System.out.flush();
        }
        stopped.countDown();
    }

    private static void startParentWatch(long parentPid) {
        Thread watch = new Thread(() -> {
            while (true) {
                Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
                if (parent.isEmpty() || !parent.get().isAlive()) {
                    System.err.println("neo4j-local: parent process " + parentPid + " is gone, shutting down");
                    System.exit(0); // runs the shutdown hook
                    return;
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "neo4j-local-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    // ---------------------------------------------------------------------------------------------
    // Failures

    private static void fail(Path home, String reason, Throwable t) {
        failed.set(true);
        if (t != null && home != null) {
            writeErrorLog(home, reason, t);
        }
        System.err.println("NEO4J_FAILED " + reason);
        System.err.flush();
        // Clean up whatever did start before exiting (the shutdown hook does not print NEO4J_STOPPED).
        DatabaseManagementService s = service;
        if (s != null) {
            try {
                s.shutdown();
            } catch (Throwable ignored) {
                // best effort
            }
            service = null;
        }
        startupDone.countDown();
        System.exit(EXIT_FAILED);
    }

    private static void writeErrorLog(Path home, String reason, Throwable t) {
        try {
            Path logs = home.resolve("logs");
            Files.createDirectories(logs);
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            String entry = Instant.now() + " NEO4J_FAILED " + reason + System.lineSeparator() + trace
                    + System.lineSeparator();
            Files.writeString(logs.resolve("launcher-error.log"), entry, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException ignored) {
            // The one-line reason on stderr is what matters.
        }
    }

    private static String reasonFor(Throwable t, Options o) {
        if (t instanceof StartupFailure) {
            return t.getMessage();
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String name = c.getClass().getSimpleName();
            String msg = c.getMessage() == null ? "" : c.getMessage();
            String lower = msg.toLowerCase(Locale.ROOT);
            if (c instanceof BindException || name.equals("PortBindException")
                    || lower.contains("address already in use") || lower.contains("already in use, cannot bind")) {
                if (o.httpPort != null && msg.contains(":" + o.httpPort) && !msg.contains(":" + o.port)) {
                    return "HTTP port " + o.httpPort + " is in use";
                }
                return "port " + o.port + " is in use";
            }
            if (name.equals("FileLockException") || name.equals("StoreLockException")
                    || lower.contains("lock file has been locked by another process")) {
                return "store lock held: " + o.home + " is in use by another Neo4j process";
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? "" : ": " + firstLine(root.getMessage());
        return root.getClass().getSimpleName() + msg + " (details in " + o.home.resolve("logs/launcher-error.log")
                + ")";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    // ---------------------------------------------------------------------------------------------
    // Arguments

    private static Options parse(String[] args) throws StartupFailure {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--home":
                    o.home = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                    break;
                case "--port":
                    o.port = port(value(args, ++i, a), a);
                    break;
                case "--http-port":
                    o.httpPort = port(value(args, ++i, a), a);
                    break;
                case "--pagecache":
                    o.pagecacheText = value(args, ++i, a);
                    break;
                case "--apoc":
                    o.apoc = true;
                    break;
                case "--plugins":
                    o.plugins = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                    break;
                case "--parent-pid":
                    o.parentPid = number(value(args, ++i, a), a);
                    break;
                default:
                    throw new StartupFailure("bad arguments: unknown option " + a
                            + " (usage: --home <dir> [--port <n>] [--pagecache <size>] [--apoc --plugins <dir>]"
                            + " [--http-port <n>] [--parent-pid <pid>])");
            }
        }
        if (o.home == null) {
            throw new StartupFailure("bad arguments: --home <dir> is required");
        }
        o.pagecacheBytes = bytes(o.pagecacheText);
        if (o.apoc) {
            if (o.plugins == null) {
                throw new StartupFailure("bad arguments: --apoc needs --plugins <dir>");
            }
            if (!Files.isDirectory(o.plugins)) {
                throw new StartupFailure("bad arguments: plugins folder " + o.plugins + " does not exist");
            }
        }
        if (o.httpPort != null && o.httpPort == o.port) {
            throw new StartupFailure("bad arguments: --http-port must differ from --port");
        }
        return o;
    }

    private static String value(String[] args, int i, String option) throws StartupFailure {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new StartupFailure("bad arguments: " + option + " needs a value");
        }
        return args[i];
    }

    private static long number(String s, String option) throws StartupFailure {
        try {
            long n = Long.parseLong(s);
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new StartupFailure("bad arguments: " + option + " expects a positive number, got " + s);
        }
    }

    private static int port(String s, String option) throws StartupFailure {
        long n = number(s, option);
        if (n > 65535) {
            throw new StartupFailure("bad arguments: " + option + " expects a port (1-65535), got " + s);
        }
        return (int) n;
    }

    /** "256m", "1g", "512k", "1048576" (bytes); units are binary. */
    private static long bytes(String s) throws StartupFailure {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (!t.matches("\\d+[kmgt]?")) {
            throw new StartupFailure("bad arguments: --pagecache expects a size like 256m or 1g, got " + s);
        }
        char unit = t.charAt(t.length() - 1);
        long shift;
        switch (unit) {
            case 'k': shift = 10; break;
            case 'm': shift = 20; break;
            case 'g': shift = 30; break;
            case 't': shift = 40; break;
            default: shift = 0;
        }
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new StartupFailure("bad arguments: --pagecache size out of range: " + s);
        }
    }
}
