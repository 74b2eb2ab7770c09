package dev.rowguard.cli.audit;

import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One log: the files of one directory in rotation order, which form one hash chain. Several hosts
 * (or several applications) give several logs.
 *
 * @param directory the directory the files are in
 * @param files its log files, in rotation order
 * @param name what the commands call the log: the directory, or for a writer read from a shipped
 *     source ({@link ShippedLogs}) the source and the writer's key
 * @param where turns a {@code file:line} of the files into where the record really is (for a
 *     shipped writer, whose files are a local copy: the topic, partition and offset)
 * @param shipped whether the files are a copy of a writer's records read from a shipped source,
 *     which holds no captured rows files
 */
record AuditLog(
    Path directory, List<Path> files, String name, UnaryOperator<String> where, boolean shipped) {

  /** A log directory (or files of one) given on the command line. */
  AuditLog(Path directory, List<Path> files) {
    this(directory, files, directory.toString(), UnaryOperator.identity(), false);
  }
}
