package dev.rowguard.audit.orm;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

/** Deleted by the database's {@code ON DELETE CASCADE} when its account goes, not by Hibernate. */
@Entity
public class AccountEvent {
  @Id Long id;
  String what;

  @ManyToOne(optional = false)
  @OnDelete(action = OnDeleteAction.CASCADE)
  Account account;

  protected AccountEvent() {}

  public AccountEvent(long id, String what, Account account) {
    this.id = id;
    this.what = what;
    this.account = account;
  }
}
