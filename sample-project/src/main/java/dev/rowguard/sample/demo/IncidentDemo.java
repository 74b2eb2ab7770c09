package dev.rowguard.sample.demo;

import dev.rowguard.sample.tenant.CallLog;
import dev.rowguard.sample.tenant.Recording;
import dev.rowguard.sample.tenant.Tenant;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Replays the tenant-sync incident end to end: a database of tenants with call logs and recordings,
 * an admin endpoint that runs the sync, and an operator who calls it. The String/UUID bug deletes
 * every tenant; the audit log records it, and the access log records the request.
 *
 * <p>Usage: {@code IncidentDemo OUTPUT_DIR}; writes the database {@code OUTPUT_DIR/db/}, its
 * nightly backup {@code OUTPUT_DIR/backup/} (taken before the incident), {@code OUTPUT_DIR/audit/}
 * and {@code OUTPUT_DIR/access.log}.
 */
public final class IncidentDemo {

  private static final int TENANTS = 120;
  private static final int CALLS_PER_TENANT = 3;

  private IncidentDemo() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: IncidentDemo OUTPUT_DIR");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    Path auditDir = out.resolve("audit");
    Path accessLog = out.resolve("access.log");
    deleteRecursively(auditDir);
    deleteRecursively(out.resolve("db"));
    deleteRecursively(out.resolve("backup"));
    Files.deleteIfExists(accessLog);
    Files.createDirectories(out);

    try (SampleDatabase db = new SampleDatabase(out, auditDir)) {
      List<String> directoryIds = seed(db);
      System.out.printf(
          "  seeded %d tenants, each with %d call logs and a recording; the directory lists all of them%n",
          TENANTS, CALLS_PER_TENANT);
      nightlyBackup(out);
      System.out.println("  nightly backup taken: " + SampleDatabase.backupUrl(out));
      try (AdminServer server =
          new AdminServer(
              db.entityManagerFactory(),
              new FixedDirectory(directoryIds),
              Clock.systemUTC(),
              accessLog)) {
        HttpClient client = HttpClient.newHttpClient();
        send(client, server, "GET", "/admin/tenants/count");
        send(client, server, "POST", "/admin/tenants/sync");
        send(client, server, "GET", "/admin/tenants/count");
      }
      System.out.println("  audit log:  " + db.auditLogDirectory());
      System.out.println("  access log: " + accessLog);
    }
  }

  /** Creates the tenants the directory lists, each with a few calls and a recording. */
  private static List<String> seed(SampleDatabase db) {
    EntityManager em = db.entityManagerFactory().createEntityManager();
    try {
      em.getTransaction().begin();
      Instant now = Instant.now();
      for (int i = 0; i < TENANTS; i++) {
        Tenant tenant = new Tenant(UUID.randomUUID(), "Tenant " + (i + 1), now);
        em.persist(tenant);
        for (int c = 0; c < CALLS_PER_TENANT; c++) {
          em.persist(
              new CallLog(
                  tenant,
                  "+4930" + (1000000 + i * 10 + c),
                  now.minusSeconds(3600L * c),
                  Duration.ofSeconds(60 + c)));
        }
        em.persist(new Recording(tenant, "s3://recordings/" + tenant.getId() + "/1.ogg", now));
      }
      em.getTransaction().commit();
      return em.createQuery("select t.id from Tenant t", UUID.class).getResultList().stream()
          .map(UUID::toString)
          .toList();
    } finally {
      em.close();
    }
  }

  /** A copy of the database as it is now, as the nightly backup job would make one. */
  private static void nightlyBackup(Path out) throws java.sql.SQLException {
    Path script = out.resolve("backup").resolve("nightly.sql");
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(SampleDatabase.url(out), "sa", "");
        java.sql.Statement s = c.createStatement()) {
      s.execute("SCRIPT TO '" + script.toAbsolutePath() + "'");
    }
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(SampleDatabase.backupUrl(out), "sa", "");
        java.sql.Statement s = c.createStatement()) {
      s.execute("RUNSCRIPT FROM '" + script.toAbsolutePath() + "'");
    }
  }

  private static void send(HttpClient client, AdminServer server, String method, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.baseUri() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .header("User-Agent", "ops-console/2.3")
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    String body = response.body();
    System.out.printf(
        "  %s %s -> %d %s%n",
        method,
        path,
        response.statusCode(),
        body.length() > 90 ? body.substring(0, 87) + "..." : body);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** The directory service's answer: every tenant is still a customer. */
  private record FixedDirectory(List<String> ids)
      implements dev.rowguard.sample.tenant.TenantDirectory {
    @Override
    public List<String> liveTenantIds() {
      return ids;
    }

    @Override
    public String displayName(String tenantId) {
      return "Tenant " + tenantId;
    }
  }
}
