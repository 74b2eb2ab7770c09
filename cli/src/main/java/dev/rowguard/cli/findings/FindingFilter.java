package dev.rowguard.cli.findings;

import java.util.Set;

/**
 * Which checks a report or baseline covers: {@code --checks A,B} and {@code --only-rowguard}.
 *
 * @param checks the check names to keep; empty keeps every check
 * @param onlyRowguard keep only checks whose docs link is rowguard's
 */
public record FindingFilter(Set<String> checks, boolean onlyRowguard) {

  public FindingFilter {
    checks = Set.copyOf(checks);
  }

  public boolean covers(String check, String link) {
    return (checks.isEmpty() || checks.contains(check))
        && (!onlyRowguard || Finding.isRowguardLink(link));
  }

  public boolean covers(Finding f) {
    return covers(f.check(), f.link());
  }
}
