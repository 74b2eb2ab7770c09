package dev.rowguard.audit.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The shipper as its own process (a sidecar beside the application):
 *
 * <pre>
 * java -cp 'rowguard-audit-kafka.jar:lib/*' dev.rowguard.audit.kafka.ShipperMain ship.properties
 * </pre>
 *
 * <p>{@code ship.properties} holds the {@code rowguard.audit.ship.kafka.*} options ({@link
 * ShipOptions}); {@code -D} system properties of the same names override it. It ships until it is
 * stopped; SIGTERM lets the current batch finish, SIGKILL loses nothing either (the next start
 * resumes from the stored position).
 */
public final class ShipperMain {

  private ShipperMain() {}

  public static void main(String[] args) throws Exception {
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    ShipOptions options;
    try {
      options = ShipOptions.fromProperties(properties(args));
    } catch (IllegalArgumentException | IOException e) {
      err.println("rowguard-ship: " + e.getMessage());
      System.exit(2);
      return;
    }
    Shipper shipper = Shipper.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    shipper.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  stopped.countDown();
                }));
    stopped.await();
  }

  private static Properties properties(String[] args) throws IOException {
    Properties p = new Properties();
    if (args.length > 1) {
      throw new IllegalArgumentException(
          "give one properties file with the rowguard.audit.ship.kafka.* options, or none and"
              + " -D options");
    }
    if (args.length == 1) {
      try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
        p.load(in);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException(args[0] + ": no such properties file", e);
      }
    }
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith(ShipOptions.PREFIX)) {
        p.setProperty(name, System.getProperty(name));
      }
    }
    return p;
  }
}
