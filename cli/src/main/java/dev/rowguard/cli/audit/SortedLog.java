package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.LogTimes;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The records of a log whose host clock stepped back further than {@link Reordered}'s window can
 * reorder, put in time order by sorting what is read of the log: runs of {@link #RUN} records are
 * sorted in memory and, when there is more than one, written to temporary files and merged. Memory
 * holds one run (or, while merging, one record per run file); the temporary files hold the records
 * read, about as many bytes as the log from where reading starts.
 *
 * <p>Whether a log needs it is learned before reading it ({@link #clockStep}), from the times
 * alone.
 */
final class SortedLog implements EventSource {

  /** Records sorted in memory at a time: about 20 MB for records of the logger's size. */
  static final int RUN = 20_000;

  /** Where the times of a log go back beyond the reorder window: the first such record. */
  record Step(long seq, Instant ts, long afterSeq, Instant after) {}

  /**
   * The first record that {@link Reordered}'s window would give out of time order (one earlier than
   * a record already given out), read from the times of the files {@code cursor} reads, up to
   * {@link Timeline#LOOK_BACK} past {@code to} (the timeline may read further, for the outcomes of
   * what it shows, but shows nothing after {@code to}); null when the window puts all of that in
   * order.
   */
  static @Nullable Step clockStep(RecordCursor cursor, @Nullable Instant to) throws IOException {
    Instant stop = to == null ? null : to.plus(Timeline.LOOK_BACK);
    // the window as Reordered runs it: a record read is compared with the last one given out
    NearlySorted<long[]> window =
        new NearlySorted<>(
            (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    Step[] step = {null};
    long[][] last = {null};
    LogTimes.scan(
        cursor.files(),
        cursor.readFrom(),
        (seq, ts) -> {
          if (stop != null && ts.isAfter(stop)) {
            return false;
          }
          long micros = ts.getEpochSecond() * 1_000_000 + ts.getNano() / 1000;
          if (window.size() >= Reordered.WINDOW) {
            last[0] = window.poll();
          }
          if (last[0] != null && micros < last[0][0]) {
            step[0] = new Step(seq, ts, last[0][1], instant(last[0][0]));
            return false;
          }
          window.add(new long[] {micros, seq});
          return true;
        });
    return step[0];
  }

  private static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
  }

  /** The warning: where time went back, how far, and that the log is sorted. */
  static String warning(AuditLog log, Step s) {
    return log.directory()
        + " seq "
        + s.seq()
        + ": time goes back "
        + Duration.between(s.ts(), s.after())
        + " (to "
        + s.ts()
        + ", after "
        + s.after()
        + " at "
        + log.directory()
        + " seq "
        + s.afterSeq()
        + ") by more than the "
        + Reordered.WINDOW
        + " records the timeline reorders: a clock step? The log is sorted by time to list it in order"
        + " (runs of "
        + Columns.grouped(RUN)
        + " records in memory, the rest in temporary files)";
  }

  private final int stream;
  private final List<Path> runs = new ArrayList<>();
  private final List<BufferedReader> open = new ArrayList<>();
  private @Nullable Iterator<Event> inMemory;
  private @Nullable PriorityQueue<Head> heads;

  private record Head(Event event, BufferedReader from) {}

  /** Reads every record {@code cursor} reads, and sorts them. */
  SortedLog(RecordCursor cursor, int stream) throws IOException {
    this.stream = stream;
    List<Event> run = new ArrayList<>();
    try (cursor) {
      for (LogRecord r = cursor.next(); r != null; r = cursor.next()) {
        run.add(Event.of(r, cursor.ts(), stream));
        if (run.size() == RUN) {
          spill(run);
        }
      }
      if (runs.isEmpty()) {
        run.sort(Merge.ORDER);
        inMemory = run.iterator();
        return;
      }
      if (!run.isEmpty()) {
        spill(run);
      }
      heads = new PriorityQueue<>((a, b) -> Merge.ORDER.compare(a.event(), b.event()));
      for (Path p : runs) {
        BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8);
        open.add(in);
        push(in);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void spill(List<Event> run) throws IOException {
    run.sort(Merge.ORDER);
    Path p = Files.createTempFile("rowguard-sorted-", ".jsonl");
    p.toFile().deleteOnExit();
    runs.add(p);
    try (BufferedWriter out = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
      for (Event e : run) {
        // a raw \r in a record line can only be whitespace between tokens (JSON strings hold none):
        // a space reads the same, and the run file's lines end only at \n
        String line = e.record.line();
        out.write(line.indexOf('\r') < 0 ? line : line.replace('\r', ' '));
        out.write('\n');
      }
    }
    run.clear();
  }

  private void push(BufferedReader in) throws IOException {
    String line = in.readLine();
    if (line != null) {
      // a line the cursor read as a record, with a valid ts, written back as it was
      LogRecord r = LogRecord.parse(line);
      heads.add(new Head(Event.of(r, r.ts(), stream), in));
    }
  }

  @Override
  public @Nullable Event next() throws IOException {
    if (inMemory != null) {
      return inMemory.hasNext() ? inMemory.next() : null;
    }
    Head h = heads == null ? null : heads.poll();
    if (h == null) {
      return null;
    }
    push(h.from());
    return h.event();
  }

  @Override
  public void close() throws IOException {
    for (BufferedReader in : open) {
      in.close();
    }
    open.clear();
    for (Path p : runs) {
      Files.deleteIfExists(p);
    }
    runs.clear();
  }

  /** Opens {@code cursor}'s log sorted when its clock stepped back, else through the window. */
  static EventSource open(
      RecordCursor cursor,
      int stream,
      Reordered.Reader reader,
      Consumer<String> warnings,
      @Nullable Instant to)
      throws IOException {
    Step step = clockStep(cursor, to);
    if (step == null) {
      return new Reordered(reader, warnings);
    }
    warnings.accept(warning(cursor.log(), step));
    return new SortedLog(cursor, stream);
  }
}
