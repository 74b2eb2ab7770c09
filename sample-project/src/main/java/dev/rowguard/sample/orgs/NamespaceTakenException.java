package dev.rowguard.sample.orgs;

/** The namespace (or slug) someone asked for belongs to someone else. */
public class NamespaceTakenException extends RuntimeException {

  public NamespaceTakenException(String namespace) {
    super("namespace already taken: " + namespace);
  }
}
