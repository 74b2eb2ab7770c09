package dev.rowguard.cli.audit;

import java.nio.file.Path;
import java.util.List;

/**
 * One log: the files of one directory in rotation order, which form one hash chain. Several hosts
 * (or several applications) give several logs.
 *
 * @param directory the directory the files are in
 * @param files its log files, in rotation order
 */
record AuditLog(Path directory, List<Path> files) {}
