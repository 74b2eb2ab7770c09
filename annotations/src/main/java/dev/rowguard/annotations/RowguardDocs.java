package dev.rowguard.annotations;

/**
 * Where each check's long-form documentation lives: every check's findings link here (the checker's
 * {@code DocumentedCheck} derives the page from the check's name), and the CLI knows rowguard's
 * findings by this prefix. Kept in this dependency-free module so that the CLI needs nothing of the
 * checker.
 */
public final class RowguardDocs {

  /** Base of the docs pages, {@code docs/checks/<CheckName>.md} in the repository. */
  public static final String CHECKS = "https://github.com/rowguard/rowguard/blob/main/docs/checks/";

  /** The page of {@code rowguard schema check}'s rules, {@code docs/SCHEMA.md}. */
  public static final String SCHEMA =
      "https://github.com/rowguard/rowguard/blob/main/docs/SCHEMA.md";

  private RowguardDocs() {}
}
