package dev.rowguard.sample.orgs;

import org.springframework.dao.DataIntegrityViolationException;

/** Creates organizations and their teams. */
public class OrganizationService {

  private final OrganizationRepository organizations;
  private final TeamRepository teams;

  public OrganizationService(OrganizationRepository organizations, TeamRepository teams) {
    this.organizations = organizations;
    this.teams = teams;
  }

  /**
   * The incident: two sign-ups for the same namespace ran at once, both passed the existence check,
   * and both inserted; nothing in the database forbids two top-level organizations with one
   * namespace.
   */
  public Organization createTopLevel(String namespace, String displayName) {
    if (organizations.existsByNamespace(namespace)) {
      throw new NamespaceTakenException(namespace);
    }
    return organizations.save(new Organization(namespace, displayName, null));
  }

  /**
   * The same shape done right: the slug column is unique and NOT NULL, and the losing request of a
   * race gets the constraint violation, turned into the same answer as the early check.
   */
  public Team createTeam(Organization organization, String slug) {
    if (teams.findBySlug(slug).isPresent()) {
      throw new NamespaceTakenException(slug);
    }
    try {
      return teams.saveAndFlush(new Team(slug, organization));
    } catch (DataIntegrityViolationException raced) {
      throw new NamespaceTakenException(slug);
    }
  }

  /**
   * Looks up a team by slug, creating it on first use. The unique slug keeps a race from creating a
   * second team: the losing request fails with a constraint violation and can be retried.
   */
  public Team teamFor(Organization organization, String slug) {
    return teams.findBySlug(slug).orElseGet(() -> teams.save(new Team(slug, organization)));
  }
}
