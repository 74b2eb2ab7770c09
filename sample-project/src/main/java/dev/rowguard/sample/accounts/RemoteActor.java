package dev.rowguard.sample.accounts;

import org.springframework.lang.Nullable;

/**
 * An actor as another server describes it in an incoming activity. Servers omit {@code id} for
 * transient actors, so the uri may be missing.
 *
 * @param uri the actor's ActivityPub id, when the payload has one
 * @param username the preferred username
 * @param domain the sending server
 */
public record RemoteActor(@Nullable String uri, String username, String domain) {}
