package dev.rowguard.audit.log;

import java.net.InetAddress;

/** The {@code host} and {@code pid} every record of this process carries; looked up once. */
public final class Origin {

  public static final String HOST = lookUpHost();
  public static final long PID = ProcessHandle.current().pid();

  private Origin() {}

  private static String lookUpHost() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
