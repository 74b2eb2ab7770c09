package dev.rowguard.cli.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rowguard.cli.Rowguard;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the rowguard command line in this JVM on its own streams: no global stream is swapped. */
public record CliRun(int exit, String out, String err) {

  public static CliRun run(String... args) {
    return withInput("", args);
  }

  /** Standard input is a pipe holding {@code stdin}. */
  public static CliRun withInput(String stdin, String... args) {
    return run(new Rowguard.Stdin(new ByteArrayInputStream(stdin.getBytes(UTF_8)), false), args);
  }

  /** Standard input is a terminal (on which nobody types). */
  public static CliRun onTerminal(String... args) {
    return run(new Rowguard.Stdin(InputStream.nullInputStream(), true), args);
  }

  private static CliRun run(Rowguard.Stdin stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Rowguard.run(stdin, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
