package dev.rowguard.sample.accounts;

import java.util.Optional;

/** Maps the actors of incoming activities to accounts. */
public class AccountResolver {

  private final AccountRepository accounts;

  public AccountResolver(AccountRepository accounts) {
    this.accounts = accounts;
  }

  /**
   * The incident: an activity without an actor id reached this lookup with a null uri, Spring Data
   * queried {@code uri IS NULL}, and the activity was attributed to the first local account.
   */
  public Optional<Account> resolve(RemoteActor actor) {
    return accounts.findFirstByUri(actor.uri());
  }

  /** The fix: a missing uri resolves to nobody. */
  public Optional<Account> resolveKnown(RemoteActor actor) {
    String uri = actor.uri();
    if (uri == null) {
      return Optional.empty();
    }
    return accounts.findFirstByUri(uri);
  }

  /** Whether a remote actor is already known; unknown when the payload has no id. */
  public boolean isKnown(RemoteActor actor) {
    return actor.uri() != null && accounts.existsByUri(actor.uri());
  }
}
