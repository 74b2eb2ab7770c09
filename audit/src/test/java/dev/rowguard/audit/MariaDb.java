package dev.rowguard.audit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A real MariaDB server (Debian's {@code mariadb-server}, the MySQL-family server CI installs) for
 * the tests: {@code mariadb-install-db} on a temporary data directory, then {@code mariadbd} on a
 * free local port without grant tables, one server per test JVM, stopped when the JVM exits. Tests
 * call {@link #server()} first: where the binaries are missing (a developer machine without the
 * package) it skips them with a JUnit assumption, so {@code mvn verify} stays green there.
 */
public final class MariaDb {

  private static final List<Path> BIN_DIRS =
      List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/bin"));

  private static MariaDb server;

  /** Why the server did not start, so that the next tests fail at once rather than wait again. */
  private static RuntimeException failed;

  private final Path dir;
  private final Process process;
  private final int port;

  private MariaDb(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /** An installed program, looked up in PATH and the usual directories, or null. */
  static Path program(String name) {
    List<Path> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String p : path.split(":")) {
        if (!p.isEmpty()) {
          dirs.add(Path.of(p));
        }
      }
    }
    dirs.addAll(BIN_DIRS);
    for (Path d : dirs) {
      Path f = d.resolve(name);
      if (Files.isExecutable(f)) {
        return f;
      }
    }
    return null;
  }

  /** The one server of this JVM, started on first use; skips the test where MariaDB is missing. */
  public static synchronized MariaDb server() {
    Path mariadbd = program("mariadbd");
    Path installDb = program("mariadb-install-db");
    assumeTrue(
        mariadbd != null && installDb != null,
        "MariaDB is not installed (apt-get install mariadb-server): MariaDB tests skipped");
    if (failed != null) {
      throw failed;
    }
    if (server == null) {
      try {
        server = start(mariadbd, installDb);
      } catch (IOException e) {
        failed = new UncheckedIOException(e);
        throw failed;
      } catch (RuntimeException e) {
        failed = e;
        throw e;
      }
      MariaDb started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
    }
    return server;
  }

  private static MariaDb start(Path mariadbd, Path installDb) throws IOException {
    Path dir = Files.createTempDirectory("rowguard-mariadb");
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> install = new ArrayList<>();
    install.add(installDb.toString());
    install.add("--no-defaults");
    install.add("--datadir=" + data);
    install.add("--auth-root-authentication-method=normal");
    install.add("--skip-test-db");
    if (root) {
      install.add("--user=root");
    }
    run(install, dir.resolve("install.log"));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(mariadbd.toString());
    command.add("--no-defaults");
    command.add("--datadir=" + data);
    command.add("--socket=" + dir.resolve("mariadb.sock"));
    command.add("--pid-file=" + dir.resolve("mariadb.pid"));
    command.add("--port=" + port);
    command.add("--bind-address=127.0.0.1");
    command.add("--skip-grant-tables");
    command.add("--skip-name-resolve");
    command.add("--innodb-buffer-pool-size=32M");
    command.add("--innodb-flush-log-at-trx-commit=0");
    if (root) {
      command.add("--user=root");
    }
    Process process = builder(command, log).start();
    MariaDb db = new MariaDb(dir, process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (true) {
      try (Connection c = DriverManager.getConnection(db.url(""))) {
        return db;
      } catch (SQLException e) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          String why = tail(log);
          db.stop();
          throw new IllegalStateException(
              "mariadbd did not start: " + why + " (" + e.getMessage() + ")", e);
        }
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * The server keeps real time: under CI's {@code faketime} the tests' clock moves, the database's
   * need not.
   */
  private static ProcessBuilder builder(List<String> command, Path log) {
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.redirectOutput(log.toFile());
    b.environment().remove("LD_PRELOAD");
    b.environment().remove("FAKETIME");
    return b;
  }

  private static void run(List<String> command, Path log) throws IOException {
    Process p = builder(command, log).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " failed: " + tail(log));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The JDBC URL of database {@code name} ("" for none), as root without a password, no TLS. */
  public String url(String name) {
    // The driver asks for TLS by default (4.x); the test server has none.
    return "jdbc:mariadb://127.0.0.1:" + port + "/" + name + "?user=root&sslMode=disable";
  }

  /** A new, empty database called {@code name} (letters and digits). */
  public DataSource fresh(String name) {
    String db = name.toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(url(""));
        Statement s = c.createStatement()) {
      s.execute("drop database if exists " + db);
      s.execute("create database " + db);
      return new MariaDbDataSource(url(db));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs {@code script} in database {@code name} with the {@code mariadb} client, as {@code mysql
   * DATABASE < FILE} would; its exit code (0: every statement ran, else it stopped at the first
   * error). {@code output} receives what it printed.
   */
  public int apply(String name, Path script, Path output) throws IOException {
    Path client = program("mariadb");
    if (client == null) {
      client = program("mysql");
    }
    assumeTrue(client != null, "no mariadb client");
    ProcessBuilder b =
        builder(
            List.of(
                client.toString(),
                "--no-defaults",
                "--protocol=TCP",
                "--host=127.0.0.1",
                "--port=" + port,
                "--user=root",
                name),
            output);
    b.redirectInput(script.toFile());
    Process p = b.start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("the mariadb client did not finish");
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void stop() {
    process.destroy(); // SIGTERM: mariadbd shuts down cleanly
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory: the system cleans it up
    }
  }
}
