package dev.rowguard.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code -o FILE}: where a command writes its result, standard output (picocli's, so tests and the
 * root see it) unless a file is given. A bad file is an {@link InvalidInputException}, exit 2.
 */
public final class OutputOption {

  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec command;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write here instead of standard output.")
  @Nullable Path file;

  /**
   * A writer to the file, or to standard output; closing the latter flushes it and leaves it open
   * for the root's messages.
   */
  public Writer open() throws IOException {
    if (file != null) {
      return Problems.newWriter(file);
    }
    if (command == null) {
      throw new IllegalStateException("OutputOption is used as a picocli @Mixin");
    }
    PrintWriter stdout = command.commandLine().getOut();
    return new FilterWriter(stdout) {
      @Override
      public void close() {
        stdout.flush();
      }
    };
  }
}
