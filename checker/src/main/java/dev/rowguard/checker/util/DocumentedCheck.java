package dev.rowguard.checker.util;

import com.google.errorprone.bugpatterns.BugChecker;
import dev.rowguard.annotations.RowguardDocs;

/**
 * A rowguard check: its findings link to its page, {@code docs/checks/<CheckName>.md} under {@link
 * RowguardDocs#CHECKS}. The page is named after the check, so the link is derived here once instead
 * of being spelled in each {@code @BugPattern}; {@code ChecksCatalogTest} keeps a page for every
 * check.
 */
public abstract class DocumentedCheck extends BugChecker {

  private static final long serialVersionUID = 1L;

  /** Where the diagnostics' "(see ...)" points: this check's docs page. */
  @Override
  public final String linkUrl() {
    return RowguardDocs.CHECKS + canonicalName() + ".md";
  }
}
