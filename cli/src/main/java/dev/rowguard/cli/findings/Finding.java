package dev.rowguard.cli.findings;

import dev.rowguard.annotations.RowguardDocs;

/**
 * One compiler finding of an Error Prone check.
 *
 * @param check the check name, as in {@code [CollectionIncompatibleType]}
 * @param path the source file as the build printed it (absolute for Maven), or relative to the
 *     report root once located
 * @param line 1-based line
 * @param column 1-based column, or 0 when the build did not say
 * @param columnExpandsTabs whether {@code column} counts a tab as reaching the next multiple of 8,
 *     as Maven's in-process javac prints it; located findings count characters
 * @param message the check's message without the check name, docs link and suggestion; may span
 *     lines
 * @param link the docs link of the {@code (see ...)} line, or null
 * @param suggestion Error Prone's suggested fix, e.g. {@code Did you mean 'x = y;'?}, or null
 * @param sourceLine the flagged source line, or null when the build output did not show it
 */
public record Finding(
    String check,
    Severity severity,
    String path,
    int line,
    int column,
    boolean columnExpandsTabs,
    String message,
    String link,
    String suggestion,
    String sourceLine) {

  public boolean isRowguard() {
    return isRowguardLink(link);
  }

  /** Rowguard's checks are known by their docs link, so checks added later need no list here. */
  static boolean isRowguardLink(String link) {
    return link != null && link.startsWith(RowguardDocs.CHECKS);
  }

  /** The message with its suggested fix, for formats that have one text field. */
  public String fullMessage() {
    return suggestion == null ? message : message + "\n" + suggestion;
  }

  Finding located(String newPath, int newColumn, boolean expandsTabs, String newSourceLine) {
    return new Finding(
        check,
        severity,
        newPath,
        line,
        newColumn,
        expandsTabs,
        message,
        link,
        suggestion,
        newSourceLine);
  }
}
