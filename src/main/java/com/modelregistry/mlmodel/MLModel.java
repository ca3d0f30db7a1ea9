package com.modelregistry.mlmodel;

import com.modelregistry.common.db.RegistryEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A trained machine-learning model, owned by one user. */
@Entity
@Table(name = "models")
public class MLModel extends RegistryEntity {

    @Column(nullable = false)
    public String name;

    @Column(nullable = false, length = 50)
    public String framework;

    public Double accuracy;

    /**
     * The owning user's id. Only the id: a model never loads its owner, and this package does not know the User
     * entity. The foreign key (V1) refuses a missing owner and deletes a user's models with the user.
     */
    @Column(name = "owner_id", nullable = false, updatable = false)
    public Long ownerId;

    /** Key/value tags (V7: a jsonb object, indexed for ?tag=); {@link ModelTags} says which keys and values fit. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> tags = new HashMap<>();
}
