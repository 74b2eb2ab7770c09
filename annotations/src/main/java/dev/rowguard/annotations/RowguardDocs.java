package dev.rowguard.annotations;

/**
 * Where each check's long-form documentation lives: {@code @BugPattern(link = ...)} of every check
 * points here, and the CLI knows rowguard's findings by this prefix. Kept in this dependency-free
 * module so that the CLI needs nothing of the checker.
 */
public final class RowguardDocs {

  /** Base of the docs pages, {@code docs/checks/<CheckName>.md} in the repository. */
  public static final String CHECKS = "https://github.com/rowguard/rowguard/blob/main/docs/checks/";

  private RowguardDocs() {}
}
