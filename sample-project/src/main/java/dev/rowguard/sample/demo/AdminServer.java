package dev.rowguard.sample.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rowguard.audit.AuditContext;
import dev.rowguard.sample.tenant.TenantDirectory;
import dev.rowguard.sample.tenant.TenantRepository;
import dev.rowguard.sample.tenant.TenantSyncService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * The sample's admin endpoint, on loopback: {@code POST /admin/tenants/sync} runs the tenant sync,
 * {@code GET /admin/tenants/count} counts tenants. Like a production web server it writes an access
 * log in the combined format, in its own local time zone (Europe/Berlin), with the request id
 * appended; the audit log is in UTC. Lining the two up is the post-mortem's job.
 */
final class AdminServer implements AutoCloseable {

  private static final ZoneId SERVER_ZONE = ZoneId.of("Europe/Berlin");
  private static final DateTimeFormatter ACCESS_LOG_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

  private final HttpServer server;
  private final EntityManagerFactory emf;
  private final TenantDirectory directory;
  private final Clock clock;
  private final Path accessLog;

  AdminServer(EntityManagerFactory emf, TenantDirectory directory, Clock clock, Path accessLog)
      throws IOException {
    this.emf = emf;
    this.directory = directory;
    this.clock = clock;
    this.accessLog = accessLog;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/admin/tenants/sync", exchange -> handle(exchange, "POST", this::sync));
    server.createContext("/admin/tenants/count", exchange -> handle(exchange, "GET", this::count));
    server.start();
  }

  String baseUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private String sync(TenantRepository tenants) {
    return new TenantSyncService(directory, tenants, clock).sync().toString();
  }

  private String count(TenantRepository tenants) {
    return tenants.count() + " tenants";
  }

  private void handle(
      HttpExchange exchange, String method, Function<TenantRepository, String> action)
      throws IOException {
    String requestId = UUID.randomUUID().toString();
    String route = method + " " + exchange.getHttpContext().getPath();
    int status;
    String body;
    if (!exchange.getRequestMethod().equals(method)) {
      status = 405;
      body = "method not allowed";
    } else {
      try (AuditContext.Scope scope =
          AuditContext.with("request_id", requestId, "route", route, "user", "ops@example.com")) {
        body = inTransaction(action);
        status = 200;
      } catch (RuntimeException e) {
        status = 500;
        body = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      }
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("X-Request-Id", requestId);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    writeAccessLog(exchange, status, bytes.length, requestId);
  }

  private String inTransaction(Function<TenantRepository, String> action) {
    EntityManager em = emf.createEntityManager();
    try {
      em.getTransaction().begin();
      String result =
          action.apply(new JpaRepositoryFactory(em).getRepository(TenantRepository.class));
      em.getTransaction().commit();
      return result;
    } catch (RuntimeException e) {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      throw e;
    } finally {
      em.close();
    }
  }

  /** nginx's combined format plus {@code "$request_id"}. */
  private void writeAccessLog(HttpExchange exchange, int status, int bytes, String requestId) {
    String userAgent = exchange.getRequestHeaders().getFirst("User-Agent");
    String line =
        String.format(
            Locale.ROOT,
            "%s - - [%s] \"%s %s HTTP/1.1\" %d %d \"-\" \"%s\" \"%s\"%n",
            exchange.getRemoteAddress().getAddress().getHostAddress(),
            ZonedDateTime.now(clock.withZone(SERVER_ZONE)).format(ACCESS_LOG_TIME),
            exchange.getRequestMethod(),
            exchange.getRequestURI(),
            status,
            bytes,
            userAgent == null ? "-" : userAgent,
            requestId);
    try {
      Files.writeString(
          accessLog,
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
