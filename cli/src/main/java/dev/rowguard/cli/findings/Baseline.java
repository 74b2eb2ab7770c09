package dev.rowguard.cli.findings;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rowguard.cli.InvalidInputException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings a team has accepted for now ({@code rowguard-baseline.json}). Entries are matched by
 * fingerprint only; path, line and message are there for the people who read and shrink the file.
 */
public record Baseline(int version, List<Entry> findings) {

  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private static final Comparator<Entry> FILE_ORDER =
      Comparator.comparing(Entry::path)
          .thenComparingInt(Entry::line)
          .thenComparing(Entry::check)
          .thenComparing(Entry::fingerprint);

  /** One accepted finding; {@code link} tells rowguard's checks from others for filters. */
  public record Entry(
      String fingerprint, String check, String path, int line, String message, String link) {
    static Entry of(TrackedFinding t) {
      Finding f = t.finding();
      return new Entry(t.fingerprint(), f.check(), f.path(), f.line(), f.message(), f.link());
    }
  }

  /** A report's findings set against a baseline. */
  public record Comparison(List<TrackedFinding> fresh, int accepted, List<Entry> stale) {}

  public static Baseline of(List<TrackedFinding> findings) {
    List<Entry> entries = new ArrayList<>(findings.stream().map(Entry::of).toList());
    entries.sort(FILE_ORDER);
    return new Baseline(VERSION, entries);
  }

  /** Reads a baseline; a missing or foreign file gives a message that says how to make one. */
  public static Baseline read(Path file) throws IOException {
    Baseline baseline;
    try {
      baseline = JSON.readValue(Files.readAllBytes(file), Baseline.class);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(
          "baseline "
              + file
              + " does not exist; create it with"
              + " 'rowguard baseline create BUILD_LOG -o "
              + file
              + "'");
    } catch (JacksonException e) {
      throw new InvalidInputException(notABaseline(file));
    }
    if (baseline == null
        || baseline.version() != VERSION
        || baseline.findings() == null
        || baseline.findings().stream().anyMatch(Baseline::incomplete)) {
      throw new InvalidInputException(notABaseline(file));
    }
    return baseline;
  }

  private static boolean incomplete(Entry e) {
    return e == null || e.fingerprint() == null || e.check() == null || e.path() == null;
  }

  private static String notABaseline(Path file) {
    return file
        + " is not a rowguard baseline (version "
        + VERSION
        + "); re-create it with"
        + " 'rowguard baseline create BUILD_LOG -o "
        + file
        + "'";
  }

  public void write(Writer out) throws IOException {
    JSON.writeValue(out, this);
  }

  /** New findings are those not in the baseline; entries no finding matched are stale. */
  public Comparison compare(List<TrackedFinding> current, FindingFilter filter) {
    Map<String, Deque<Entry>> open = new HashMap<>();
    for (Entry e : findings) {
      if (filter.covers(e.check(), e.link())) {
        open.computeIfAbsent(e.fingerprint(), k -> new ArrayDeque<>()).add(e);
      }
    }
    List<TrackedFinding> fresh = new ArrayList<>();
    int accepted = 0;
    for (TrackedFinding t : current) {
      Deque<Entry> matches = open.get(t.fingerprint());
      if (matches == null || matches.isEmpty()) {
        fresh.add(t);
      } else {
        matches.remove();
        accepted++;
      }
    }
    List<Entry> stale = new ArrayList<>();
    open.values().forEach(stale::addAll);
    stale.sort(FILE_ORDER);
    return new Comparison(fresh, accepted, stale);
  }
}
