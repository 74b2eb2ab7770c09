package dev.rowguard.cli.findings;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fingerprints that survive line shifts and unrelated edits: a hash of the check, the file, the
 * flagged source line with its whitespace normalized, and which occurrence of that same line and
 * check in the file this is. The line number is not part of it.
 */
public final class Fingerprints {

  /** Two identical flagged lines in a file are told apart by their order. */
  private static final Comparator<Finding> POSITION =
      Comparator.comparingInt(Finding::line)
          .thenComparingInt(Finding::column)
          .thenComparing(Finding::message);

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Fingerprints() {}

  /** Fingerprints for located findings (see {@link SourceRoot#locate}), in the same order. */
  public static List<TrackedFinding> track(List<Finding> located) {
    List<Finding> ordered = new ArrayList<>(located);
    ordered.sort(POSITION);
    Map<String, Integer> occurrences = new HashMap<>();
    IdentityHashMap<Finding, String> fingerprints = new IdentityHashMap<>();
    for (Finding f : ordered) {
      String identity = String.join("\u0000", f.check(), f.path(), content(f));
      int occurrence = occurrences.merge(identity, 1, Integer::sum) - 1;
      fingerprints.put(f, sha256(identity + "\u0000" + occurrence));
    }
    return located.stream().map(f -> new TrackedFinding(f, fingerprints.get(f))).toList();
  }

  /**
   * The flagged line with whitespace runs collapsed; when the line is unknown (the file is not
   * checked out where the report runs), the first line of the message stands in for it.
   */
  static String content(Finding f) {
    if (f.sourceLine() != null) {
      return "line:" + WHITESPACE.matcher(f.sourceLine().strip()).replaceAll(" ");
    }
    return "message:" + f.message().lines().findFirst().orElse("");
  }

  private static String sha256(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
