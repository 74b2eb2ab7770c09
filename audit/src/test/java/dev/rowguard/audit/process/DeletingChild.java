package dev.rowguard.audit.process;

import dev.rowguard.audit.AuditContext;
import dev.rowguard.audit.AuditedDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A separate JVM that makes mass deletes through an audited DataSource and prints {@code ACK <op>}
 * after each delete has returned. Arguments: log directory, label, threads, deletes per thread (0 =
 * until killed), log file size limit in bytes.
 */
public final class DeletingChild {

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String label = args[1];
    int threads = Integer.parseInt(args[2]);
    int perThread = Integer.parseInt(args[3]);
    long maxFileBytes = Long.parseLong(args[4]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:child;DB_CLOSE_DELAY=-1");
    AuditedDataSource ds =
        AuditedDataSource.builder(h2).logDirectory(dir).maxFileBytes(maxFileBytes).build();
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      String owner = label + "-t" + t;
      workers[t] = new Thread(() -> run(ds, owner, perThread, out));
      workers[t].start();
    }
    for (Thread w : workers) {
      w.join();
    }
    ds.close();
    out.println("DONE");
  }

  private static void run(AuditedDataSource ds, String owner, int perThread, PrintStream out) {
    String table = "item_" + owner.replace('-', '_');
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table " + table + " (id int)");
      for (int i = 0; perThread == 0 || i < perThread; i++) {
        String op = owner + "-" + i;
        s.executeUpdate("insert into " + table + " values (" + i + ")");
        try (AuditContext.Scope scope = AuditContext.with("op", op)) {
          s.executeUpdate("delete from " + table); // no WHERE: always recorded
        }
        out.println("ACK " + op);
      }
    } catch (Exception e) {
      out.println("FAILED " + e);
    }
  }
}
