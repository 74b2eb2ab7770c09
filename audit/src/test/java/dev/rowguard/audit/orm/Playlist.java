package dev.rowguard.audit.orm;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.ArrayList;
import java.util.List;

/** An entity with an element collection: its rows are in a table of their own. */
@Entity
public class Playlist {
  @Id Long id;

  @ElementCollection
  @CollectionTable(name = "playlist_song")
  List<String> songs = new ArrayList<>();

  protected Playlist() {}

  public Playlist(long id) {
    this.id = id;
  }
}
