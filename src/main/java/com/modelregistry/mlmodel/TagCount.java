package com.modelregistry.mlmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** How many models have one tag (V8), read only: the database's triggers write it. No row: no model has the tag. */
@Entity
@Immutable
@Table(name = "tag_counts")
public class TagCount {

    @EmbeddedId
    public Tag tag;

    @Column(nullable = false)
    public long models;

    @Embeddable
    public record Tag(@Column(length = 64) String key, @Column(length = 500) String value) {
    }
}
