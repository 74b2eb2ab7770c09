package dev.rowguard.cli.audit;

import dev.rowguard.cli.InvalidInputException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an nginx/Apache access log in combined format, one request at a time: {@code client ident
 * user [time] "request" status bytes "referer" "user-agent"}, optionally followed by a request id
 * ({@code request_id=ID}, {@code rid=ID}, or one more quoted field, as nginx logs {@code
 * "$request_id"}).
 */
final class AccessLogCursor implements Closeable {

  private static final Pattern COMBINED =
      Pattern.compile(
          "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"((?:[^\"\\\\]|\\\\.)*)\" (\\d{3}) \\S+(?: \"(?:[^\"\\\\]|\\\\.)*\" \"(?:[^\"\\\\]|\\\\.)*\")?(.*)$");
  private static final Pattern ID_PAIR =
      Pattern.compile("(?:^|\\s)([A-Za-z_-]+)=\"?([^\\s\"]+)\"?");
  private static final Pattern ID_QUOTED =
      Pattern.compile("^\\s*\"([A-Za-z0-9._:-]*[A-Za-z0-9][A-Za-z0-9._:-]*)\"\\s*$");
  private static final Set<String> ID_KEYS =
      Set.of("request_id", "requestid", "rid", "req_id", "x_request_id", "x-request-id", "reqid");
  private static final DateTimeFormatter WITH_OFFSET =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ROOT);

  private final Path file;
  private final String host;
  private final ZoneId zone;
  private final BufferedReader reader;
  private long lineNumber;

  /** {@code zone} is for logs whose times carry no offset; null makes such a log an error. */
  AccessLogCursor(AccessLogSpec spec, ZoneId zone) throws IOException {
    this.file = spec.file();
    this.host = spec.host();
    this.zone = zone;
    this.reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
  }

  /** The next request, or null at the end; blank lines are skipped. */
  AccessEntry next() throws IOException {
    String line;
    do {
      line = reader.readLine();
      lineNumber++;
      if (line == null) {
        return null;
      }
    } while (line.isBlank());
    String where = file + ":" + lineNumber;
    Matcher m = COMBINED.matcher(line);
    if (!m.matches()) {
      throw new InvalidInputException(
          where
              + ": not an access log line in combined format (client - user [time] \"request\" status bytes \"referer\" \"agent\")");
    }
    String[] request = m.group(3).split(" ", 3);
    String method = request.length >= 2 ? request[0] : m.group(3);
    String path = request.length >= 2 ? request[1] : "";
    return new AccessEntry(
        time(m.group(2), where),
        host,
        m.group(1),
        method,
        path,
        Integer.parseInt(m.group(4)),
        requestId(m.group(5)),
        where);
  }

  private java.time.Instant time(String text, String where) {
    try {
      return OffsetDateTime.parse(text, WITH_OFFSET).toInstant();
    } catch (DateTimeParseException withOffset) {
      try {
        LocalDateTime local = LocalDateTime.parse(text, LOCAL);
        if (zone == null) {
          throw new InvalidInputException(
              where
                  + ": the time ["
                  + text
                  + "] has no offset: pass --access-log-zone with the zone the server logs in");
        }
        return local.atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            where + ": bad time [" + text + "]: expected dd/MMM/yyyy:HH:mm:ss +hhmm");
      }
    }
  }

  private static String requestId(String rest) {
    if (rest == null || rest.isBlank()) {
      return null;
    }
    Matcher pair = ID_PAIR.matcher(rest);
    while (pair.find()) {
      if (ID_KEYS.contains(pair.group(1).toLowerCase(Locale.ROOT))) {
        return pair.group(2);
      }
    }
    Matcher quoted = ID_QUOTED.matcher(rest);
    return quoted.matches() ? quoted.group(1) : null;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
