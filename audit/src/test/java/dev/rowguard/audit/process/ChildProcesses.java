package dev.rowguard.audit.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Starts {@link DeletingChild} JVMs and collects the ops they acknowledged. */
final class ChildProcesses {

  private ChildProcesses() {}

  /** A running child and the ops it has acknowledged so far (filled by a reader thread). */
  record Child(Process process, Set<String> acked, Thread reader) {
    void awaitOutput() throws InterruptedException {
      reader.join(60_000);
    }
  }

  static Child start(Path logDir, String label, int threads, int perThread, long maxFileBytes)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                DeletingChild.class.getName(),
                logDir.toString(),
                label,
                Integer.toString(threads),
                Integer.toString(perThread),
                Long.toString(maxFileBytes))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Set<String> acked = ConcurrentHashMap.newKeySet();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("ACK ")) {
                    acked.add(line.substring(4));
                  } else if (line.startsWith("FAILED")) {
                    acked.add(line);
                  }
                }
              } catch (IOException e) {
                // the child was killed mid-line: what was read so far counts
              }
            });
    reader.start();
    return new Child(p, acked, reader);
  }

  static List<String> failures(Set<String> acked) {
    return acked.stream().filter(a -> a.startsWith("FAILED")).toList();
  }
}
