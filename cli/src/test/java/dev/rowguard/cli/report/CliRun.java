package dev.rowguard.cli.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rowguard.cli.Rowguard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;

/** Runs the rowguard command line in this JVM with its standard streams captured. */
public record CliRun(int exit, String out, String err) {

  public static CliRun run(String... args) {
    return withInput("", args);
  }

  public static synchronized CliRun withInput(String stdin, String... args) {
    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(UTF_8)));
      System.setOut(new PrintStream(outBytes, true, UTF_8));
      System.setErr(new PrintStream(errBytes, true, UTF_8));
      int exit = Rowguard.run(args);
      return new CliRun(exit, outBytes.toString(UTF_8), errBytes.toString(UTF_8));
    } finally {
      System.setIn(in);
      System.setOut(out);
      System.setErr(err);
    }
  }
}
