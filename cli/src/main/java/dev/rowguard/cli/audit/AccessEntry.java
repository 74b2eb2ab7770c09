package dev.rowguard.cli.audit;

import java.time.Instant;

/**
 * One request from an nginx/Apache access log in combined format.
 *
 * @param time the time the log gives (nginx: when the response was sent; Apache: when the request
 *     arrived)
 * @param host the host that served it (from {@code --access-log HOST=FILE}), or null when not given
 * @param client the client address
 * @param method the HTTP method, or the whole request line when it has no method
 * @param path the request target
 * @param status the response status
 * @param requestId a request id logged after the combined fields, or null
 * @param where {@code file:line}
 */
record AccessEntry(
    Instant time,
    String host,
    String client,
    String method,
    String path,
    int status,
    String requestId,
    String where) {

  /** "GET /admin/tenants/42 -> 200". */
  String summary() {
    return method + " " + path + " -> " + status;
  }
}
