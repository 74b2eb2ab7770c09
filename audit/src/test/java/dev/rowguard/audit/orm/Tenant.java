package dev.rowguard.audit.orm;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.List;

@Entity
public class Tenant {
  @Id Long id;
  String name;

  @OneToMany(mappedBy = "tenant", cascade = CascadeType.ALL, orphanRemoval = true)
  List<Customer> customers = new ArrayList<>();

  protected Tenant() {}

  public Tenant(long id, String name) {
    this.id = id;
    this.name = name;
  }
}
