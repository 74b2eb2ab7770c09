package dev.rowguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** One line for an I/O failure, saying which file and what is wrong with it. */
public final class Problems {
  private Problems() {}

  public static String describe(IOException e) {
    if (e instanceof NoSuchFileException f) {
      return f.getFile() + " does not exist";
    }
    if (e instanceof AccessDeniedException f) {
      return "no permission to use " + f.getFile();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getFile() + ": " + f.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Why {@code file} cannot be read, or null when it can: missing, a directory, or unreadable. Each
   * reason names the path. A pipe ({@code <(mvn verify)}) or device can be read.
   */
  public static @Nullable String notReadable(Path file) {
    if (Files.isDirectory(file)) {
      return file + " is a directory, not a file";
    }
    if (!Files.exists(file)) {
      return file + " does not exist";
    }
    if (!Files.isReadable(file)) {
      return "no permission to read " + file;
    }
    return null;
  }

  /**
   * Opens {@code file} for writing (replacing it), or says in one line why it cannot be: its
   * directory is missing, it is a directory, the file system does not take new files there ({@code
   * /proc}), or no permission.
   */
  public static BufferedWriter newWriter(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new InvalidInputException(file + " is a directory: give a file name to write to");
    }
    @Nullable Path dir = file.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new InvalidInputException(
          "cannot write "
              + file
              + ": directory "
              + dir
              + (Files.exists(dir) ? " is not a directory" : " does not exist; create it first"));
    }
    try {
      return Files.newBufferedWriter(file, UTF_8);
    } catch (AccessDeniedException e) {
      throw new InvalidInputException("no permission to write " + file);
    } catch (NoSuchFileException e) {
      // The directory exists, so it is the file system that refuses new files (e.g. /proc, /sys).
      throw new InvalidInputException(
          "cannot create "
              + file
              + ": "
              + dir
              + " does not accept new files;"
              + " write somewhere else");
    } catch (FileSystemException e) {
      throw new InvalidInputException(
          "cannot write " + file + (e.getReason() == null ? "" : ": " + e.getReason()));
    }
  }
}
