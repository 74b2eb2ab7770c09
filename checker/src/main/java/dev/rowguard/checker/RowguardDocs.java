package dev.rowguard.checker;

/** Where each check's long-form documentation lives; {@code @BugPattern(link = ...)} points here. */
public final class RowguardDocs {

  /** Base of the docs pages, {@code docs/checks/<CheckName>.md} in the repository. */
  public static final String CHECKS = "https://github.com/rowguard/rowguard/blob/main/docs/checks/";

  private RowguardDocs() {}
}
