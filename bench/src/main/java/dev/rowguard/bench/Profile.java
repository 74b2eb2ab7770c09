package dev.rowguard.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The execution samples of a Java Flight Recorder recording of one compile: how many there are, and
 * how many have a rowguard frame, by the outermost rowguard class on the stack (the check Error
 * Prone called, or the shared model it called into).
 */
final class Profile {
  /** The checks and the model they share; not the benchmark's own TimedJavac. */
  private static final List<String> ROWGUARD =
      List.of("dev.rowguard.checker.", "dev.rowguard.sql.");

  private final int samples;
  private final Map<String, Integer> rowguardSamples;

  private Profile(int samples, Map<String, Integer> rowguardSamples) {
    this.samples = samples;
    this.rowguardSamples = rowguardSamples;
  }

  /** Prints the samples of recordings made before: {@code Profile FILE.jfr...}. */
  public static void main(String[] args) throws IOException {
    for (String file : args) {
      System.out.println(file + ": " + read(Path.of(file)));
    }
  }

  static Profile read(Path recording) throws IOException {
    int samples = 0;
    Map<String, Integer> byClass = new TreeMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
      if (!event.getEventType().getName().equals("jdk.ExecutionSample")
          || event.getStackTrace() == null) {
        continue;
      }
      samples++;
      String outermost = null;
      for (RecordedFrame frame : event.getStackTrace().getFrames()) {
        String type = frame.getMethod().getType().getName();
        if (ROWGUARD.stream().anyMatch(type::startsWith)) {
          outermost = type;
        }
      }
      if (outermost != null) {
        String simple = outermost.substring(outermost.lastIndexOf('.') + 1);
        int inner = simple.indexOf('$');
        byClass.merge(inner < 0 ? simple : simple.substring(0, inner), 1, Integer::sum);
      }
    }
    return new Profile(samples, sortedBySamples(byClass));
  }

  private static Map<String, Integer> sortedBySamples(Map<String, Integer> samples) {
    return samples.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  @Override
  public String toString() {
    int rowguard = rowguardSamples.values().stream().mapToInt(Integer::intValue).sum();
    List<String> parts =
        rowguardSamples.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.toList());
    return String.format(
        "%d of %d execution samples (%.1f %%) have a rowguard frame%s",
        rowguard,
        samples,
        samples == 0 ? 0.0 : 100.0 * rowguard / samples,
        parts.isEmpty() ? "" : ": " + String.join(", ", parts));
  }
}
