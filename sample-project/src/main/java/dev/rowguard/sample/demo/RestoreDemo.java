package dev.rowguard.sample.demo;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.h2.tools.RunScript;

/**
 * Applies a restore plan to the demo's database, as an operator would with H2's own RunScript, and
 * shows the counts before and after.
 *
 * <p>Usage: {@code RestoreDemo OUTPUT_DIR PLAN.sql}.
 */
public final class RestoreDemo {

  private RestoreDemo() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: RestoreDemo OUTPUT_DIR PLAN.sql");
      System.exit(2);
    }
    String url = SampleDatabase.url(Path.of(args[0]));
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      System.out.println("  before: " + counts(c));
      try (Reader plan = Files.newBufferedReader(Path.of(args[1]))) {
        RunScript.execute(c, plan);
      }
      System.out.println("  after:  " + counts(c));
    }
  }

  private static String counts(Connection c) throws java.sql.SQLException {
    return count(c, "tenant")
        + " tenants, "
        + count(c, "call_log")
        + " call logs, "
        + count(c, "recording")
        + " recordings";
  }

  private static long count(Connection c, String table) throws java.sql.SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from " + table)) {
      r.next();
      return r.getLong(1);
    }
  }
}
