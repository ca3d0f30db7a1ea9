package com.modelregistry.mlmodel;

import com.modelregistry.common.db.RegistryEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

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
}
