package dev.rowguard.checker.jpa;

/** How a persistent field relates to other entities. */
public enum Association {
  /** A basic column (or an embedded value). */
  NONE,
  MANY_TO_ONE,
  ONE_TO_ONE,
  ONE_TO_MANY,
  MANY_TO_MANY,
  ELEMENT_COLLECTION;

  /** True for the associations that hold a collection of other rows. */
  public boolean isToMany() {
    return this == ONE_TO_MANY || this == MANY_TO_MANY || this == ELEMENT_COLLECTION;
  }
}
